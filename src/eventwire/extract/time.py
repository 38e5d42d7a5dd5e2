"""Find time expressions in English news text and resolve them against the publication date.

``find_times(doc, article_date)`` returns every time expression of a spaCy ``Doc`` as a
``TimeMention``: its exact text and character span, the inclusive date interval it denotes,
its precision (day | week | month | quarter | season | year | decade | unknown), whether it
is a point or a duration, and how it is anchored (absolute, relative to the article date,
or anaphoric, i.e. relative to another event in the story).

Conventions (general English-news usage; documented here because the text leaves them open):

* Spans leave out a leading preposition ("on", "in", "for", "over", "after", "during"),
  because it does not change the interval; ``since`` is kept, because it does: "since 2021"
  runs from 2021-01-01 to the article date.
* Tense decides direction for expressions that name a calendar slot without saying which
  one: a weekday is the most recent one on or before the article date in past tense and
  the next one on or after it in future tense (news names the day of publication by its
  weekday: "will vote on Wednesday" in a Wednesday paper is that day); a month-day without
  a year, a month, a quarter or a season is the most recent one that has begun (past) or
  the first that has not ended (future). In the present tense ("arrives on November 11",
  "has a June 1 deadline") and with modals other than will/would ("may be signed on
  March 3") the direction is open, and the instance nearest the article date is
  taken. "last"/"next" in the text override tense.
* Weeks run Monday to Sunday. Seasons are Northern-hemisphere meteorological seasons
  (spring = March-May, summer = June-August, autumn = September-November, winter =
  December-February); "winter 2021" is December 2020 - February 2021, the winter whose
  January falls in 2021.
* Parts of a period: a month's early/mid/late third is days 1-10 / 11-20 / 21-end (precision
  month); a year's is January-April / May-August / September-December with precision
  *season*, since the interval is about a season long and month precision would overstate
  what the text says ("late last year" = Sep 1 - Dec 31 of the previous year, season).
  "The end/beginning of" a year is December/January (month).
* "a few"/"several" units are taken as up to seven, so "a few days ago" is D-7 .. D-2
  with the next coarser precision (week); the interval is wide on purpose so it contains
  the truth.
* Durations carry ``days`` (weeks x 7, months x 30, years x 365, hours rounded up to whole
  days) and a ``qualifier``; their start/end stay None for the extractor to anchor, except
  windows tied to the article date ("over the past three months", "in the coming days").
* Anaphoric expressions ("the same day", "hours later", "two days after") keep start/end
  None; ``days`` then holds the signed offset in days when the text gives one
  ("two days later" = 2, "a day earlier" = -1).
* Without an article date, relative expressions stay unresolved; the date of today is
  never used.
"""

from __future__ import annotations

import calendar
import logging
import math
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from re import _constants as _sre_constants, _parser as _sre_parser   # to read a pattern's first characters
from typing import Any, Callable, Iterator, Optional, Sequence

from ..nlp.sentences import doc_text as _doc_text
from ..nlp.tokens import entity_spans

log = logging.getLogger(__name__)

__all__ = ["TimeMention", "counted_offset", "find_times", "resolve", "resolve_anaphora", "anchor_period", "tense_of",
           "PRECISIONS"]

PRECISIONS = ("day", "week", "month", "quarter", "season", "year", "decade", "unknown")


@dataclass(frozen=True)
class TimeMention:
    """One time expression and the interval it denotes (start/end inclusive, or None)."""

    text: str
    span: tuple[int, int]
    start: Optional[date]
    end: Optional[date]
    precision: str
    kind: str
    days: Optional[int] = None
    qualifier: Optional[str] = None
    anchor: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, with ``value_start``/``value_end`` as the ``annotate`` output names them."""
        return {
            "text": self.text,
            "span": list(self.span),
            "value_start": self.start.isoformat() if self.start else None,
            "value_end": self.end.isoformat() if self.end else None,
            "precision": self.precision,
            "kind": self.kind,
            "days": self.days,
            "qualifier": self.qualifier,
            "anchor": self.anchor,
        }


# --------------------------------------------------------------------------- vocabulary

MONTH_NAMES = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTHS = {**MONTH_NAMES, **MONTH_ABBREVIATIONS}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a couple of": 2, "couple of": 2, "a pair of": 2, "a dozen": 12, "dozen": 12,
}
QUALIFIERS = {
    "more than": "more than", "well over": "more than", "just over": "more than",
    "over": "more than", "upwards of": "more than", "in excess of": "more than",
    "at least": "at least", "no less than": "at least", "no fewer than": "at least",
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "some": "about",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "less than": "less than", "fewer than": "less than", "under": "less than",
    "up to": "at most", "at most": "at most", "no more than": "at most",
}
UNIT_DAYS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "month": 30,
             "year": 365, "decade": 3650}
UNIT_PRECISION = {"minute": "day", "hour": "day", "day": "day", "week": "week",
                  "month": "month", "year": "year", "decade": "decade"}
# "a few days ago" is vaguer than "two days ago": report the next coarser grain.
COARSER = {"day": "week", "week": "month", "month": "year", "year": "decade", "decade": "decade"}
SEASON_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
            "fourth": 4, "4th": 4, "final": 4, "last": 4}
FEW_MAX = 7  # upper bound read into "a few" / "several" / "the coming days"
FEW_MIN = 2


def _alternation(words, *, case_sensitive: bool = False) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    if not case_sensitive:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    # Month and weekday names must be capitalised: "may", "march" and "sunday" lower-case
    # are verbs or nouns far more often than dates.
    forms = [f for w in ordered for f in (w.title(), w.upper())]
    return "(?-i:" + "|".join(forms) + ")"


_NUM = (r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d{1,6}|"
        r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|"
        + _alternation(k for k in NUMBER_WORDS if not k.endswith("ty")) + r")(?!\w)")
_FEW = r"(?:a\s+few|a\s+handful\s+of|few|several|some|many|numerous)"
_QUAL = r"(?:" + _alternation(QUALIFIERS) + r")"
_UNIT = r"\b(?:decades?|years?|months?|weeks?|days?|hours?|minutes?)"
_MONTH_FULL = _alternation(MONTH_NAMES, case_sensitive=True)
_MONTH_ANY = r"(?:" + _MONTH_FULL + "|" + _alternation(MONTH_ABBREVIATIONS, case_sensitive=True) + r"\.?)"
_WEEKDAY = _alternation(WEEKDAYS, case_sensitive=True)
_PART = r"(?:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)"
_ORD_SUFFIX = r"(?:st|nd|rd|th)?"

_TOKENS = {
    "<NUM>": _NUM, "<FEW>": _FEW, "<QUAL>": _QUAL, "<UNIT>": _UNIT, "<PART>": _PART,
    "<MONTH>": _MONTH_FULL, "<MON>": _MONTH_ANY, "<WD>": _WEEKDAY, "<ORD>": _ORD_SUFFIX,
    "<YEAR>": r"\b(?<![\d$£€.,])(?:1[89]|20)\d\d",
}


def _pattern(template: str) -> re.Pattern[str]:
    for token, regex in _TOKENS.items():
        template = template.replace(token, regex)
    return _led(re.compile(template, re.IGNORECASE))


def _led(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` led by a look-ahead for the characters its matches can begin with.

    The regex engine tries a case-insensitive pattern that opens with optional words in full
    at every position; the look-ahead turns most positions away at once. It matches the same
    text (every match begins with one of those characters); a pattern whose first character
    cannot be worked out (or that can match the empty string) is returned as it is.
    """
    try:
        first = _first_chars(_sre_parser.parse(pattern.pattern, pattern.flags),
                             pattern.flags & re.IGNORECASE)
    except (AttributeError, TypeError, ValueError, re.error):
        return pattern
    if first is None or first[1] or not first[0]:
        return pattern
    if not any(len(piece) == 1 and piece.isalpha() for piece in first[0]):
        return pattern      # no letters: the engine skips to such a character by itself
    return re.compile("(?=[" + "".join(sorted(first[0])) + "])" + pattern.pattern, pattern.flags)


def _first_chars(items, ignorecase: int) -> Optional[tuple[set[str], bool]]:
    """(class items any match of the parsed ``items`` can begin with, whether they can match
    the empty string), or None where that cannot be worked out."""
    c = _sre_constants
    classes = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_WORD: r"\w", c.CATEGORY_SPACE: r"\s"}
    out: set[str] = set()
    for op, av in items:
        if op is c.AT or op is c.ASSERT or op is c.ASSERT_NOT:
            continue                            # zero-width: the next item decides
        if op is c.LITERAL:
            out.add(re.escape(chr(av)))
            return out, False
        if op is c.IN:
            for item_op, item in av:
                if item_op is c.LITERAL:
                    out.add(re.escape(chr(item)))
                elif item_op is c.RANGE:
                    out.add(re.escape(chr(item[0])) + "-" + re.escape(chr(item[1])))
                elif item_op is c.CATEGORY and item in classes:
                    out.add(classes[item])
                else:
                    return None
            return out, False
        if op is c.SUBPATTERN:
            _, add_flags, _, sub = av
            if add_flags & re.IGNORECASE and not ignorecase:
                return None                     # the look-ahead would be stricter than the part
            found = _first_chars(sub, ignorecase)
        elif op is c.BRANCH:
            alternatives = [_first_chars(alt, ignorecase) for alt in av[1]]
            if any(a is None for a in alternatives):
                return None
            found = (set().union(*(a[0] for a in alternatives)), any(a[1] for a in alternatives))
        elif op is c.MAX_REPEAT or op is c.MIN_REPEAT:
            low, _, sub = av
            found = _first_chars(sub, ignorecase)
            if found is not None and low == 0:
                found = (found[0], True)
        else:
            return None
        if found is None:
            return None
        out |= found[0]
        if not found[1]:
            return out, False
    return out, True


