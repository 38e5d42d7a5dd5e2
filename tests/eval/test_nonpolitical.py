"""Non-political false positives: the packaged sentence set, the report, and ceilings ("max_" floors)."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import pytest

from eventwire.errors import GoldDataError
from eventwire.eval import DATASETS, FloorFailure, floor_failures, load_floors, run_dataset
from eventwire.eval.nonpolitical import (
    ARTICLE_DATE,
    DATASET,
    DEVELOPMENT,
    HELDOUT,
    HELDOUT_RESOURCE,
    RESOURCE,
    build_report,
    evaluate,
    format_report,
    load_gold,
    load_sentences,
    load_sets,
    parse_sentences,
)
from eventwire.model import Article, Entity, Event, Provenance, Trigger, event_id

PROVENANCE = Provenance(schema_version="1.0", coder_version="test", lexicon_sha256="0")
MINIMUM_PER_CATEGORY = {"sport": 40, "business": 40, "weather": 30, "disaster": 40, "crime": 30,
                        "science": 20}


class TriggerHappyCoder:
    """Codes every 'attack' as an ASSAULT, and remembers the articles it saw."""

    def __init__(self) -> None:
        self.articles: list[Article] = []

    def extract(self, article: Article) -> list[Event]:
        self.articles.append(article)
        start = article.text.find("attack")
        if start < 0:
            return []
        span = (start, start + len("attack"))
        return [Event(id=event_id(article.sha256, span, "ASSAULT"), article_id=article.id,
                      event_type="ASSAULT", trigger=Trigger(text="attack", span=span),
                      provenance=PROVENANCE, actors=(Entity(id="ESP", name="Spain", country="ESP"),))]


def _words(text: str) -> str:
    return " ".join("".join(c for c in word if c.isalnum()) for word in text.lower().split())


SMALL_HELDOUT = """sport\tThe hosts attack early and often.
sport\tThe visitors held on for a draw.
sport\tThe keeper kept a clean sheet.
weather\tSunny spells in the east.
"""


SMALL_SET = """# a comment line
sport\tThe visitors launched a swift attack and scored.
sport\tThe home side won on penalties.

