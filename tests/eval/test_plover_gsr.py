"""PLOVER GSR scoring: markup alignment, name mapping, the judging rule, floors, gold lookup.

Every sentence here is written for these tests in the gold file's markup format.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from eventwire.errors import GoldDataError
from eventwire.eval import floor_failures, load_floors, run_dataset
from eventwire.eval.gold import GOLD_ENV, find_dataset_dir
from eventwire.eval.plover_gsr import (
    FILENAME,
    FOLDER,
    align_spans,
    event_word_spans,
    judge,
    load_gold,
    normalise_country,
    normalise_type,
    parse_markup,
    strip_trailing_commas,
)
from eventwire.model import (
    EVENT_TYPES,
    Article,
    Count,
    Counts,
    Entity,
    Event,
    Provenance,
    Trigger,
    event_id,
)

SHARED_GOLD = Path("/work/shared/gold")


# --- markup ---------------------------------------------------------------------------------

def _tagged_text(markup: str) -> list[tuple[str, str]]:
    plain, tagged = parse_markup(markup)
    return [(tag, plain[start:end]) for tag, (start, end) in tagged]


def test_parse_markup_strips_tags_and_keeps_ordinary_parentheses():
    markup = ("The (SRC: Ruritanian cabinet) (EVT: endorsed) a (EVT: trade pact) with "
              "(TAR: the Freedonian Trade Office (FTO)) on Tuesday.")
    plain, _ = parse_markup(markup)
    assert plain == ("The Ruritanian cabinet endorsed a trade pact with "
                     "the Freedonian Trade Office (FTO) on Tuesday.")
    assert _tagged_text(markup) == [("SRC", "Ruritanian cabinet"), ("EVT", "endorsed"),
                                    ("EVT", "trade pact"),
                                    ("TAR", "the Freedonian Trade Office (FTO)")]


def test_parse_markup_handles_nesting_reciprocal_tags_and_a_missing_space():
    markup = "(SRC/TAR: Border guards) (EVT: exchanged fire) (LOC:near (TAR: Elbonia))."
    plain, _ = parse_markup(markup)
    assert plain == "Border guards exchanged fire near Elbonia."
    assert _tagged_text(markup) == [("SRC/TAR", "Border guards"), ("EVT", "exchanged fire"),
                                    ("LOC", "near Elbonia"), ("TAR", "Elbonia")]


def test_parse_markup_accepts_a_brace_typo_and_an_unclosed_phrase():
    assert _tagged_text("Ministers (EVT: have signed} the accord.") == [("EVT", "have signed")]
    assert _tagged_text("Delegates (EVT: walked out") == [("EVT", "walked out")]


def test_align_spans_follows_light_edits():
    source = "The two sides of this island have agreed to talk."
    target = "The two sides of the island have agreed to talk."
    start = source.index("agreed")
    [span] = align_spans(source, target, [(start, start + len("agreed"))])
    assert target[span[0]:span[1]] == "agreed"


def test_align_spans_gives_none_for_a_phrase_missing_from_the_text():
    source = "Officials xyzzy the plan."
    target = "Officials backed the plan."
    start = source.index("xyzzy")
    assert align_spans(source, target, [(start, start + 5)]) == [None]


def test_event_word_spans_locate_event_words_in_an_edited_text():
    markup = "(SRC: Freedonia) (EVT: recalled) its envoy from (TAR: Sylvania) last week."
    text = "Freedonia's cabinet recalled its envoy from Sylvania on Friday."
    spans, lost = event_word_spans(markup, text)
    assert [text[s:e] for s, e in spans] == ["recalled"]
    assert lost == 0


# --- names and codes ------------------------------------------------------------------------

@pytest.mark.parametrize("old, new", [("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"),
                                      ("INVESTIGATE", "ACCUSE"), ("FIGHT", "ASSAULT"),
                                      ("AGREE", "AGREE"), ("assault", "ASSAULT")])
def test_old_type_names_map_to_plover(old, new):
    assert normalise_type(old) == new


def test_unknown_type_name_is_an_error():
    with pytest.raises(GoldDataError, match="CHITCHAT"):
        normalise_type("CHITCHAT")


@pytest.mark.parametrize("code, iso", [("JAP", "JPN"), ("ITL", "ITA"), ("VTN", "VNM"),
                                       ("FRA", "FRA"), ("IGO", "IGO"), ("UNO", "IGO"),
                                       ("EUR", "IGO"), ("", None), (None, None)])
def test_country_codes_normalise(code, iso):
    assert normalise_country(code) == iso


def test_strip_trailing_commas_spares_commas_inside_strings():
    raw = '[{"a": "x, ]", "b": [1, 2,],},\n]'
    assert json.loads(strip_trailing_commas(raw)) == [{"a": "x, ]", "b": [1, 2]}]


# --- a tiny gold file -----------------------------------------------------------------------

GOLD_TEXT = """[
{
    "id": "TEST-DOCUMENT-0001",
    "event": "DOCUMENT",
    "eventText": "documentation, not an event",
},
{
    "id": "T-AGREE-1",
    "date": "2000-01-01",
    "source": [{"actorText": "Norway", "code": "NOR", "sector": "GOV"},
               {"actorText": "Sweden", "code": "SWE", "sector": "GOV"},],
    "target": "",
    "event": "AGREE",
    "text": "Norway and Sweden agreed on Monday to reopen the ferry line.",
    "textInfo": {"markup": "(SRC/TAR: Norway) and (SRC/TAR: Sweden) (EVT: agreed) on Monday to (EVT: reopen) the ferry line."},
},
{
    "id": "T-DEMAND-1",
    "date": "2000-01-01",
    "source": [{"actorText": "Students", "code": "CHL", "sector": "EDU"}],
    "target": [{"actorText": "the government", "code": "CHL", "sector": "GOV"}],
    "event": "DEMAND",
    "text": "Students demanded the release of their classmates.",
    "textInfo": {"markup": "(SRC: Students) (EVT: demanded the release) of their classmates."},
},
{
    "id": "T-FIGHT-1",
    "date": "2000-01-01",
    "source": [{"actorText": "Rebels", "code": "SDN", "sector": "REB"}],
    "target": [{"actorText": "the town", "code": "SDN", "sector": "CVL"}],
    "event": "FIGHT",
    "dead": "4",
    "text": "Rebels shelled the town, killing four people.",
    "textInfo": {"markup": "(SRC: Rebels) (EVT: shelled) (TAR: the town), killing four people."},
},
{
    "id": "T-PROTEST-1",
    "source": [{"actorText": "Farmers", "code": "FRA", "sector": "AGR"}],
    "event": "PROTEST",
    "size": "Thousands",
    "text": "Thousands of farmers marched in Lyon.",
    "textInfo": "(SRC: Farmers) (EVT: marched) in (LOC: Lyon).",
},
{
    "id": "T-DISAPPROVE-1",
    "date": "2000-01-01",
    "source": [{"actorText": "Kenya", "code": "KEN"}],
    "target": [{"actorText": "Uganda", "code": "UGA"}],
    "event": "DISAPPROVE",
    "text": "Kenya criticised Uganda sharply.",
    "textInfo": {"markup": "(SRC: Kenya) (EVT: criticised) (TAR: Uganda) sharply."},
},
{
    "id": "T-AGREE-1",
    "date": "2000-01-01",
    "source": [{"actorText": "Japan", "code": "JAP", "sector": "GOV"}],
    "target": [{"actorText": "Peru", "code": "PER", "sector": "GOV"}],
    "event": "SANCTION",
    "text": "Japan suspended its aid to Peru.",
    "textInfo": {"markup": "(SRC: Japan) (EVT: suspended) its aid to (TAR: Peru)."},
},
]
"""

PROVENANCE = Provenance(schema_version="1.0", coder_version="test", lexicon_sha256="0")


def make_event(article: Article, event_type: str, words: str, *, actors: tuple[str, ...] = (),
               recipients: tuple[str, ...] = (), killed: int | None = None) -> Event:
    """An event whose trigger is the first occurrence of ``words`` in the article."""
    start = article.text.index(words)
    span = (start, start + len(words))
    counts = Counts()
    if killed is not None:
        counts = Counts(killed=Count(low=killed, best=killed, high=None, text="x", span=span))
    return Event(
        id=event_id(article.sha256, span, event_type), article_id=article.id,
        event_type=event_type, trigger=Trigger(text=words, span=span), provenance=PROVENANCE,
        actors=tuple(Entity(id=c, name=c, country=c) for c in actors),
        recipients=tuple(Entity(id=c, name=c, country=c) for c in recipients),
        counts=counts)


class FakeCoder:
    """Emits scripted events per gold record and remembers the articles it was given."""

    def __init__(self) -> None:
        self.articles: list[Article] = []

    def extract(self, article: Article) -> list[Event]:
        self.articles.append(article)
        a = article
        script = {
            # right type on the event word (actors half right) + an event elsewhere (unjudged)
            "T-AGREE-1": lambda: [make_event(a, "AGREE", "agreed", actors=("NOR",)),
                                  make_event(a, "CONSULT", "Monday")],
            # the wrong type overlaps most, the right one less: recall miss, 1 of 2 precise
            "T-DEMAND-1": lambda: [make_event(a, "REQUEST", "release"),
                                   make_event(a, "ACCUSE", "demanded the")],
            # equal overlap: the first (wrong) one is chosen; its killed count is right
            "T-FIGHT-1": lambda: [make_event(a, "COERCE", "shelled", killed=4),
                                  make_event(a, "ASSAULT", "shelled")],
            # nothing coded
            "T-PROTEST-1": lambda: [],
            # trigger touches the event word's end but shares no character: unjudged
            "T-DISAPPROVE-1": lambda: [make_event(a, "ACCUSE", " Uganda")],
            # the duplicate id: JAP in gold must match JPN; recipient right
            "T-AGREE-1~2": lambda: [make_event(a, "SANCTION", "suspended", actors=("JPN",),
                                               recipients=("PER",))],
        }
        return script[article.id]()


@pytest.fixture()
def gold_root(tmp_path: Path) -> Path:
    root = tmp_path / "gold"
    (root / FOLDER).mkdir(parents=True)
    (root / FOLDER / FILENAME).write_text(GOLD_TEXT, encoding="utf-8")
    return root


def test_load_gold_reads_the_tolerant_format(gold_root: Path):
    gold = load_gold(gold_root / FOLDER / FILENAME)
    ids = [r.id for r in gold.records]
    assert ids == ["T-AGREE-1", "T-DEMAND-1", "T-FIGHT-1", "T-PROTEST-1", "T-DISAPPROVE-1",
                   "T-AGREE-1~2"]
    by_id = {r.id: r for r in gold.records}
    assert [by_id[i].event_type for i in ids] == ["AGREE", "REQUEST", "ASSAULT", "PROTEST",
                                                  "ACCUSE", "SANCTION"]
    assert by_id["T-FIGHT-1"].original_type == "FIGHT"
    assert by_id["T-FIGHT-1"].dead == 4 and by_id["T-FIGHT-1"].injured is None
    assert by_id["T-PROTEST-1"].size == "Thousands"
    assert by_id["T-PROTEST-1"].date == "2000-01-01"
    agree = by_id["T-AGREE-1"]
    assert [agree.text[s:e] for s, e in agree.evt_spans] == ["agreed", "reopen"]
    assert agree.source_countries == {"NOR", "SWE"} and agree.target_countries == frozenset()
    assert by_id["T-AGREE-1~2"].source_countries == {"JPN"}
    protest = by_id["T-PROTEST-1"]             # markup given as a bare string
    assert [protest.text[s:e] for s, e in protest.evt_spans] == ["marched"]
    assert any("duplicate id" in note for note in gold.notes)


def test_load_gold_reports_an_unparsable_file(tmp_path: Path):
    bad = tmp_path / FILENAME
    bad.write_text('[{"id": "x", ', encoding="utf-8")
    with pytest.raises(GoldDataError, match="cannot parse"):
        load_gold(bad)


def test_judge_picks_the_most_overlapping_event_and_counts_unjudged(gold_root: Path):
    gold = {r.id: r for r in load_gold(gold_root / FOLDER / FILENAME).records}
    coder = FakeCoder()
    record = gold["T-DEMAND-1"]
    article = Article(id=record.id, text=record.text)
    judgement = judge(record, coder.extract(article))
    assert judgement.predicted_type == "ACCUSE"
    assert judgement.overlap == len("demanded the")
    assert len(judgement.judged) == 2 and judgement.unjudged == 0
    assert not judgement.correct

    record = gold["T-FIGHT-1"]
    judgement = judge(record, coder.extract(Article(id=record.id, text=record.text)))
    assert judgement.predicted_type == "COERCE"          # tie -> first in coder order

    record = gold["T-DISAPPROVE-1"]
    judgement = judge(record, coder.extract(Article(id=record.id, text=record.text)))
    assert judgement.predicted_type == "NONE"
    assert judgement.unjudged == 1 and judgement.judged == ()


def _run(gold_root: Path, tmp_path: Path, **kwargs) -> tuple[int, str, dict]:
    out = io.StringIO()
    report_path = tmp_path / "report.json"
    code = run_dataset("plover-gsr", data_dir=gold_root, report_path=report_path, out=out,
                       coder=kwargs.pop("coder", FakeCoder()), progress=False, **kwargs)
    return code, out.getvalue(), json.loads(report_path.read_text(encoding="utf-8"))


def test_scores_of_the_fake_coder_by_hand(gold_root: Path, tmp_path: Path):
    coder = FakeCoder()
    code, text, report = _run(gold_root, tmp_path, coder=coder)
    assert code == 0
    figures = report["metrics"]
    # correct records: T-AGREE-1 and T-AGREE-1~2, of 6
    assert figures["recall"] == pytest.approx(2 / 6)
    # judged: 1 + 2 + 2 + 0 + 0 + 1 = 6; right type: AGREE, REQUEST, ASSAULT, SANCTION
    assert figures["precision"] == pytest.approx(4 / 6)
    # F1 is 1 for AGREE and SANCTION, 0 for REQUEST, ASSAULT, PROTEST, ACCUSE
    assert figures["macro_f1"] == pytest.approx(2 / 6)
    assert set(report["per_type"]) == set(EVENT_TYPES)
    assert report["per_type"]["REQUEST"]["precision"] == 1.0
    assert report["per_type"]["REQUEST"]["recall"] == 0.0
    assert report["per_type"]["COERCE"]["support"] == 0
    assert report["confusion"] == {
        "AGREE": {"AGREE": 1}, "REQUEST": {"ACCUSE": 1}, "ASSAULT": {"COERCE": 1},
        "PROTEST": {"NONE": 1}, "ACCUSE": {"NONE": 1}, "SANCTION": {"SANCTION": 1}}
    assert report["predictions"] == {"judged": 6, "unjudged": 2, "records_with_judged": 4}
    # actors: {NOR} vs {NOR, SWE} overlaps only; {JPN} vs JAP->JPN matches exactly
    assert figures["actor_country"] == 0.5
    assert figures["actor_country_any"] == 1.0
    assert figures["recipient_country"] == 1.0
    assert report["casualties"]["dead"] == {"records": 1, "exact": 1, "exact_share": 1.0}
    for name in ("recall", "precision", "macro_f1"):
        low, high = report["intervals"][name]
        assert low <= figures[name] <= high
    assert "micro recall" in text and "ASSAULT" in text and "actors vs gold sources" in text


def test_articles_carry_record_id_text_and_a_default_date(gold_root: Path, tmp_path: Path):
    coder = FakeCoder()
    _run(gold_root, tmp_path, coder=coder)
    protest = next(a for a in coder.articles if a.id == "T-PROTEST-1")
    assert protest.date == "2000-01-01"
    assert protest.text == "Thousands of farmers marched in Lyon."
    assert len(coder.articles) == 6


def test_report_is_the_same_on_every_run(gold_root: Path, tmp_path: Path):
    _, _, first = _run(gold_root, tmp_path)
    _, _, second = _run(gold_root, tmp_path)
    assert first == second


def test_default_report_path_is_in_the_current_directory(gold_root, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run_dataset("plover-gsr", data_dir=gold_root, out=io.StringIO(), coder=FakeCoder(),
                progress=False)
    assert (tmp_path / "eval-report-plover-gsr.json").is_file()


# --- floors ---------------------------------------------------------------------------------

def test_floors_met_exit_zero(gold_root: Path, tmp_path: Path):
    code, text, report = _run(gold_root, tmp_path, check_floors=True,
                              floors={"plover-gsr": {"recall": 0.3, "actor_country": 0.5}})
    assert code == 0
    assert report["floors"]["failures"] == []
    assert "floors met" in text


def test_a_score_below_its_floor_exits_one_and_names_it(gold_root: Path, tmp_path: Path):
    code, text, report = _run(gold_root, tmp_path, check_floors=True,
                              floors={"plover-gsr": {"recall": 0.5, "precision": 0.1}})
    assert code == 1
    assert "recall" in text and "FLOORS FAILED" in text
    assert len(report["floors"]["failures"]) == 1
    assert report["floors"]["failures"][0].startswith("recall")


def test_floors_are_ignored_unless_checked(gold_root: Path, tmp_path: Path):
    code, _, report = _run(gold_root, tmp_path, floors={"plover-gsr": {"recall": 0.99}})
    assert code == 0
    assert report["floors"] == {"checked": False}


def test_missing_floors_and_unknown_metrics_fail_the_check(gold_root: Path, tmp_path: Path):
    code, text, _ = _run(gold_root, tmp_path, check_floors=True, floors={})
    assert code == 1 and "no floors recorded" in text
    code, text, _ = _run(gold_root, tmp_path, check_floors=True,
                         floors={"plover-gsr": {"recal": 0.0}})
    assert code == 1 and "recal" in text


def test_floor_failures_rules():
    assert floor_failures({"recall": 0.5}, {"recall": 0.5}) == []
    assert [f.metric for f in floor_failures({"recall": 0.49}, {"recall": 0.5})] == ["recall"]
    # nothing scored counts as 0.0: fails a positive floor, passes a zero one
    assert len(floor_failures({"actor_country": None}, {"actor_country": 0.1})) == 1
    assert floor_failures({"actor_country": None}, {"actor_country": 0.0}) == []


def test_packaged_floors_cover_the_gated_metrics():
    floors = load_floors()
    assert set(floors["plover-gsr"]) == {"recall", "precision", "macro_f1", "actor_country"}
    assert all(isinstance(v, float) for v in floors["plover-gsr"].values())


def test_floors_file_of_the_wrong_shape_is_an_error(tmp_path: Path):
    path = tmp_path / "floors.yaml"
    path.write_text("plover-gsr: [0.5]\n", encoding="utf-8")
    with pytest.raises(GoldDataError):
        load_floors(path)


# --- finding the gold data ------------------------------------------------------------------

def _make_set(root: Path) -> Path:
    (root / FOLDER).mkdir(parents=True)
    (root / FOLDER / FILENAME).write_text("[]", encoding="utf-8")
    return (root / FOLDER).resolve()


def test_gold_found_from_data_dir_given_as_root_or_as_the_set(tmp_path: Path):
    expected = _make_set(tmp_path / "g")
    for given in (tmp_path / "g", tmp_path / "g" / FOLDER):
        assert find_dataset_dir(FOLDER, FILENAME, given, environ={}, repo_root=None) == expected


def test_gold_lookup_order(tmp_path: Path):
    env_set = _make_set(tmp_path / "env")
    cwd = tmp_path / "work" / "here"
    cwd.mkdir(parents=True)
    cwd_set = _make_set(tmp_path / "work" / "shared" / "gold")
    repo = tmp_path / "repo" / "main"
    repo.mkdir(parents=True)
    repo_set = _make_set(tmp_path / "repo" / "shared" / "gold")
    environ = {GOLD_ENV: str(tmp_path / "env")}

    assert find_dataset_dir(FOLDER, FILENAME, environ=environ, cwd=cwd, repo_root=repo) == env_set
    assert find_dataset_dir(FOLDER, FILENAME, environ={}, cwd=cwd, repo_root=repo) == cwd_set
    assert find_dataset_dir(FOLDER, FILENAME, environ={}, cwd=tmp_path, repo_root=repo) == repo_set


def test_missing_gold_raises_a_clear_error_without_falling_back(tmp_path: Path):
    cwd = tmp_path / "work" / "here"
    cwd.mkdir(parents=True)
    _make_set(tmp_path / "work" / "shared" / "gold")     # would be found by the default rule
    with pytest.raises(GoldDataError, match="--data"):
        find_dataset_dir(FOLDER, FILENAME, tmp_path / "nowhere", environ={}, cwd=cwd)
    with pytest.raises(GoldDataError, match=GOLD_ENV):
        find_dataset_dir(FOLDER, FILENAME, environ={GOLD_ENV: str(tmp_path / "nowhere")},
                         cwd=cwd)
    with pytest.raises(GoldDataError, match=FILENAME):
        find_dataset_dir(FOLDER, FILENAME, environ={}, cwd=tmp_path, repo_root=tmp_path)


def test_unknown_dataset_is_an_error():
    with pytest.raises(GoldDataError, match="unknown data set"):
        run_dataset("no-such-set", out=io.StringIO(), coder=FakeCoder())


# --- the real thing -------------------------------------------------------------------------

@pytest.mark.slow
def test_real_coder_meets_the_recorded_floors(tmp_path: Path):
    try:
        find_dataset_dir(FOLDER, FILENAME)
    except GoldDataError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"gold data required in CI: {exc}")
        pytest.skip(f"gold data not available (looked for {SHARED_GOLD}): {exc}")
    out = io.StringIO()
    report_path = tmp_path / "eval-report-plover-gsr.json"
    code = run_dataset("plover-gsr", report_path=report_path, check_floors=True, out=out,
                       progress=False)
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert code == 0, out.getvalue()
    assert set(report["per_type"]) == set(EVENT_TYPES) and len(report["per_type"]) == 16
    assert report["records"] == 322