ISO_DATE = _pattern(r"\b(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)\b")
MONTH_DAY = _pattern(
    r"(?P<m>(?:(?P<wd><WD>),?\s+)?(?P<mon><MON>)\s+(?:the\s+)?(?P<d>\d{1,2})<ORD>\b"
    r"(?:\s*(?:-|–|to|through)\s*(?P<d2>\d{1,2})<ORD>\b)?(?:,?\s+(?P<y>\d{4})\b)?)(?![:.,]\d)")
DAY_MONTH = _pattern(
    r"(?P<m>(?:(?P<wd><WD>),?\s+)?(?:the\s+)?\b(?P<d>\d{1,2})<ORD>"
    r"(?:\s*(?:-|–|to)\s*(?P<d2>\d{1,2})<ORD>)?\s+(?:of\s+)?(?P<mon><MON>)"
    r"(?:,?\s+(?P<y>\d{4}))?)\b")
DAY_NUMBER = _pattern(
    r"\b(?:on|by|until|till|since|from|before|after)\s+(?P<m>the\s+(?P<d>\d{1,2})(?:st|nd|rd|th))\b(?!-)")
MONTH_YEAR = _pattern(
    r"(?P<m>(?:(?:the\s+)?(?P<mod><PART>)[-\s]+)?(?P<mon><MON>)(?:\s+of)?,?\s+(?P<y><YEAR>))\b")
MONTH_ALONE = _pattern(
    r"(?:\b(?P<prep>in|during|by|until|till|through|throughout|before|after|from|of|to|since|"
    r"between|and|or)\s+)?(?P<m>(?:(?P<rel>last|next|this|past|coming)\s+)?"
    r"(?:(?:the\s+)?(?P<mod><PART>)[-\s]+)?(?P<mon><MONTH>)"
    r"(?:\s+of\s+(?P<ofyear>last|next|this)\s+year)?)\b(?!\s*\d)")
YEAR = _pattern(
    r"(?:\b(?P<prep>in|during|by|until|till|through|throughout|before|after|from|of|to|since|"
    r"between|and|for)\s+)?(?P<m>(?:(?:the\s+)?(?P<mod><PART>)[-\s]+)?(?P<y><YEAR>)"
    r"(?:\s*[-–]\s*(?P<y2>(?:1[89]|20)?\d\d)|\s+to\s+(?P<y2b><YEAR>))?)\b(?!\s*%|-year|\s+years?\s+old|[.,]\d|-\d)")
SHORT_YEAR = _pattern(
    r"\b(?P<prep>in|since|of|from|to|until|till|by|before|after|class\s+of)\s+"
    r"(?P<m>['’](?P<yy>\d\d))\b(?!['’]?s\b|\s*%)")
DECADE = _pattern(
    r"(?P<m>(?:the\s+)?(?:(?P<mod>early|mid|late)[-\s]+)?(?:(?P<dec>(?:1[89]|20)\d0)|['’](?P<dec2>\d0)|"
    r"(?<![\w$£€'’.,])(?P<dec3>[2-9]0))['’]?s)\b")
# A bare "80s" is a decade unless it is someone's age: "in their 30s", "her early 40s".
_AGE_DECADE_BEFORE = re.compile(r"\b(?:his|her|their|its|my|your|our|whose)\s+$", re.IGNORECASE)
NUMERIC_DATE = _pattern(r"(?P<m>\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d\d))\b(?!/)")
WEEK_OF_MONTH = _pattern(
    r"(?P<m>\bthe\s+(?P<ord>first|second|third|fourth|final|last)\s+week\s+of\s+"
    r"(?P<mon><MONTH>)(?:,?\s+(?P<y><YEAR>))?)\b")
CLOCK = _pattern(
    r"(?P<m>\b(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*[ap]\.?m\b\.?)?(?:\s*\(?(?:UTC|GMT)(?:\s*[+-]\s*\d{1,2})?\)?)?"
    r"|\b(?:[01]\d|2[0-3])[0-5]\d\s*(?-i:UTC|GMT)\b"
    r"|\b(?:1[0-2]|0?[1-9])\s*(?-i:[ap]\.m\.|[ap]m\b))")
SEASON = _pattern(
    r"(?:\b(?P<prep>in|during|by|until|till|through|throughout|before|after|since|over|"
    r"from|of)\s+)?(?P<m>(?:(?P<rel>last|next|this|past|coming)\s+)?(?:(?P<the>the)\s+)?"
    r"(?:(?P<mod>early|mid|late)[-\s]+)?(?P<season>spring|summer|autumn|fall|winter)"
    r"(?:(?:\s+of)?,?\s+(?P<y><YEAR>))?)\b(?!-)")
QUARTER = _pattern(
    r"(?P<m>(?:(?P<the>the)\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
    r"[-\s]+quarter\b(?:\s+of\s+(?:(?P<y><YEAR>)|(?P<rel>this|last|next|the)\s+year)|,?\s+(?P<y2><YEAR>))?)")
QUARTER_CODE = _pattern(r"(?P<m>\b(?-i:Q)(?P<q>[1-4])(?:\s*(?P<y><YEAR>)|\s*['’](?P<yy>\d\d))?)\b")
QUARTER_RELATIVE = _pattern(r"(?P<m>\b(?P<rel>last|this|next|previous|current|coming)\s+quarter)\b")
RELATIVE_UNIT = _pattern(
    r"(?P<m>\b(?:(?P<mod>earlier|later|<PART>)[-\s]+)?(?P<rel>last|this|next|coming|the)\s+"
    r"(?P<unit>week|month|year|decade))\b(?!s)")
WEEKEND = _pattern(r"(?P<m>\b(?:(?P<rel>last|this|next|past|coming)|the)\s+weekend)\b(?!s)")
AGO = _pattern(
    r"(?P<m>(?:(?P<qual><QUAL>)\s+)?(?:(?:just|only|barely)\s+)?(?:(?P<n><NUM>)[\s-]+|(?P<few><FEW>)\s+)?"
    r"(?P<unit><UNIT>)\s+ago)\b")
PAST_WINDOW = _pattern(
    r"(?P<m>\b(?:the\s+)?(?:past|last)\s+(?:(?P<qual><QUAL>)\s+)?(?:(?P<n><NUM>)\s+|(?P<few><FEW>)\s+)?"
    r"(?P<unit><UNIT>))\b")
NEXT_WINDOW = _pattern(
    r"(?:\b(?P<prep>over|in|within|during|for|throughout)\s+)?(?P<m>\bthe\s+(?P<rel>next|coming)\s+"
    r"(?:(?P<qual><QUAL>)\s+)?(?:(?P<n><NUM>)\s+|(?P<few><FEW>)\s+)?(?P<unit><UNIT>))\b")
RECENT = _pattern(r"(?P<m>\b(?:the\s+)?(?:most\s+)?recent\s+(?P<unit>decades|years|months|weeks|days))\b")
DURATION = _pattern(
    r"(?:\b(?P<prep>for|after|over|during|within|lasting|in|of)\s+)?"
    r"(?P<m>(?:(?P<qual><QUAL>)\s+)?(?P<n><NUM>)[\s-]+(?P<unit><UNIT>))\b(?!-old|\s+old|-long)")
VAGUE_DURATION = _pattern(
    r"(?:\b(?P<prep>for|after|over|within|in|during)\s+)?(?P<m>(?:(?P<few><FEW>|long)\s+)?"
    r"\b(?P<unit>decades|years|months|weeks|days|hours))\b")
ANAPHORIC_OFFSET = _pattern(
    r"(?P<m>(?:(?:just|only|mere|barely)\s+)?(?:(?P<qual><QUAL>)\s+)?(?:(?P<n><NUM>)\s+|(?P<few><FEW>)\s+)?"
    r"(?P<unit><UNIT>|\bmoments?)\s+(?P<dir>later|afterwards?|earlier|before|beforehand|after|prior))\b")
ANAPHORIC_HOURS = _pattern(
    r"(?P<m>\b(?:(?P<within>within)\s+)?(?:(?P<just>just|only|mere|barely)\s+)?(?:a\s+few\s+)?"
    r"(?:hours|minutes|moments))\b")
ANAPHORIC_PHRASE = _pattern(
    r"(?P<m>\b(?:the\s+same\s+(?P<u6>period|quarter|month|week|day|time)\s+(?P<back>a\s+year\s+(?:ago|earlier|before)|"
    r"(?:of\s+)?(?:the\s+)?(?:last|previous|prior)\s+year)"
    r"|the\s+(?P<u7>year|month|week)\s+(?P<dir3>before|earlier|previous|prior)(?!\s+(?:to|the|a|an|last|this|that|its|his|her|their)\b)"
    r"|(?:(?:later|earlier)\s+(?:that|the\s+same)\s+(?P<u1>day|morning|afternoon|evening|night|week|month|year)"
    r"|(?:the\s+)?same\s+(?P<u2>day|morning|afternoon|evening|night|week|month|year)"
    r"|that\s+(?:same\s+)?(?P<u3>day|morning|afternoon|evening|night)"
    r"|the\s+(?P<dir>next|following|previous|preceding)\s+(?P<u4>day|morning|afternoon|evening|night|week|month|year|weekend)"
    r"|the\s+(?P<u5>day|night|evening)\s+(?P<dir2>before|after)"
    r"|(?:shortly|soon|immediately)\s+(?:afterwards?|after|before)"
    r"|(?P<theday>the\s+day)(?!\s+(?:of|when|that|which|before|after|in|on|to|and|or|as|it|he|she|they|we)\b|-)"
    r"|at\s+the\s+time)))\b")