weather\tLight rain will clear by noon.
weather\tThe storm will attack the coast tonight, forecasters said.
"""


# --- the packaged sentences ------------------------------------------------------------------

def test_packaged_set_is_large_varied_and_well_formed():
    sentences = load_sentences().sentences
    assert len(sentences) >= 200
    per_category = Counter(s.category for s in sentences)
    for category, minimum in MINIMUM_PER_CATEGORY.items():
        assert per_category[category] >= minimum, category
    assert set(per_category) == set(MINIMUM_PER_CATEGORY)
    assert len({s.text for s in sentences}) == len(sentences)
    assert all(s.text[0].isupper() and s.text.endswith(".") for s in sentences)


def test_heldout_set_is_large_new_and_covers_every_category():
    heldout = load_sentences(resource=HELDOUT_RESOURCE)
    assert heldout.name == HELDOUT and heldout.source.endswith(HELDOUT_RESOURCE)
    sentences = heldout.sentences
    assert len(sentences) >= 250
    assert set(Counter(s.category for s in sentences)) == set(MINIMUM_PER_CATEGORY)
    assert min(Counter(s.category for s in sentences).values()) >= 30
    assert len({s.text for s in sentences}) == len(sentences)
    assert all(s.text[0].isupper() and s.text.endswith(".") for s in sentences)
    development = {_words(s.text) for s in load_sentences().sentences}
    assert not [s.text for s in sentences if _words(s.text) in development]


def test_packaged_sets_are_heldout_then_development():
    sets = load_gold()
    assert [one.name for one in sets] == [HELDOUT, DEVELOPMENT]
    assert sets[0].source.endswith(HELDOUT_RESOURCE) and sets[1].source.endswith(RESOURCE)


def test_load_sets_from_a_folder_or_a_file(tmp_path: Path):
    (tmp_path / RESOURCE).write_text(SMALL_SET, encoding="utf-8")
    [only] = load_sets(tmp_path)
    assert only.name == DEVELOPMENT and len(only.sentences) == 4
    (tmp_path / HELDOUT_RESOURCE).write_text(SMALL_HELDOUT, encoding="utf-8")
    assert [one.name for one in load_sets(tmp_path)] == [HELDOUT, DEVELOPMENT]
    other = tmp_path / "mine.tsv"
    other.write_text(SMALL_SET, encoding="utf-8")
    assert [(one.name, len(one.sentences)) for one in load_sets(other)] == [("mine", 4)]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(GoldDataError, match="none of"):
        load_sets(empty)


def test_parse_sentences_skips_comments_and_rejects_bad_lines():
    sentences = parse_sentences(SMALL_SET)
    assert [s.id for s in sentences] == ["sport-1", "sport-2", "weather-1", "weather-2"]
    with pytest.raises(GoldDataError, match="line 1"):
        parse_sentences("a sentence without a category\n")
    with pytest.raises(GoldDataError, match="twice"):
        parse_sentences("sport\tSame.\nsport\tSame.\n")


def test_load_sentences_from_a_file_or_folder(tmp_path: Path):
    path = tmp_path / "nonpolitical_sentences.tsv"
    path.write_text(SMALL_SET, encoding="utf-8")
    assert len(load_sentences(path).sentences) == 4
    assert len(load_sentences(tmp_path).sentences) == 4
    with pytest.raises(GoldDataError, match="cannot read"):
        load_sentences(tmp_path / "missing.tsv")


# --- the report ------------------------------------------------------------------------------

def test_report_gives_rates_per_category_and_lists_offenders(tmp_path: Path):
    path = tmp_path / "set.tsv"
    path.write_text(SMALL_SET, encoding="utf-8")
    coder = TriggerHappyCoder()
    report = evaluate(coder, load_sentences(path), progress=False)
    assert all(article.date == ARTICLE_DATE for article in coder.articles)
    assert report["metrics"] == {"event_rate": 0.5, "event_rate_sport": 0.5,
                                 "event_rate_weather": 0.5}
    assert report["categories"]["sport"] == {"sentences": 2, "with_events": 1, "events": 1,
                                             "event_rate": 0.5}
    assert [row["id"] for row in report["offending"]] == ["sport-1", "weather-2"]
    assert report["offending"][0]["events"][0]["event_type"] == "ASSAULT"
    assert build_report("empty", [])["metrics"]["event_rate"] is None


def test_report_over_both_sets_gates_the_heldout_and_reports_the_development(tmp_path: Path):
    (tmp_path / RESOURCE).write_text(SMALL_SET, encoding="utf-8")
    (tmp_path / HELDOUT_RESOURCE).write_text(SMALL_HELDOUT, encoding="utf-8")
    report = evaluate(TriggerHappyCoder(), load_sets(tmp_path), progress=False)
    # the top level is the held-out (gated) set, as with a single file
    assert report["gated_set"] == HELDOUT and report["set"] == HELDOUT
    assert report["source"].endswith(HELDOUT_RESOURCE) and report["sentences"] == 4
    assert report["metrics"] == {"event_rate": 0.25, "event_rate_sport": 1 / 3,
                                 "event_rate_weather": 0.0,
                                 "development_event_rate": 0.5,
                                 "development_event_rate_sport": 0.5,
                                 "development_event_rate_weather": 0.5}
    assert [row["id"] for row in report["offending"]] == ["sport-1"]
    assert list(report["sets"]) == [HELDOUT, DEVELOPMENT]
    development = report["sets"][DEVELOPMENT]
    assert development["source"].endswith(RESOURCE) and development["with_events"] == 2
    assert [row["id"] for row in development["offending"]] == ["sport-1", "weather-2"]
    assert development["categories"]["weather"]["event_rate"] == 0.5
    text = format_report(report)
    assert text.index("heldout set (gated)") < text.index("development set (not gated)")
    assert "The storm will attack the coast tonight" in text
    assert "The hosts attack early and often." in text


# --- ceilings in the floors mechanism ---------------------------------------------------------

def test_max_keys_are_ceilings():
    assert floor_failures({"event_rate": 0.05}, {"max_event_rate": 0.05}) == []
    assert floor_failures({"event_rate": 0.01}, {"max_event_rate": 0.05}) == []
    [failure] = floor_failures({"event_rate": 0.06}, {"max_event_rate": 0.05})
    assert failure == FloorFailure("event_rate", 0.06, 0.05, "above maximum")
    assert str(failure) == "event_rate 0.0600 > maximum 0.0500"
    [unscored] = floor_failures({"event_rate": None}, {"max_event_rate": 0.05})
    assert "none scored" in str(unscored)
    [missing] = floor_failures({}, {"max_event_rate": 0.05})
    assert missing.reason == "no such metric in the report"
    # ordinary floors are unchanged beside ceilings
    mixed = floor_failures({"recall": 0.5, "event_rate": 0.1},
                           {"recall": 0.6, "max_event_rate": 0.2})
    assert [f.metric for f in mixed] == ["recall"]


def test_packaged_floors_hold_a_ceiling_for_nonpolitical():
    ceiling = load_floors()[DATASET]["max_event_rate"]
    assert 0.0 < ceiling <= 0.2


def test_run_dataset_checks_the_ceiling(tmp_path: Path):
    assert DATASET in DATASETS
    path = tmp_path / "set.tsv"
    path.write_text(SMALL_SET, encoding="utf-8")
    for ceiling, expected in ((0.5, 0), (0.4, 1)):
        out = io.StringIO()
        report_path = tmp_path / "report.json"
        code = run_dataset(DATASET, data_dir=path, report_path=report_path, check_floors=True,
                           out=out, coder=TriggerHappyCoder(),
                           floors={DATASET: {"max_event_rate": ceiling}}, progress=False)
        assert code == expected, out.getvalue()
        report = json.loads(report_path.read_text(encoding="utf-8"))
        assert report["floors"]["checked"] is True
    assert "event_rate 0.5000 > maximum 0.4000" in out.getvalue()


def test_run_dataset_gates_the_heldout_set_only(tmp_path: Path):
    (tmp_path / RESOURCE).write_text(SMALL_SET, encoding="utf-8")
    (tmp_path / HELDOUT_RESOURCE).write_text(SMALL_HELDOUT, encoding="utf-8")
    out = io.StringIO()
    report_path = tmp_path / "report.json"
    # held-out 0.25 under the ceiling, development 0.5 above it: passes
    code = run_dataset(DATASET, data_dir=tmp_path, report_path=report_path, check_floors=True,
                       out=out, coder=TriggerHappyCoder(),
                       floors={DATASET: {"max_event_rate": 0.3}}, progress=False)
    assert code == 0, out.getvalue()
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["metrics"]["event_rate"] == 0.25
    assert report["metrics"]["development_event_rate"] == 0.5
    assert set(report["sets"]) == {HELDOUT, DEVELOPMENT}
    assert "heldout set (gated)" in out.getvalue() and "development set" in out.getvalue()


def test_cli_offers_nonpolitical():
    from click.testing import CliRunner

    from eventwire.cli import main

    result = CliRunner().invoke(main, ["eval", "--help"])
    assert result.exit_code == 0 and "nonpolitical" in result.output


# --- the real coder --------------------------------------------------------------------------

@pytest.mark.slow
def test_real_coder_stays_under_the_recorded_ceiling(tmp_path: Path, coder):
    out = io.StringIO()
    code = run_dataset(DATASET, report_path=tmp_path / "report.json", check_floors=True, out=out,
                       coder=coder, progress=False)
    assert code == 0, out.getvalue()
