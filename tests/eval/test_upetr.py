"""UniversalPetrarch validation reporting: tolerant reading, the crosswalk, judging, the report.

The records and crosswalk lines here are written for these tests in the files' formats.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from eventwire.errors import GoldDataError
from eventwire.eval import DATASETS, run_dataset
from eventwire.eval.gold import find_dataset_dir
from eventwire.eval.upetr import (
    CROSSWALK_FILENAME,
    FILENAME,
    FOLDER,
    Crosswalk,
    build_report,
    find_crosswalk,
    gold_country,
    judge,
    load_gold,
    parse_crosswalk,
    parse_validation,
    text_from_parse,
)
from eventwire.model import Article, Entity, Event, Provenance, Trigger, event_id

# A file with the quirks of the real one: '#' comment lines, self-closed <Sentence …/> openers
# followed by their content, a commented-out parse, wrapped text, an empty <Text> with a parse.
VALIDATION = """<?xml version='1.0' encoding='utf-8'?>
<Validation>
##################################
#   test records for eventwire
##################################
<Sentences>
<Sentence category="TEST" date="20190305" id="T_1" evaluate="true"/>
<EventCoding eventcode="046" sourcecode="RURGOV" targetcode="FRDGOV" />
<EventCoding eventcode="046" sourcecode="FRDGOV" targetcode="RURGOV" />
<Text>
Ruritanian envoys held a second round of
negotiations with Freedonia in Geneva.
</Text>
<Parse>
1	Ruritanian	ruritanian	ADJ	JJ	_	2	amod	_	_
</Parse></Sentence>

<Sentence category="TEST" date="20190305" id="T_2" evaluate="true">
<!-- a comment that mentions <Sentence id="ghost"/> must not count -->
<EventCoding noevents="True" />
<Text>
The harvest festival drew a large crowd to the square.
</Text>
<!---
<Parse>
1	The	the	DET	DT	_	2	det	_	_
</Parse>-->
</Sentence>

<Sentence category="TEST" date = "1903" id="T_3" evaluate="true"/>
<EventCoding eventcode="0871" sourcecode="---REB" targetcode="IGOUNO" />
<Text>
</Text>
<Parse>
1	Rebels	rebel	NOUN	NNS	_	2	nsubj	_	_
2	declared	declare	VERB	VBD	_	0	root	_	_
3	a	a	DET	DT	_	4	det	_	_
4	truce	truce	NOUN	NN	_	2	obj	_	SpaceAfter=No
5	.	.	PUNCT	.	_	2	punct	_	_
</Parse></Sentence>

<Sentence category="TEST" date="20190306" id="T_4" evaluate="true"/>
<EventCoding eventcode="018" sourcecode="RURGOV" targetcode="FRD" />
<Text>
The Ruritanian premier sent condolences to Freedonia.
</Text>
</Sentence>
</Sentences>
</Validation>
"""

CROSSWALK = """# CAMEO to PLOVER conversion table (test excerpt)

04: CONSULT
040: CONSULT, ,  # Consult
046: CONSULT,   , diplomatic    # Engage in negotiation

08: CONCEDE
080: CONCEDE,   ,  # Yield
081: CONCEDE,   ,   legal # Ease administrative sanctions

08: RETREAT
084: RETREAT,   ,  # Return, release
0871: RETREAT, ceasefire, military # Declare truce, ceasefire