TODAY_LIKE = _pattern(
    r"(?P<m>\b(?:(?P<mod>early|late|earlier|later)\s+)?"
    r"(?:(?P<word>today|tonight|yesterday|tomorrow|overnight)(?:\s+(?:morning|afternoon|evening|night))?"
    r"|this\s+(?:morning|afternoon|evening)|last\s+(?P<night>night|evening)"
    r"|(?:the\s+)?day\s+(?P<db>before\s+yesterday|after\s+tomorrow)))\b")
WEEKDAY = _pattern(
    r"(?P<m>(?:\b(?:early|late|earlier|later|(?:in\s+)?the\s+early\s+hours\s+of|"
    r"(?:shortly\s+|just\s+)?(?:before|after)\s+(?:dawn|dusk|midnight|noon|sunrise|sunset|daybreak)|"
    r"at\s+(?:dawn|dusk|daybreak))\s+(?:on\s+)?)?"
    r"(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<wd><WD>)"
    r"(?:\s+(?:morning|afternoon|evening|night|overnight))?)\b")

_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^[\d,.]+$")
_DURATION_LEAD = re.compile(r"\b(?:for|over|lasting|during|within|spanning)\s+$", re.IGNORECASE)
_AGE = re.compile(r"\d\s*-?\s*(?:year|month|week)s?\s*-?\s*old|\baged?\b", re.IGNORECASE)
# A bare "the 19th" is a date only when it is not an ordinal modifying a noun ("the 19th round").
_DAY_NUMBER_FOLLOWERS = frozenset({"at", "and", "of", "when", "in", "after", "before", "but",
                                   "to", "as", "until", "or", "with", "while", "amid"})
_COUNT_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"})

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would", "'d"})
# Modals that leave the direction open: "a deal may be signed on March 3" (nearest instance),
# unless perfect: "may have been signed on Monday" (past).
OPEN_MODALS = frozenset({"may", "might", "could", "should", "must", "can", "ca"})
# Verbs and adjectives whose to-infinitive complement lies ahead: "is set to meet",
# "plans to vote", "is due to arrive", "is to travel".
FUTURE_GOVERNORS = frozenset({"plan", "expect", "schedule", "set", "due", "intend", "aim",
                              "slate", "poise", "prepare", "go", "be", "hope", "vow", "pledge",
                              "promise", "likely", "expected", "scheduled", "poised", "about"})
# Participles that put their own complement in the future: "talks scheduled for Tuesday".
SCHEDULING_PARTICIPLES = frozenset({"schedule", "plan", "slate", "set", "expect", "due"})
FUTURE_MODIFIERS = frozenset({"upcoming", "next", "planned", "forthcoming", "proposed",
                              "scheduled", "coming", "future", "expected"})


# --------------------------------------------------------------------------- date helpers

@dataclass(frozen=True)
class _Value:
    start: Optional[date]
    end: Optional[date]
    precision: str
    kind: str = "point"
    days: Optional[int] = None
    qualifier: Optional[str] = None
    anchor: Optional[str] = None


def _relative(precision: str, d: Optional[date], compute: Callable[[date], tuple[date, date]],
              **extra: Any) -> _Value:
    """A value anchored on the article date; unresolved when there is none."""
    if d is None:
        return _Value(None, None, precision, anchor=extra.pop("anchor", "relative"), **extra)
    start, end = compute(d)
    return _Value(start, end, precision, anchor=extra.pop("anchor", "relative"), **extra)


def _safe_date(year: int, month: int, day: int) -> Optional[date]:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month0 = divmod(index, 12)
    day = min(d.day, calendar.monthrange(year, month0 + 1)[1])
    return date(year, month0 + 1, day)


def _shift(d: date, amount: int, unit: str) -> date:
    if unit in ("month", "year", "decade"):
        return _add_months(d, amount * {"month": 1, "year": 12, "decade": 120}[unit])
    if unit in ("hour", "minute"):
        whole = math.ceil(abs(amount) * UNIT_DAYS[unit])
        return d + timedelta(days=whole if amount >= 0 else -whole)
    return d + timedelta(days=amount * UNIT_DAYS[unit])


