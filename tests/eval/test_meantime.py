"""Tests for eventwire.eval.meantime: gold values, span matching, value comparison, the gate."""

from __future__ import annotations

import io
import textwrap
from datetime import date

import pytest

from _paths import SHARED, require_shared
from eventwire.eval import meantime, run_dataset
from eventwire.extract.time import TimeMention

D = date.fromisoformat


@pytest.mark.parametrize("value, start, end", [
    ("2009-05-14", "2009-05-14", "2009-05-14"),
    ("2009-05-14T12:00Z", "2009-05-14", "2009-05-14"),
    ("2009-05-14TMO", "2009-05-14", "2009-05-14"),
    ("2009-05", "2009-05-01", "2009-05-31"),
    ("2011-06-XX", "2011-06-01", "2011-06-30"),
    ("2009-W13", "2009-03-23", "2009-03-29"),
    ("2008-W42-WE", "2008-10-13", "2008-10-19"),
    ("2006-Q4", "2006-10-01", "2006-12-31"),
    ("2009-SP", "2009-03-01", "2009-05-31"),
    ("2008-WI", "2008-12-01", "2009-02-28"),
    ("2009", "2009-01-01", "2009-12-31"),
    ("199", "1990-01-01", "1999-12-31"),
])
def test_value_interval(value, start, end):
    assert meantime.value_interval(value) == (D(start), D(end))


@pytest.mark.parametrize("value", ["PAST_REF", "PRESENT_REF", "FUTURE_REF", "XXXX-XX-XX",
                                   "FY2009", "P3D", ""])
def test_values_without_a_calendar_period(value):
    assert meantime.value_interval(value) is None


def test_value_compared_at_the_gold_granularity():
    june = meantime.value_interval("2009-06")
    assert meantime.value_correct(june, D("2009-06-01"), D("2009-06-10"))      # "early June"
    assert not meantime.value_correct(meantime.value_interval("2009-06-03"),
                                      D("2009-06-01"), D("2009-06-30"))
    assert not meantime.value_correct(june, None, None)                         # unresolved
    assert not meantime.value_correct(june, D("2008-06-01"), D("2008-06-10"))  # wrong year


SAMPLE = textwrap.dedent("""\
    <?xml version="1.0" ?><Document doc_id="1" doc_name="1_Sample" lang="en" url="x">
    <token number="0" sentence="0" t_id="1">Council</token>
    <token number="1" sentence="0" t_id="2">votes</token>
    <token number="2" sentence="1" t_id="3">March</token>
    <token number="3" sentence="1" t_id="4">3</token>
    <token number="4" sentence="1" t_id="5">,</token>
    <token number="5" sentence="1" t_id="6">2010</token>
    <token number="6" sentence="2" t_id="7">The</token>
    <token number="7" sentence="2" t_id="8">council</token>
    <token number="8" sentence="2" t_id="9">voted</token>
    <token number="9" sentence="2" t_id="10">on</token>
    <token number="10" sentence="2" t_id="11">Monday</token>
    <token number="11" sentence="2" t_id="12">(</token>
    <token number="12" sentence="2" t_id="13">again</token>
    <token number="13" sentence="2" t_id="14">)</token>
    <token number="14" sentence="2" t_id="15">.</token>
    <Markables>
    <TIMEX3 functionInDocument="NONE" m_id="20" type="DATE" value="2010-03-01">
    <token_anchor t_id="11"/>
    </TIMEX3>
    <TIMEX3 functionInDocument="NONE" m_id="21" type="DATE" value="PAST_REF">
    <token_anchor t_id="13"/>
    </TIMEX3>
    <TIMEX3 functionInDocument="CREATION_TIME" m_id="22" type="DATE" value="2010-03-03">
    <token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
    </TIMEX3>
    </Markables>
    </Document>
    """)


def test_read_document_rebuilds_text_spans_and_date(tmp_path):
    path = tmp_path / "1_Sample.xml"
    path.write_text(SAMPLE, encoding="utf-8")
    doc = meantime.read_document(path)
    assert doc.text == "Council votes\n\nMarch 3, 2010\nThe council voted on Monday (again)."
    assert doc.date == "2010-03-03"
    assert doc.text[doc.creation_span[0]:doc.creation_span[1]] == "March 3, 2010"
    monday = next(t for t in doc.times if t.value == "2010-03-01")
    assert doc.text[monday.span[0]:monday.span[1]] == "Monday"
    assert [t.interval is None for t in doc.times] == [False, True]


def _mention(text, span, start, end, precision="day", qualifier=None):
    return TimeMention(text, span, start, end, precision, "point", qualifier=qualifier)


def test_score_document_matches_by_overlap_and_ignores_the_creation_time(tmp_path):
    path = tmp_path / "1_Sample.xml"
    path.write_text(SAMPLE, encoding="utf-8")
    doc = meantime.read_document(path)
    monday = doc.text.index("Monday")
    ours = [
        _mention("March 3, 2010", doc.creation_span, D("2010-03-03"), D("2010-03-03")),
        _mention("on Monday", (monday - 3, monday + 6), D("2010-03-01"), D("2010-03-01")),
    ]
    outcomes, unmatched = meantime.score_document(doc, ours)
    assert [(o.found, o.exact_span, o.correct) for o in outcomes] == [(True, False, True)]
    assert unmatched == 0
    wrong = [_mention("Monday", (monday, monday + 6), D("2010-03-08"), D("2010-03-08"))]
    outcomes, _ = meantime.score_document(doc, wrong)
    assert [(o.found, o.exact_span, o.correct) for o in outcomes] == [(True, True, False)]
    outcomes, unmatched = meantime.score_document(doc, [])
    assert [o.found for o in outcomes] == [False] and unmatched == 0


def test_since_is_compared_by_the_day_it_starts_from(tmp_path):
    path = tmp_path / "1_Sample.xml"
    path.write_text(SAMPLE.replace('value="2010-03-01"', 'value="2010-03"'), encoding="utf-8")
    doc = meantime.read_document(path)
    monday = doc.text.index("Monday")
    since = _mention("since Monday", (monday - 6, monday + 6), D("2010-03-01"), D("2010-03-03"),
                     qualifier="since")
    outcomes, _ = meantime.score_document(doc, [since])
    assert outcomes[0].correct


@pytest.mark.slow
def test_meantime_meets_its_floors(coder, tmp_path):
    require_shared(SHARED / "gold" / "meantime_en" / "README.txt")
    out = io.StringIO()
    code = run_dataset("meantime", data_dir=SHARED / "gold", report_path=tmp_path / "r.json",
                       check_floors=True, out=out, coder=coder, progress=False)
    assert code == 0, out.getvalue()