16: SANCTION
160: SANCTION,   ,  # Reduce relations
163: COERCE, restrict,   diplomatic # Impose embargo
~~~~~
"""

PROVENANCE = Provenance(schema_version="1.0", coder_version="test", lexicon_sha256="0")


def make_event(text: str, event_type: str, words: str, *, cameo: str | None = None,
               actors: tuple[str, ...] = (), recipients: tuple[str, ...] = ()) -> Event:
    start = text.index(words)
    span = (start, start + len(words))
    return Event(id=event_id("x", span, event_type), article_id="a", event_type=event_type,
                 trigger=Trigger(text=words, span=span), provenance=PROVENANCE, cameo=cameo,
                 actors=tuple(Entity(id=c, name=c, country=c) for c in actors),
                 recipients=tuple(Entity(id=c, name=c, country=c) for c in recipients))


# --- reading ---------------------------------------------------------------------------------

def test_parse_validation_reads_a_malformed_file():
    sentences, notes = parse_validation(VALIDATION)
    assert [s.id for s in sentences] == ["T_1", "T_2", "T_3", "T_4"]
    first, second, third, fourth = sentences
    assert first.text == ("Ruritanian envoys held a second round of negotiations with "
                          "Freedonia in Geneva.")
    assert first.date == "2019-03-05" and first.category == "TEST"
    assert [(c.event_code, c.source, c.target) for c in first.codings] == [
        ("046", "RURGOV", "FRDGOV"), ("046", "FRDGOV", "RURGOV")]
    assert second.noevents and second.codings == ()
    assert third.text == "Rebels declared a truce." and third.date is None
    assert fourth.codings[0].root == "01"
    assert any("T_3" in note and "parse" in note for note in notes)
    assert any("T_3" in note and "1903" in note for note in notes)


def test_text_from_parse_honours_space_after():
    parse = "1\tGood\tgood\tADJ\tJJ\t_\t2\tamod\t_\t_\n2\tnews\tnews\tNOUN\tNN\t_\t0\troot\t_\tSpaceAfter=No\n3\t!\t!\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    assert text_from_parse(parse) == "Good news!"


def test_crosswalk_takes_the_most_specific_entry_and_the_manuals_overrides():
    crosswalk = parse_crosswalk(CROSSWALK)
    assert crosswalk.types("046") == {"CONSULT"}
    assert crosswalk.types("0461") == {"CONSULT"}           # falls back to 046
    assert crosswalk.types("163") == {"COERCE"}              # the crosswalk's own exception
    assert crosswalk.types("084") == {"RETREAT"}
    assert crosswalk.types("08") == {"CONCEDE", "RETREAT"}   # the root heads both halves
    assert crosswalk.types("0871") == {"CONCEDE"}            # manual: a declared truce is verbal
    assert crosswalk.types("080") == {"CONCEDE", "RETREAT"}  # manual: bare yield names neither
    assert crosswalk.types("018") == frozenset()             # CAMEO 01/02 were dropped
    assert crosswalk.types("021") == frozenset()
    assert crosswalk.types("99") == frozenset()


def test_crosswalk_errors_are_clear(tmp_path: Path):
    with pytest.raises(GoldDataError, match="no CAMEO-to-PLOVER"):
        parse_crosswalk("# nothing here\n")
    with pytest.raises(GoldDataError, match="unknown type"):
        parse_crosswalk("040: CONFER, , # not a PLOVER type\n")
    with pytest.raises(GoldDataError, match=CROSSWALK_FILENAME):
        find_crosswalk(tmp_path / "gold" / FOLDER, repo_root=tmp_path)


def test_gold_country_reads_cameo_actor_codes():
    assert gold_country("USAGOV") == "USA"
    assert gold_country("IGOUNOMIL") == "IGO"
    assert gold_country("---REB") is None
    assert gold_country("") is None


# --- judging and the report ------------------------------------------------------------------

def test_judge_matches_types_roots_and_reciprocal_actors():
    crosswalk = parse_crosswalk(CROSSWALK)
    sentence = parse_validation(VALIDATION)[0][0]
    text = sentence.text
    events = [make_event(text, "CONSULT", "negotiations", cameo="046",
                         actors=("RUR", "FRD"))]
    judgement = judge(sentence, events, crosswalk)
    assert judgement.type_match and judgement.cameo_root_match is True
    assert judgement.gold_sources == {"RUR", "FRD"}

    wrong = judge(sentence, [make_event(text, "AGREE", "held", cameo="036")], crosswalk)
    assert not wrong.type_match and wrong.cameo_root_match is False
    assert judge(sentence, [], crosswalk).cameo_root_match is None


def _gold_set(tmp_path: Path) -> Path:
    gold = tmp_path / "shared" / "gold" / FOLDER
    gold.mkdir(parents=True)
    (gold / FILENAME).write_text(VALIDATION, encoding="utf-8")
    reference = tmp_path / "shared" / "reference"
    reference.mkdir()
    (reference / CROSSWALK_FILENAME).write_text(CROSSWALK, encoding="utf-8")
    return gold


class ScriptedCoder:
    """Codes 'negotiations' as CONSULT and 'festival' as a (wrong) PROTEST."""

    def extract(self, article: Article) -> list[Event]:
        events = []
        if "negotiations" in article.text:
            events.append(make_event(article.text, "CONSULT", "negotiations", cameo="046",
                                     actors=("RUR", "FRD")))
        if "festival" in article.text:
            events.append(make_event(article.text, "PROTEST", "festival", cameo="141"))
        return events


def test_report_structure_on_a_small_set(tmp_path: Path):
    gold = load_gold(_gold_set(tmp_path))
    assert isinstance(gold.crosswalk, Crosswalk)
    from eventwire.eval.upetr import evaluate

    report = evaluate(ScriptedCoder(), gold, progress=False)
    figures = report["metrics"]
    assert set(figures) == {"type_match", "cameo_root", "actor_country", "actor_country_any",
                            "participant_country", "noevents_fp_rate"}
    assert figures["type_match"] == 0.5            # T_1 matched; T_3 (CONCEDE) missed
    assert figures["cameo_root"] == 1.0            # only T_1 has gold codings and a cameo
    assert figures["actor_country"] == 1.0
    assert figures["noevents_fp_rate"] == 1.0      # the festival sentence yields an event
    assert report["counts"]["unmapped_sentences"] == 1      # T_4: CAMEO 018 only
    assert report["false_positives"][0]["id"] == "T_2"
    assert report["gated"] is False and len(report["results"]) == 4
    assert build_report(gold, [])["metrics"]["type_match"] is None


def test_run_dataset_writes_the_report(tmp_path: Path):
    assert "upetr" in DATASETS
    gold = _gold_set(tmp_path)
    out = io.StringIO()
    report_path = tmp_path / "report.json"
    code = run_dataset("upetr", data_dir=gold.parent, report_path=report_path, out=out,
                       coder=ScriptedCoder(), progress=False)
    assert code == 0
    assert "reported, not gated" in out.getvalue()
    assert json.loads(report_path.read_text(encoding="utf-8"))["sentences"] == 4


def test_cli_offers_upetr():
    from click.testing import CliRunner

    from eventwire.cli import main

    result = CliRunner().invoke(main, ["eval", "--help"])
    assert result.exit_code == 0 and "upetr" in result.output


# --- the real thing -------------------------------------------------------------------------

@pytest.mark.slow
def test_real_run_completes_with_the_report_structure(tmp_path: Path, coder):
    try:
        folder = find_dataset_dir(FOLDER, FILENAME)
        find_crosswalk(folder)
    except GoldDataError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"gold data required in CI: {exc}")
        pytest.skip(f"gold data not available: {exc}")
    report_path = tmp_path / "eval-report-upetr.json"
    out = io.StringIO()
    assert run_dataset("upetr", report_path=report_path, out=out, coder=coder,
                       progress=False) == 0
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["sentences"] == 78
    assert report["counts"]["noevents_sentences"] == 12
    assert report["counts"]["typed_sentences"] + report["counts"]["unmapped_sentences"] == 66
    for name in ("type_match", "cameo_root", "actor_country", "noevents_fp_rate"):
        value = report["metrics"][name]
        assert value is None or 0.0 <= value <= 1.0
    crosswalk = load_gold(folder).crosswalk
    assert crosswalk.types("0871") == {"CONCEDE"} and crosswalk.types("173") == {"COERCE"}