def _week_of(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def _unit_bounds(d: date, unit: str) -> tuple[date, date]:
    """The calendar unit (week, month, year, decade) that contains ``d``."""
    if unit == "week":
        return _week_of(d)
    if unit == "month":
        return _month_bounds(d.year, d.month)
    if unit == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    if unit == "decade":
        first = d.year - d.year % 10
        return date(first, 1, 1), date(first + 9, 12, 31)
    return d, d


def _unit_name(word: str) -> str:
    word = word.lower()
    if word.startswith("moment"):
        return "minute"
    return word[:-1] if word.endswith("s") else word


def _number(text: Optional[str]) -> Optional[int]:
    if not text:
        return None
    text = re.sub(r"\s+", " ", text.strip().lower())
    if text.replace(",", "").isdigit():
        return int(text.replace(",", ""))
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    parts = re.split(r"[-\s]", text)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def _qualifier(text: Optional[str]) -> Optional[str]:
    if not text:
        return None
    return QUALIFIERS.get(re.sub(r"\s+", " ", text.lower()))


def _duration_days(amount: int, unit: str) -> int:
    return math.ceil(amount * UNIT_DAYS[unit])


def _norm_part(mod: Optional[str]) -> Optional[str]:
    """'early' | 'mid' | 'late' | 'start' | 'end' | 'earlier' | 'later' | None."""
    if not mod:
        return None
    mod = mod.lower()
    for word, part in (("end", "end"), ("beginning", "start"), ("start", "start"),
                       ("middle", "mid"), ("earlier", "earlier"), ("later", "later"),
                       ("early", "early"), ("mid", "mid"), ("late", "late")):
        if word in mod:
            return part
    return None


def _part_of(start: date, end: date, unit: str, part: Optional[str],
             precision: str) -> tuple[date, date, str]:
    """Narrow a calendar unit to its early / mid / late part (see the module docstring)."""
    if part is None:
        return start, end, precision
    if unit == "month":
        last = end.day
        ranges = {"early": (1, 10), "start": (1, 10), "mid": (11, 20), "late": (21, last),
                  "end": (21, last)}
        first_day, last_day = ranges.get(part, (1, last))
        return start.replace(day=first_day), start.replace(day=last_day), precision
    if unit == "year":
        y = start.year
        if part == "start":
            return date(y, 1, 1), date(y, 1, 31), "month"
        if part == "end":
            return date(y, 12, 1), date(y, 12, 31), "month"
        months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
        return date(y, months[0], 1), _month_bounds(y, months[1])[1], "season"
    if unit == "week":
        offsets = {"early": (0, 2), "start": (0, 1), "mid": (1, 3), "late": (3, 6), "end": (4, 6)}[part]
        return start + timedelta(days=offsets[0]), start + timedelta(days=offsets[1]), precision
    if unit == "decade":
        offsets = {"early": (0, 3), "start": (0, 3), "mid": (3, 6), "late": (7, 9), "end": (7, 9)}[part]
        return date(start.year + offsets[0], 1, 1), date(start.year + offsets[1], 12, 31), precision
    if unit == "season":
        if part in ("early", "start"):
            return start, _month_bounds(start.year, start.month)[1], precision
        if part in ("late", "end"):
            return end.replace(day=1), end, precision
        middle = _add_months(start, 1)
        return _month_bounds(middle.year, middle.month) + (precision,)
    return start, end, precision


def _pick_instance(candidates: Callable[[int], Optional[tuple[date, date]]], d: date,
                 tense: str, *, strict: bool = False) -> Optional[tuple[date, date]]:
    """Pick among yearly instances ``candidates(year)`` the one tense points at.

    Past: the latest instance that has begun by ``d`` (``strict``: that has ended before d).
    Future: the earliest that has not ended by ``d`` (``strict``: that starts after d).
    """
    if tense == "present":
        past = _pick_instance(candidates, d, "past", strict=strict)
        future = _pick_instance(candidates, d, "future", strict=strict)
        if past is None or future is None:
            return past or future
        if past[0] <= d <= past[1] or future[0] <= d <= future[1]:
            return past if past[0] <= d <= past[1] else future
        return past if (d - past[1]) <= (future[0] - d) else future
    years = range(d.year + 1, d.year - 9, -1) if tense == "past" else range(d.year - 1, d.year + 9)
    for year in years:
        interval = candidates(year)
        if interval is None:
            continue
        start, end = interval
        if tense == "past" and (end < d if strict else start <= d):
            return interval
        if tense != "past" and (start > d if strict else end >= d):
            return interval
    return None


# --------------------------------------------------------------------------- rule handlers

Match = re.Match


def _on_iso(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    day = _safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return None if day is None else _Value(day, day, "day", anchor="absolute")


def _on_month_day(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    month = MONTHS[m["mon"].rstrip(".").lower()]
    first = int(m["d"])
    last = int(m["d2"]) if m["d2"] else first
    if last < first:
        last = first
    if _safe_date(2000, month, first) is None or _safe_date(2000, month, last) is None:
        return None
    if m["y"]:
        start = _safe_date(int(m["y"]), month, first)
        end = _safe_date(int(m["y"]), month, last)
        if start is None or end is None:
            return None
        return _Value(start, end, "day", anchor="absolute")
    if d is None:
        return _Value(None, None, "day", anchor="relative")
    year = _year_from_weekday(m["wd"], month, first, d)

    def instance(y: int) -> Optional[tuple[date, date]]:
        start, end = _safe_date(y, month, first), _safe_date(y, month, last)
        return None if start is None or end is None else (start, end)

    picked = instance(year) if year is not None else None
    if picked is None:
        picked = _pick_instance(instance, d, tense)
    if picked is None:
        return _Value(None, None, "day", anchor="relative")
    return _Value(picked[0], picked[1], "day", anchor="relative")


def _year_from_weekday(weekday: Optional[str], month: int, day: int, d: date) -> Optional[int]:
    """'Tuesday, October 19' names the year in which October 19 is a Tuesday, when unique near d."""
    if not weekday:
        return None
    wanted = WEEKDAYS[weekday.lower()]
    years = [y for y in (d.year - 1, d.year, d.year + 1)
             if (c := _safe_date(y, month, day)) is not None and c.weekday() == wanted]
    return years[0] if len(years) == 1 else None


def _on_day_number(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    day = int(m["d"])
    if not 1 <= day <= 31:
        return None
    follower = re.match(r"\s+([A-Za-z]+)", m.string[m.end():])
    if follower and follower.group(1).islower() and follower.group(1) not in _DAY_NUMBER_FOLLOWERS:
        return None
    if d is None:
        return _Value(None, None, "day", anchor="relative")
    if tense == "present":
        options = [v for v in (_on_day_number(m, d, "past"), _on_day_number(m, d, "future"))
                   if v is not None and v.start is not None]
        if not options:
            return _Value(None, None, "day", anchor="relative")
        return min(options, key=lambda v: abs((v.start - d).days))
    step = -1 if tense == "past" else 1
    for offset in range(0, 13 * step, step):
        probe = _add_months(d.replace(day=1), offset)
        candidate = _safe_date(probe.year, probe.month, day)
        if candidate and (candidate <= d if tense == "past" else candidate >= d):
            return _Value(candidate, candidate, "day", anchor="relative")
    return _Value(None, None, "day", anchor="relative")


def _on_month_year(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    start, end = _month_bounds(int(m["y"]), MONTHS[m["mon"].rstrip(".").lower()])
    start, end, precision = _part_of(start, end, "month", _norm_part(m["mod"]), "month")
    return _Value(start, end, precision, anchor="absolute")


def _on_month_alone(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    if not (m["prep"] or m["rel"] or m["mod"] or m["ofyear"]):
        return None
    month = MONTHS[m["mon"].lower()]
    if month == 5 and not (m["rel"] or m["mod"]):
        # "May" is also a surname: "Merkel and May", "a speech by May's deputy".
        weak = (m["prep"] or "").lower() in ("and", "or", "to", "of", "between")
        if weak or re.match(r"['’]s\b", m.string[m.end():]):
            return None
    if d is None:
        return _Value(None, None, "month", anchor="relative")
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past"):
        year = d.year if month < d.month else d.year - 1
    elif rel in ("next", "coming"):
        year = d.year if month > d.month else d.year + 1
    elif rel == "this":
        year = d.year
    elif m["ofyear"]:
        year = d.year + {"last": -1, "this": 0, "next": 1}[m["ofyear"].lower()]
    elif tense == "present":
        back = d.year if month <= d.month else d.year - 1
        ahead = d.year if month >= d.month else d.year + 1
        year = back if (d.month - month) % 12 <= (month - d.month) % 12 else ahead
    elif tense == "past":
        year = d.year if month <= d.month else d.year - 1
    else:
        year = d.year if month >= d.month else d.year + 1
    start, end = _month_bounds(year, month)
    start, end, precision = _part_of(start, end, "month", _norm_part(m["mod"]), "month")
    return _Value(start, end, precision, anchor="relative")


def _on_year(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    first = int(m["y"])
    last = first
    if m["y2"] or m["y2b"]:
        tail = m["y2"] or m["y2b"]
        last = int(tail) if len(tail) == 4 else first - first % 100 + int(tail)
        if last <= first:
            return None
    start, end = date(first, 1, 1), date(last, 12, 31)
    precision = "year"
    if first == last:
        start, end, precision = _part_of(start, end, "year", _norm_part(m["mod"]), "year")
    return _Value(start, end, precision, anchor="absolute")


def _on_short_year(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    # "since '82": two-digit years under 30 are this century, the rest the last.
    yy = int(m["yy"])
    year = 2000 + yy if yy < 30 else 1900 + yy
    return _Value(date(year, 1, 1), date(year, 12, 31), "year", anchor="absolute")


def _on_decade(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    if m["dec3"]:
        if _AGE_DECADE_BEFORE.search(m.string, max(0, m.start() - 12), m.start()):
            return None
        first = 1900 + int(m["dec3"])
    elif m["dec"]:
        first = int(m["dec"])
    else:
        # '00s and '10s are this century; '20s and later read as the 1900s.
        tens = int(m["dec2"])
        first = 2000 + tens if tens < 20 else 1900 + tens
    start, end = date(first, 1, 1), date(first + 9, 12, 31)
    start, end, precision = _part_of(start, end, "decade", _norm_part(m["mod"]), "decade")
    return _Value(start, end, precision, anchor="absolute")


def _season_instance(season: str, year: int) -> tuple[date, date]:
    """The season named by ``year`` (winter: the one whose January is in ``year``)."""
    first_month = SEASON_MONTH[season]
    start_year = year - 1 if first_month == 12 else year
    start = date(start_year, first_month, 1)
    end_month = _add_months(start, 2)
    return start, _month_bounds(end_month.year, end_month.month)[1]


def _on_season(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    season = m["season"].lower()
    rel = (m["rel"] or "").lower()
    after = m.string[m.end():]
    if season == "fall" and not (rel or m["y"]):
        # "the fall of Kabul", "prices fall": only "in the fall" counts, never "fall of X".
        if not (m["prep"] and m["the"]) or re.match(r"\s+of\b", after):
            return None
    if not (rel or m["y"] or m["prep"]):
        return None
    if m["prep"] and not (rel or m["y"]) and re.match(r"\s+of\b", after):
        return None
    part = _norm_part(m["mod"])
    if m["y"]:
        start, end = _season_instance(season, int(m["y"]))
        start, end, precision = _part_of(start, end, "season", part, "season")
        return _Value(start, end, precision, anchor="absolute")
    if d is None:
        return _Value(None, None, "season", anchor="relative")

    def instance(year: int) -> tuple[date, date]:
        return _season_instance(season, year)

    if rel in ("last", "past"):
        picked = _pick_instance(instance, d, "past", strict=True)
    elif rel in ("next", "coming"):
        picked = _pick_instance(instance, d, "future", strict=True)
    elif rel == "this":
        containing = [instance(y) for y in (d.year, d.year + 1) if instance(y)[0] <= d <= instance(y)[1]]
        picked = containing[0] if containing else _pick_instance(instance, d, "future")
    else:
        picked = _pick_instance(instance, d, tense)
    if picked is None:
        return _Value(None, None, "season", anchor="relative")
    start, end, precision = _part_of(picked[0], picked[1], "season", part, "season")
    return _Value(start, end, precision, anchor="relative")


def _quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    return date(year, 3 * quarter - 2, 1), _month_bounds(year, 3 * quarter)[1]


def _quarter_value(quarter: int, year: Optional[int], rel: str, d: Optional[date],
                   tense: str) -> _Value:
    if year is not None:
        start, end = _quarter_bounds(year, quarter)
        return _Value(start, end, "quarter", anchor="absolute")
    if d is None:
        return _Value(None, None, "quarter", anchor="relative")
    if rel in ("this", "last", "next"):
        year = d.year + {"this": 0, "last": -1, "next": 1}[rel]
        start, end = _quarter_bounds(year, quarter)
    else:
        picked = _pick_instance(lambda y: _quarter_bounds(y, quarter), d, tense)
        if picked is None:
            return _Value(None, None, "quarter", anchor="relative")
        start, end = picked
    return _Value(start, end, "quarter", anchor="relative")


def _on_quarter(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    ordinal = m["ord"].lower()
    if ordinal == "last" and not m["the"]:
        return None  # "last quarter" is the previous quarter: QUARTER_RELATIVE handles it
    year = m["y"] or m["y2"]
    return _quarter_value(ORDINALS[ordinal], int(year) if year else None,
                          (m["rel"] or "").lower(), d, tense)


def _on_quarter_code(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    year = int(m["y"]) if m["y"] else (2000 + int(m["yy"]) if m["yy"] else None)
    return _quarter_value(int(m["q"]), year, "", d, tense)


def _on_quarter_relative(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    step = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[m["rel"].lower()]

    def compute(day: date) -> tuple[date, date]:
        probe = _add_months(day.replace(day=1), 3 * step)
        return _quarter_bounds(probe.year, (probe.month - 1) // 3 + 1)

    return _relative("quarter", d, compute)


def _on_relative_unit(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    part = _norm_part(m["mod"])
    if rel == "the" and part in (None, "earlier", "later"):
        return None  # "the week" alone is not a date; "the end of the week" is
    step = {"last": -1, "this": 0, "the": 0, "next": 1, "coming": 1}[rel]
    if step != 0 and part == "earlier":
        part = "early"
    if step != 0 and part == "later":
        part = "late"

    def compute(day: date) -> tuple[date, date]:
        probe = _shift(day, step, unit) if unit != "week" else day + timedelta(days=7 * step)
        start, end = _unit_bounds(probe, unit)
        if part == "earlier":
            return start, day
        if part == "later":
            return day, end
        return _part_of(start, end, unit, part, UNIT_PRECISION[unit])[:2]

    precision = UNIT_PRECISION[unit]
    if unit == "year" and part in ("early", "mid", "late"):
        precision = "season"
    elif unit == "year" and part in ("start", "end"):
        precision = "month"
    return _relative(precision, d, compute)


def _weekend_of_week(d: date) -> tuple[date, date]:
    saturday = _week_of(d)[0] + timedelta(days=5)
    return saturday, saturday + timedelta(days=1)


def _on_weekend(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    rel = (m["rel"] or "").lower()

    def compute(day: date) -> tuple[date, date]:
        this = _weekend_of_week(day)
        previous = (this[0] - timedelta(days=7), this[1] - timedelta(days=7))
        upcoming = (this[0] + timedelta(days=7), this[1] + timedelta(days=7))
        if rel == "this":
            return this
        if rel in ("last", "past"):
            return this if this[1] < day else previous
        if rel in ("next", "coming"):
            return this if this[0] > day else upcoming
        if tense == "past" or (tense == "present" and this[0] <= day):
            return this if this[0] <= day else previous
        return this if this[1] >= day else upcoming

    return _relative("day", d, compute)


def _on_ago(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    unit = _unit_name(m["unit"])
    qualifier = _qualifier(m["qual"])
    amount = _number(m["n"])
    vague = amount is None
    if vague and m["n"]:
        return None
    if unit in ("hour", "minute"):
        return _relative("day", d, lambda day: (day, day), qualifier=qualifier)
    if vague:
        def vague_interval(day: date) -> tuple[date, date]:
            start = _unit_bounds(_shift(day, -FEW_MAX, unit), unit)[0]
            return start, _unit_bounds(_shift(day, -FEW_MIN, unit), unit)[1]
        return _relative(COARSER[UNIT_PRECISION[unit]], d, vague_interval, qualifier=qualifier)
    if unit in ("year", "decade"):
        def year_interval(day: date) -> tuple[date, date]:
            back = _shift(day, -amount, unit)
            return date(back.year, 1, 1), date(back.year, 12, 31)
        return _relative("year", d, year_interval, qualifier=qualifier)
    return _relative(UNIT_PRECISION[unit], d,
                     lambda day: _unit_bounds(_shift(day, -amount, unit), unit), qualifier=qualifier)


def _window(m: Match, d: Optional[date], direction: int) -> Optional[_Value]:
    """'the past three months' (direction -1) or 'the next two weeks' (+1), tied to the article date."""
    unit = _unit_name(m["unit"])
    amount = _number(m["n"])
    if m["n"] and amount is None:
        return None
    plural = m["unit"].lower().endswith("s")
    if amount is None and (m["few"] or plural):
        span_units, days = FEW_MAX, None
    else:
        span_units = amount if amount is not None else 1
        days = _duration_days(span_units, unit)

    def compute(day: date) -> tuple[date, date]:
        other = _shift(day, direction * span_units, unit)
        return (other, day) if direction < 0 else (day, other)

    return _relative(UNIT_PRECISION[unit], d, compute, kind="duration", days=days,
                     qualifier=_qualifier(m["qual"]))


def _on_past_window(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    text = m["m"].lower()
    if text.startswith("last") and not (m["n"] or m["few"]):
        return None  # "last week" is the calendar week before: RELATIVE_UNIT handles it
    return _window(m, d, -1)


def _on_next_window(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    singular = not m["unit"].lower().endswith("s")
    if singular and not (m["n"] or m["few"]) and m["rel"].lower() == "next" and not m["prep"]:
        return None  # "the next day" follows another event: ANAPHORIC_PHRASE handles it
    return _window(m, d, +1)


def _on_recent(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    unit = _unit_name(m["unit"])
    back = {"decade": (3, "decade"), "year": (5, "year"), "month": (6, "month"),
            "week": (6, "week"), "day": (7, "day")}[unit]
    precision = {"decade": "decade", "year": "year", "month": "month", "week": "week",
                 "day": "week"}[unit]
    return _relative(precision, d, lambda day: (_shift(day, -back[0], back[1]), day))


def _on_duration(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    raw = re.sub(r"\s+", " ", m["n"].lower())
    prep = (m["prep"] or "").lower()
    if raw in ("a", "an") and not (prep or m["qual"]):
        return None  # "twice a day", "a day after": a rate or an offset, not a duration
    amount = _number(m["n"])
    if amount is None:
        return None
    unit = _unit_name(m["unit"])
    if prep == "in" and tense == "future" and not m["qual"]:
        # "will meet again in two weeks": a point that far after the article date.
        return _relative(UNIT_PRECISION[unit], d,
                         lambda day: _unit_bounds(_shift(day, amount, unit), unit))
    return _Value(None, None, UNIT_PRECISION[unit], kind="duration",
                  days=_duration_days(amount, unit), qualifier=_qualifier(m["qual"]))


def _on_vague_duration(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    # A bare plural unit is a duration only with a cue: "for months", "several weeks",
    # "years of war"; otherwise "days" could be anything ("the days of the empire").
    followed_by_of = re.match(r"\s+of\s+(?!the\b|this\b|that\b)", m.string[m.end():], re.IGNORECASE)
    if not (m["prep"] or m["few"] or followed_by_of):
        return None
    unit = _unit_name(m["unit"])
    return _Value(None, None, UNIT_PRECISION[unit], kind="duration")


def _on_anaphoric_offset(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    if _DURATION_LEAD.search(m.string, max(0, m.start() - 12), m.start()):
        return None  # "held for two weeks after the deal": a duration, not an offset
    unit = _unit_name(m["unit"])
    amount = _number(m["n"])
    if m["n"] and amount is None:
        return None
    sign = -1 if m["dir"].lower() in ("earlier", "before", "beforehand", "prior") else 1
    offset = None
    if amount is not None and unit not in ("hour", "minute"):
        offset = sign * _duration_days(amount, unit)
    return _Value(None, None, UNIT_PRECISION[unit], days=offset,
                  qualifier=_qualifier(m["qual"]), anchor="anaphoric")


def _on_anaphoric_hours(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    if not (m["within"] or m["just"]):
        return None
    return _Value(None, None, "day", anchor="anaphoric")


# "shares fell on the day", "ended the day at 7,114": the story's current day.
_THE_DAY_LEAD = re.compile(
    r"\b(?:on|for|during|throughout|over|through|of|in|at|all|end|ends|ended|ending|finish|"
    r"finishes|finished|finishing|close|closes|closed|closing|start|started|starting|begin|"
    r"began|open|opened|opening)\s+$", re.IGNORECASE)


def _on_anaphoric_phrase(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    if m["theday"] and not _THE_DAY_LEAD.search(m.string[max(0, m.start() - 12):m.start()]):
        return None     # "the day" is a time only after a preposition or "end"/"start" verb
    unit = (m["u1"] or m["u2"] or m["u3"] or m["u4"] or m["u5"] or m["u6"] or m["u7"] or "").lower()
    precision = {"week": "week", "month": "month", "year": "year", "weekend": "day",
                 "quarter": "quarter", "period": "unknown", "time": "unknown"}.get(unit, "day")
    if m["back"]:
        return _Value(None, None, precision, anchor="anaphoric")
    if m["dir3"]:
        return _Value(None, None, precision, anchor="anaphoric")
    if m["m"].lower().startswith("at the time"):
        precision = "unknown"
    offset: Optional[int] = None
    direction = (m["dir"] or m["dir2"] or "").lower()
    if unit in ("day", "morning", "afternoon", "evening", "night"):
        if direction in ("next", "following", "after"):
            offset = 1
        elif direction in ("previous", "preceding", "before"):
            offset = -1
        elif not direction:
            offset = 0
    return _Value(None, None, precision, days=offset, anchor="anaphoric")


def _on_today_like(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    word = (m["word"] or "").lower()
    if m["night"]:
        offsets = (-1, -1)
    elif m["db"]:
        offsets = (-2, -2) if "yesterday" in m["db"].lower() else (2, 2)
    else:
        offsets = {"yesterday": (-1, -1), "tomorrow": (1, 1), "overnight": (-1, 0)}.get(word, (0, 0))
    return _relative("day", d, lambda day: (day + timedelta(days=offsets[0]),
                                            day + timedelta(days=offsets[1])))


def _on_weekday(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    wanted = WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()

    def compute(day: date) -> tuple[date, date]:
        back = (day.weekday() - wanted) % 7
        ahead = (wanted - day.weekday()) % 7
        if rel in ("last", "past"):
            target = day - timedelta(days=back or 7)
        elif rel in ("next", "coming"):
            target = day + timedelta(days=ahead or 7)
        elif tense == "past":
            target = day - timedelta(days=back)
        elif tense == "present":
            target = day - timedelta(days=back) if back <= ahead else day + timedelta(days=ahead)
        else:
            target = day + timedelta(days=ahead)
        return target, target

    return _relative("day", d, compute)


def _on_numeric_date(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    first, second = int(m["a"]), int(m["b"])
    # English-language news writes month/day ("7/8/07"); a first number above 12 is a day.
    month, day = (second, first) if first > 12 else (first, second)
    year = int(m["y"])
    if len(m["y"]) == 2:
        year += 2000 if year < 50 else 1900
    value = _safe_date(year, month, day)
    return None if value is None else _Value(value, value, "day", anchor="absolute")


def _on_week_of_month(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    month = MONTHS[m["mon"].lower()]
    ordinal = m["ord"].lower()

    def weeks(year: int) -> tuple[date, date]:
        # the month's n-th (last) Monday-to-Sunday week that lies wholly inside it
        first, last = _month_bounds(year, month)
        if ordinal in ("last", "final"):
            sunday = last - timedelta(days=(last.weekday() + 1) % 7)
            return sunday - timedelta(days=6), sunday
        n = {"first": 0, "second": 1, "third": 2, "fourth": 3}[ordinal]
        monday = first + timedelta(days=(7 - first.weekday()) % 7 + 7 * n)
        return monday, monday + timedelta(days=6)

    if m["y"]:
        start, end = weeks(int(m["y"]))
        return _Value(start, end, "week", anchor="absolute")
    if d is None:
        return _Value(None, None, "week", anchor="relative")
    picked = _pick_instance(lambda y: _month_bounds(y, month), d, tense)
    if picked is None:
        return _Value(None, None, "week", anchor="relative")
    start, end = weeks(picked[0].year)
    return _Value(start, end, "week", anchor="relative")


def _on_clock(m: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    # A clock time names an hour of the story's current day: resolved like "the same day".
    return _Value(None, None, "day", days=0, anchor="anaphoric")


@dataclass(frozen=True)
class _Anchor:
    """A word every match of a rule contains. ``starts``, when given, are the lower-case
    words an anchor match can begin with (``stems``: or the beginnings of such words): the
    anchor is then looked for only at those words of the text, not at every character."""

    pattern: re.Pattern[str]
    starts: Optional[frozenset[str]] = None
    stems: tuple[str, ...] = ()
    # An anchor whose matches all begin where this one's do (the same name, followed by
    # what a rule needs): it is tried only there rather than over the whole text.
    within: Optional["_Anchor"] = None


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Callable[[Match, Optional[date], str], Optional[_Value]]
    # A pattern that opens with optional parts is slow to try at every position of an
    # article; it is tried only in windows around its anchor.
    anchor: Optional[_Anchor] = None
    # Text every match contains (a regex with a fast scan): without it the rule is skipped.
    guard: Optional[re.Pattern[str]] = None


def _anchor(regex: str) -> _Anchor:
    return _Anchor(_led(re.compile(regex, re.IGNORECASE)))


def _word_anchor(regex: str, *starts: str, stems: tuple[str, ...] = ()) -> _Anchor:
    """An anchor whose matches begin at a word in ``starts`` (``regex`` must say the same)."""
    return _Anchor(re.compile(regex, re.IGNORECASE), frozenset(starts), stems)


def _words_anchor(*words: str) -> _Anchor:
    """An anchor on any of ``words`` as a whole word."""
    return _word_anchor(r"\b(?:" + "|".join(words) + r")\b", *words)


def _name_anchor(regex: str, names, within: Optional[_Anchor] = None) -> _Anchor:
    """An anchor for capitalised names (``regex`` matches them case-sensitively already):
    compiled without IGNORECASE and led by their initials, so that the regex engine passes
    at once over every position where no name can begin."""
    initials = "".join(sorted({name[0].upper() for name in names}))
    return _Anchor(re.compile(f"(?=[{initials}])" + regex), within=within)


_MONTH_ANCHOR = _name_anchor(_MONTH_ANY, MONTHS)
# A month name anchors a rule only where the words after it are those the rule asks for
# next (zero-width, so the anchor is still the name): every match of the rule has its month
# followed so, and a name followed otherwise ("March 5" for a month alone) opens no window.
_MONTH_DAY_ANCHOR = _name_anchor(_MONTH_ANY + r"(?=\s+(?:(?i:the)\s+)?\d)", MONTHS, _MONTH_ANCHOR)
_MONTH_YEAR_ANCHOR = _name_anchor(_MONTH_ANY + r"(?=(?:\s+(?i:of))?,?\s+(?:1[89]|20)\d\d)", MONTHS,
                                  _MONTH_ANCHOR)
_MONTH_ALONE_ANCHOR = _name_anchor(_MONTH_FULL + r"\b(?!\s*\d)", MONTH_NAMES, _MONTH_ANCHOR)
_UNIT_STEMS = ("decade", "year", "month", "week", "day", "hour", "minute")
# A duration is anchored on its number and unit together ("five days"): a unit with no
# number before it ("for days") opens no window for it. The number begins a word: a digit
# or one of the number words.
_NUMBER_UNIT_ANCHOR = _word_anchor(
    _NUM + r"[\s-]+" + _UNIT,
    *{w.split()[0] for w in NUMBER_WORDS}, stems=tuple("0123456789"))

# Order breaks ties between equally long matches: the earlier rule wins.
RULES = (
    _Rule("iso", ISO_DATE, _on_iso, guard=re.compile(r"\d-\d\d-\d")),
    _Rule("numeric_date", NUMERIC_DATE, _on_numeric_date, guard=re.compile(r"\d/\d")),
    _Rule("week_of_month", WEEK_OF_MONTH, _on_week_of_month, _word_anchor(r"\bweek\s+of\b", "week")),
    _Rule("month_day", MONTH_DAY, _on_month_day, _MONTH_DAY_ANCHOR),
    _Rule("day_month", DAY_MONTH, _on_month_day, _MONTH_ANCHOR),
    _Rule("month_year", MONTH_YEAR, _on_month_year, _MONTH_YEAR_ANCHOR),
    _Rule("decade", DECADE, _on_decade, _anchor(r"\d0['’]?s\b")),
    _Rule("quarter", QUARTER, _on_quarter, _anchor(r"quarter")),
    _Rule("quarter_code", QUARTER_CODE, _on_quarter_code, guard=re.compile(r"Q[1-4]")),
    _Rule("quarter_relative", QUARTER_RELATIVE, _on_quarter_relative, _words_anchor("quarter")),
    _Rule("season", SEASON, _on_season, _words_anchor(*SEASON_MONTH)),
    _Rule("today", TODAY_LIKE, _on_today_like,
          _words_anchor("today", "tonight", "yesterday", "tomorrow", "overnight", "morning",
                        "afternoon", "evening", "night", "day")),
    _Rule("weekday", WEEKDAY, _on_weekday, _name_anchor(_WEEKDAY, WEEKDAYS)),
    _Rule("weekend", WEEKEND, _on_weekend, _words_anchor("weekend")),
    _Rule("ago", AGO, _on_ago, _words_anchor("ago")),
    _Rule("past_window", PAST_WINDOW, _on_past_window, _words_anchor("past", "last")),
    _Rule("next_window", NEXT_WINDOW, _on_next_window, _words_anchor("next", "coming")),
    _Rule("recent", RECENT, _on_recent, _words_anchor("recent")),
    _Rule("relative_unit", RELATIVE_UNIT, _on_relative_unit, _words_anchor("week", "month", "year", "decade")),
    _Rule("anaphoric_phrase", ANAPHORIC_PHRASE, _on_anaphoric_phrase),
    # (anchored on the unit and the direction together: "after", "before" alone are common)
    _Rule("anaphoric_offset", ANAPHORIC_OFFSET, _on_anaphoric_offset,
          _word_anchor(r"(?:" + _UNIT + r"|\bmoments?)\s+"
                       r"(?:later|afterwards?|earlier|before|beforehand|after|prior)\b",
                       stems=_UNIT_STEMS + ("moment",))),
    _Rule("anaphoric_hours", ANAPHORIC_HOURS, _on_anaphoric_hours,
          _words_anchor("hours", "minutes", "moments")),
    _Rule("clock", CLOCK, _on_clock, guard=re.compile(r":\d|UTC|GMT|\d\s*[ap](?:\.m\.|m\b)")),
    _Rule("duration", DURATION, _on_duration, _NUMBER_UNIT_ANCHOR),
    _Rule("vague_duration", VAGUE_DURATION, _on_vague_duration,
          _words_anchor("decades", "years", "months", "weeks", "days", "hours")),
    _Rule("month_alone", MONTH_ALONE, _on_month_alone, _MONTH_ALONE_ANCHOR),
    _Rule("day_number", DAY_NUMBER, _on_day_number,
          guard=re.compile(r"\d(?:st|nd|rd|th)", re.IGNORECASE)),
    _Rule("year", YEAR, _on_year, _anchor(r"(?:1[89]|20)\d\d")),
    _Rule("short_year", SHORT_YEAR, _on_short_year, guard=re.compile(r"['’]\d\d")),
)


# --------------------------------------------------------------------------- scanning

@dataclass(frozen=True)
class _Candidate:
    span: tuple[int, int]
    rule: _Rule
    match: Match
    priority: int
    past: Optional[_Value] = None       # the value read in the past tense (what accepted it)


def _apply(rule: _Rule, match: Match, d: Optional[date], tense: str) -> Optional[_Value]:
    try:
        return rule.handler(match, d, tense)
    except (ValueError, OverflowError, KeyError, ZeroDivisionError) as exc:
        # Arithmetic far outside the calendar ("in 900000 years") or a malformed match:
        # such text is not a usable date, and one bad phrase must not stop an article.
        log.debug("time rule %s gave up on %r: %s", rule.name, match.group(0), exc)
        return None


# How far a match may reach before and after its anchor word.
_WINDOW_BEFORE, _WINDOW_AFTER = 120, 80


_WORD = re.compile(r"\w+")


class _AnchorScan:
    """The anchors of one text, each found once however many rules share it. Anchors with
    ``starts`` are tried only where such a word begins (a pass over the words of the text
    costs far less than trying each anchor's regex at every character)."""

    def __init__(self, text: str):
        self.text = text
        self._found: dict[int, list[tuple[int, int]]] = {}
        self._starts: Optional[dict[str, list[int]]] = None   # lower-cased word -> its starts
        self._unsure: list[int] = []                           # starts of non-ASCII words

    def spans(self, anchor: _Anchor) -> list[tuple[int, int]]:
        found = self._found.get(id(anchor))
        if found is None:
            found = self._found[id(anchor)] = self._scan(anchor)
        return found

    def _scan(self, anchor: _Anchor) -> list[tuple[int, int]]:
        if anchor.within is not None:
            tried = (anchor.pattern.match(self.text, start) for start, _ in self.spans(anchor.within))
            return [m.span() for m in tried if m]
        if anchor.starts is None:
            return [m.span() for m in anchor.pattern.finditer(self.text)]
        if self._starts is None:
            # a non-ASCII word is always tried: str.lower() and the regex's case-insensitive
            # matching can differ on it
            self._starts = {}
            for m in _WORD.finditer(self.text):
                word = m.group()
                if word.isascii():
                    self._starts.setdefault(word.lower(), []).append(m.start())
                else:
                    self._unsure.append(m.start())
        words = set(anchor.starts)
        if anchor.stems:
            words.update(w for w in self._starts if w.startswith(anchor.stems))
        tried = sorted([p for w in words for p in self._starts.get(w, ())] + self._unsure)
        spans = []
        for start in tried:
            m = anchor.pattern.match(self.text, start)
            if m:
                spans.append(m.span())
        return spans


def _matches(rule: _Rule, text: str, scan: Optional[_AnchorScan] = None) -> Iterator[Match]:
    """The rule's matches in ``text``: all of them, or, for an anchored rule, those that
    contain an anchor, found by trying the pattern only in windows around the anchors."""
    if rule.guard is not None and not rule.guard.search(text):
        return
    if rule.anchor is None:
        yield from rule.pattern.finditer(text)
        return
    anchors = (scan if scan is not None else _AnchorScan(text)).spans(rule.anchor)
    if not anchors:
        return
    windows: list[list[int]] = []
    for start, end in anchors:
        ws, we = max(0, start - _WINDOW_BEFORE), min(len(text), end + _WINDOW_AFTER)
        if windows and ws <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], we)
        else:
            windows.append([ws, we])
    seen: set[tuple[int, int]] = set()
    for ws, we in windows:
        for match in rule.pattern.finditer(text, ws, we):
            span = match.span()
            if span in seen or not any(s < span[1] and span[0] < e for s, e in anchors):
                continue
            seen.add(span)
            yield match


def _candidates(text: str, d: Optional[date],
                keep: Optional[Callable[[_Candidate], bool]] = None) -> list[_Candidate]:
    """Every rule match whose handler accepts it, pruned to non-overlapping, longest first."""
    found: list[_Candidate] = []
    scan = _AnchorScan(text)
    for priority, rule in enumerate(RULES):
        for match in _matches(rule, text, scan):
            group = "m" if "m" in rule.pattern.groupindex and match.group("m") is not None else 0
            start, end = match.span(group)
            if start == end or "\n" in text[start:end]:
                continue    # a time expression never runs across a line break
            # Acceptance must not depend on tense, so checking with "past" is enough here.
            past = _apply(rule, match, d, "past")
            if past is None:
                continue
            candidate = _Candidate((start, end), rule, match, priority, past)
            if keep is not None and not keep(candidate):
                continue
            found.append(candidate)
    found.sort(key=lambda c: (-(c.span[1] - c.span[0]), c.priority, c.span[0]))
    chosen: list[_Candidate] = []
    taken: list[tuple[int, int]] = []
    for candidate in found:
        s, e = candidate.span
        if any(s < te and ts < e for ts, te in taken):
            continue
        chosen.append(candidate)
        taken.append((s, e))
    chosen.sort(key=lambda c: c.span[0])
    return chosen


def _mention(text: str, candidate: _Candidate, d: Optional[date], tense: str) -> Optional[TimeMention]:
    value = candidate.past if tense == "past" and candidate.past is not None else \
        _apply(candidate.rule, candidate.match, d, tense)
    if value is None:
        return None
    start, end = candidate.span
    since = _SINCE_BEFORE.search(text, max(0, start - 12), start)
    if since and value.kind == "point" and value.anchor != "anaphoric":
        # "since 2021" runs from the period's start up to the article date.
        start = since.start()
        if value.start is None:
            until = None
        elif d is None:
            until = None
        elif d >= value.start:
            until = d
        else:
            until = value.end  # a start after the article date: keep the period itself
        value = _Value(value.start, until, value.precision, value.kind, value.days,
                       "since", value.anchor)
    return TimeMention(text[start:end], (start, end), value.start, value.end, value.precision,
                       value.kind, value.days, value.qualifier, value.anchor)


def resolve(text: str, article_date: Optional[date], tense: str = "past") -> Optional[TimeMention]:
    """Resolve the longest time expression in ``text``; None when there is none.

    The mention's ``text``/``span`` are the matched part, with offsets into ``text``.
    ``tense`` is "past", "future" or "present" (direction open: the instance nearest the
    article date) and only matters where the expression leaves the direction open
    ("Thursday", "October 19", "in March").
    """
    if not isinstance(text, str) or not text.strip():
        return None
    tense = tense if tense in ("future", "present") else "past"
    candidates = _candidates(text, article_date)
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (c.span[1] - c.span[0], -c.priority, -c.span[0]))
    return _mention(text, best, article_date, tense)


# --------------------------------------------------------------------------- spaCy side

def _verb_verdict(verb) -> Optional[str]:
    """'future' / 'present' / 'past' when the verb's own form decides, None to ask its governor."""
    children = list(verb.children)
    auxiliaries = [c for c in children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in FUTURE_AUX for c in auxiliaries):
        return "future"
    perfect = any(c.lemma_.lower() == "have" for c in auxiliaries)
    if any(c.lower_ in OPEN_MODALS for c in auxiliaries):
        return "past" if perfect else "present"
    if verb.tag_ == "VBN" and verb.lemma_.lower() in SCHEDULING_PARTICIPLES:
        return "future"
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and not auxiliaries:
        return "past"   # a reduced relative: "plans announced in January"
    is_root = verb.head.i == verb.i
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
        if is_root:
            return "future"  # headline infinitive: "Envoys to meet in Doha on Thursday"
        governor = verb.head
        lemma = governor.lemma_.lower()
        if verb.dep_ == "xcomp" and lemma == "go":
            return "future" if governor.tag_ == "VBG" else "past"  # "is going to", not "went to"
        if verb.dep_ == "xcomp" and (lemma in FUTURE_GOVERNORS or governor.lower_ in FUTURE_GOVERNORS):
            return "future"
        if verb.dep_ in ("acl", "relcl"):
            return "future"  # "a vote to be held on June 4", "markets to remain shut"
        return None
    if auxiliaries:
        if perfect or any(a.tag_ == "VBD" for a in auxiliaries):
            return "past"   # "was held", "has met", "had agreed"
        if any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
            return "present"    # "is meeting on Monday", "are held"
        return "past"
    if verb.tag_ in ("VB", "VBG", "VBN") and not is_root:
        # A bare infinitive, gerund or participle has no tense of its own: "will meet on
        # Tuesday and sign on Wednesday", "arriving on Friday" take the governing verb's.
        return None
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"    # "arrives on November 11", "has a June 1 deadline"
    return "past"


def _has_future_modifier(token) -> bool:
    return any(c.dep_ in ("amod", "advmod", "nmod", "compound") and c.lower_ in FUTURE_MODIFIERS
               for c in token.children)


def tense_of(token) -> str:
    """'future' if the clause of ``token`` looks ahead, 'present' if its direction is open
    (present tense, or a modal such as "may"), else 'past'.

    Future markers: a modal ("will meet", "would sign"), a to-infinitive under a verb of
    intent or schedule ("is to meet", "is set to", "plans to", "is due to"), a scheduling
    participle ("talks scheduled for Tuesday") or a forward-looking modifier ("next",
    "upcoming talks"). ``token`` is usually the head of a time expression; non-verbs are
    followed up to their clause's verb.
    """
    current = token
    for _ in range(12):
        if _has_future_modifier(current):
            return "future"
        if current.pos_ in ("VERB", "AUX") or current.tag_.startswith("VB"):
            verdict = _verb_verdict(current)
            if verdict is not None:
                return verdict
        if current.head.i == current.i:
            break
        current = current.head
    return "past"


def _tense_for(doc, start: int, end: int) -> str:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "past"
    root = span.root
    tense = tense_of(root.head)
    if tense != "future" and _UNTIL_BEFORE.search(_doc_text(doc), max(0, start - 8), start) \
            and (tense == "present" or _present_perfect(root.head)):
        return "future"     # "remains closed until Friday", "has kept them shut until May 3"
    return tense


_UNTIL_BEFORE = re.compile(r"\b(?:until|till|through)\s+$", re.IGNORECASE)


def _present_perfect(token) -> bool:
    """True when a verb governing ``token`` is in the present perfect ("has continued")."""
    current = token
    for _ in range(12):
        if any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'s", "'ve") for c in current.children):
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _is_count(doc, candidate: _Candidate) -> bool:
    """A bare four-digit number that spaCy reads as a count ("2000 troops") is not a year."""
    match = candidate.match
    if candidate.rule.name != "year" or match["prep"] or match["mod"] or match["y2"] or match["y2b"]:
        return False
    span = doc.char_span(*candidate.span, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    if token.ent_type_ in _COUNT_LABELS:
        return True
    # "2000 troops" counts; "the 2008 Olympic Games" (a proper name) is dated
    return token.dep_ == "nummod" and token.head.tag_ == "NNS"


def _entity_mention(doc, ent, article_date: Optional[date]) -> Optional[TimeMention]:
    """A DATE entity our patterns passed over for want of a cue ("January sales", "Autumn
    meetings"): the model's label stands in for the preposition the patterns ask for."""
    prefix = "in "
    body = ent.text.rstrip()
    probe = prefix + body
    best: Optional[_Candidate] = None
    for candidate in _candidates(probe, article_date):
        s, e = candidate.span
        if s <= len(prefix) and e == len(probe) and candidate.rule.name in _CUED_RULES:
            best = candidate
    if best is None:
        return None
    mention = _mention(probe, best, article_date, _tense_for(doc, ent.start_char, ent.end_char))
    if mention is None:
        return None
    start = ent.start_char + max(0, mention.span[0] - len(prefix))
    end = ent.start_char + len(body)
    return replace(mention, text=_doc_text(doc)[start:end], span=(start, end))


# Rules that ask for a cue before a bare name ("in March", "in the spring").
_CUED_RULES = frozenset({"month_alone", "season", "short_year"})


def anchor_period(mention: TimeMention) -> tuple[Optional[date], Optional[date]]:
    """What a mention's own words date: for "since X" the day the period starts from (X's
    first day), else the mention's interval."""
    if mention.qualifier != "since" or mention.start is None:
        return mention.start, mention.end
    return mention.start, mention.start


def find_times(doc, article_date: Optional[date]) -> list[TimeMention]:
    """All time expressions in a spaCy Doc, in text order, non-overlapping, each resolved.

    Own patterns run over ``doc.text``; the doc's DATE/TIME entities that no pattern covers
    are added as unresolved (precision "unknown") unless they are ages ("35-year-old") or
    bare clock times. Tense is read from the syntactic head of each expression.
    """
    text = _doc_text(doc)
    counts: list[tuple[int, int]] = []

    def keep(candidate: _Candidate) -> bool:
        if _is_count(doc, candidate):
            counts.append(candidate.span)
            return False
        return True

    mentions: list[TimeMention] = []
    for candidate in _candidates(text, article_date, keep=keep):
        tense = _tense_for(doc, *candidate.span)
        mention = _mention(text, candidate, article_date, tense)
        if mention is not None:
            mentions.append(mention)
    taken = [m.span for m in mentions]
    for ent in entity_spans(doc):
        if ent.label_ != "DATE":
            continue  # clock times alone say nothing about the day
        ent_text = text[ent.start_char:ent.end_char]     # (Span.text rebuilds it each time)
        s, e = ent.start_char, ent.start_char + len(ent_text.rstrip())
        if any(s < te and ts < e for ts, te in taken + counts) or _AGE.search(ent_text):
            continue
        if _BARE_NUMBER.match(ent_text) or (len(ent) == 1 and ent[0].pos_ in ("ADJ", "ADV")):
            continue  # a count the year rule turned down, or "annual"/"daily": no period
        mention = _entity_mention(doc, ent, article_date)
        if mention is None:
            mention = TimeMention(text[s:e], (s, e), None, None, "unknown", "point")
        mentions.append(mention)
        taken.append(mention.span)
    mentions.sort(key=lambda m: m.span)
    return mentions


# --------------------------------------------------------------------------- anaphora

_SAME_UNIT = re.compile(r"\b(?:same|that)\s+(?:same\s+)?(week|month|year)\b", re.IGNORECASE)
_NEXT_UNIT = re.compile(r"\b(next|following|previous|preceding)\s+(week|month|year)\b", re.IGNORECASE)
_UNIT_BEFORE = re.compile(r"\b(year|month|week)\s+(?:before|earlier|previous|prior)\b", re.IGNORECASE)
_SAME_A_YEAR_BACK = re.compile(r"\bsame\s+(period|quarter|month|week|day|time)\b.*\byear\b",
                               re.IGNORECASE)
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "year": 4,
                   "decade": 5}


# "two days after", "a week before": an offset followed by what it counts from, found within
# this many characters ("two days after explosions in the capital late on Thursday").
_OFFSET_PREP = re.compile(r"\b(?:after|before)$", re.IGNORECASE)
_OFFSET_REACH = 60


def counted_offset(offset: TimeMention, point: TimeMention) -> Optional[TimeMention]:
    """'came two days after explosions in Kabul late on Thursday night': the offset resolved
    from the day the phrase after it names (not from the story's last day), when ``point`` is
    that day; else None."""
    if (offset.anchor == "anaphoric" and offset.start is None and offset.days is not None
            and _OFFSET_PREP.search(offset.text) and point is not offset
            and point.kind == "point" and point.precision == "day"
            and point.start is not None and point.start == point.end
            and 0 <= point.span[0] - offset.span[1] <= _OFFSET_REACH):
        day = point.start + timedelta(days=offset.days)
        return replace(offset, start=day, end=day)
    return None


def resolve_anaphora(mentions: Sequence[TimeMention], article_date: Optional[date] = None
                     ) -> list[TimeMention]:
    """The mentions with anaphoric ones resolved against the story's reference time.

    "The same day", "two days later", "hours later" and clock times take the latest resolved
    day-precise point before them (or the article date before any); a clock time directly
    followed by a date ("16:15 UTC, June 1") takes that date. "The same month", "the
    following week", "the year before" take the latest resolved period of that size or
    finer before them (else the reference day); "the same quarter one year earlier" takes the
    latest resolved period and moves it back a year.

    A mention that cannot be resolved (no reference, an offset the text does not give) is
    returned unchanged; resolved ones keep ``anchor="anaphoric"``.
    """
    out: list[TimeMention] = []
    reference: Optional[date] = article_date
    history: list[TimeMention] = []
    ordered = sorted(mentions, key=lambda m: m.span)
    for i, m in enumerate(ordered):
        following = ordered[i + 1] if i + 1 < len(ordered) else None
        if (m.anchor == "anaphoric" and m.start is None and following is not None
                and 0 <= following.span[0] - m.span[1] <= 3 and following.precision == "day"
                and following.start is not None and following.start == following.end):
            out.append(replace(m, start=following.start, end=following.end))
            continue
        counted = counted_offset(m, following) if following is not None else None
        if counted is not None:
            out.append(counted)
            continue
        if m.anchor == "anaphoric" and m.start is None and reference is not None:
            resolved = _resolve_anaphor(m, reference, history)
            if resolved is not None:
                m = resolved
        out.append(m)
        if m.kind == "point" and m.start is not None and m.end is not None \
                and m.qualifier != "since":
            history.append(m)
            if m.start == m.end and m.precision == "day":
                reference = m.start
    return out


def _latest(history: Sequence[TimeMention], unit: str) -> Optional[TimeMention]:
    """The latest period in ``history`` no coarser than ``unit`` ('any' for any size)."""
    for m in reversed(history):
        rank = _PRECISION_RANK.get(m.precision)
        if rank is not None and (unit == "any" or rank <= _PRECISION_RANK[unit]):
            return m
    return None


def _resolve_anaphor(m: TimeMention, reference: date, history: Sequence[TimeMention]
                     ) -> Optional[TimeMention]:
    back = _SAME_A_YEAR_BACK.search(m.text)
    if back:
        unit = back.group(1).lower()
        base = _latest(history, "any" if unit in ("period", "time") else unit)
        if base is None:
            return None
        return replace(m, start=_add_months(base.start, -12), end=_add_months(base.end, -12),
                       precision=base.precision)
    before = _UNIT_BEFORE.search(m.text)
    unit_match = _SAME_UNIT.search(m.text)
    step_match = _NEXT_UNIT.search(m.text)
    if m.precision in ("week", "month", "year") and (before or unit_match or step_match):
        if before:
            unit, step = before.group(1).lower(), -1
        elif step_match:
            unit = step_match.group(2).lower()
            step = 1 if step_match.group(1).lower() in ("next", "following") else -1
        else:
            unit, step = unit_match.group(1).lower(), 0  # type: ignore[union-attr]
        base = _latest(history, unit)
        anchor_day = base.start if base is not None else reference
        probe = anchor_day + timedelta(days=7 * step) if unit == "week" else _shift(anchor_day, step, unit)
        start, end = _unit_bounds(probe, unit)
        return replace(m, start=start, end=end, precision=unit)
    if m.precision == "day" and m.days is not None and abs(m.days) < 400:
        day = reference + timedelta(days=m.days)
        return replace(m, start=day, end=day)
    if m.precision == "day" and m.days is None and m.qualifier is None \
            and not re.search(r"\b(?:before|earlier|prior)\b", m.text, re.IGNORECASE):
        # "hours later", "shortly after", "at the time": the same day as the reference
        return replace(m, start=reference, end=reference)
    return None

