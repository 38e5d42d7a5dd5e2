"""Casualty, arrest, displacement and crowd counts: numbers attached to the words that count.

``find_counts(doc)`` reads a parsed spaCy ``Doc`` in two steps:

1. **number phrases** — digits ("12", "1,400", "1.5 million"), number words ("twelve",
   "twenty-five", "two dozen"), vague words ("dozens", "tens of thousands") and their
   modifiers ("at least", "up to", "about", "between 10 and 15", "10-15") become
   ``low``/``best``/``high`` by the rules in ``resources/vague_numbers.yaml`` (ACLED's
   conservative convention; the file's header is the table for docs/CODEBOOK.md);
2. **attachment** — a phrase counts only when the dependency parse ties it to a word of one
   of the five kinds: as the object or passive subject of a victim verb ("killed 23
   soldiers", "15 people were detained"), the subject of an intransitive one ("thousands
   fled", "hundreds of demonstrators marched", "thousands took to the streets"), with a
   state word ("left dozens dead", "dozens dead", "7 injured"), inside a toll or crowd
   ("the death toll rose to 40", "a crowd of about 5,000"), or counting a noun that is
   itself the kind ("12 deaths", "5,000 protesters").

Everything else is not a count: years, ages ("35-year-old"), money, percentages, durations
("four days"), and numbers of things that are not victims or participants ("two sides",
"three officials said"). ``CountMention.head_i`` is the token the count attaches to; the
lead pairs it with an event trigger.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any, Iterable, Optional, Sequence

import yaml

from eventwire.errors import ResourceError
from eventwire.model import Count, Span
from eventwire.nlp.sentences import doc_text
from eventwire.nlp.tokens import token_table

__all__ = ["CountMention", "NumberRules", "find_counts", "load_number_rules"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

RULES_RESOURCE = "vague_numbers.yaml"

# -- number words -------------------------------------------------------------------------

UNIT_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
GROUP_WORDS = {"dozen": 12, "score": 20}          # "two dozen", "a score of"
ZERO_PHRASES = (("no", "one"), ("nobody",), ("none",))
DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")
DECIMAL = re.compile(r"^\d+\.\d+$")
RANGE_IN_ONE_TOKEN = re.compile(r"^(\d[\d,]*)[-–](\d[\d,]*)$")
RANGE_JOINERS = frozenset({"-", "–", "to", "or"})
YEAR_RANGE = (1800, 2100)

# -- what a number must not be ------------------------------------------------------------

# QUANTITY and TIME are left to the unit nouns: the model tags "40 arrests overnight" QUANTITY.
REJECT_ENT_TYPES = frozenset({"MONEY", "PERCENT", "ORDINAL"})
CURRENCY_BEFORE = frozenset({"$", "£", "€", "¥", "rs", "rs.", "usd", "eur", "pkr", "inr"})
UNIT_NOUNS = frozenset({
    "second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "night",
    "weekend", "time", "percent", "per", "cent", "dollar", "euro", "pound", "rupee", "dinar",
    "riyal", "rial", "yuan", "lira", "ruble", "rouble", "afghani", "shekel", "yen", "franc",
    "km", "kilometre", "kilometer", "mile", "metre", "meter", "foot", "feet", "inch", "kg",
    "kilogram", "ton", "tonne", "litre", "liter", "acre", "hectare", "degree", "point",
    "side", "round", "phase", "stage", "term", "age", "%",
})

# -- words that make a number a count -----------------------------------------------------

# Number is the object, or the passive subject: "killed 23 soldiers", "15 were detained".
VICTIM_VERBS = {
    "kill": "killed", "slay": "killed", "massacre": "killed", "execute": "killed",
    "behead": "killed", "murder": "killed", "assassinate": "killed", "slaughter": "killed",
    "injure": "injured", "wound": "injured", "hurt": "injured", "maim": "injured",
    "arrest": "arrested", "detain": "arrested", "apprehend": "arrested", "jail": "arrested",
    "imprison": "arrested", "nab": "arrested",
    "displace": "displaced", "evacuate": "displaced", "uproot": "displaced", "expel": "displaced",
}
# Number is the subject: "12 died", "thousands fled", "thousands protested".
SUBJECT_VERBS = {
    "die": "killed", "perish": "killed",
    "flee": "displaced",
    "protest": "participants", "demonstrate": "participants", "march": "participants",
    "rally": "participants", "gather": "participants", "assemble": "participants",
    "riot": "participants", "converge": "participants",
}
# Adjectives and participles saying what became of those counted: "dozens dead".
STATE_WORDS = {
    "dead": "killed", "killed": "killed", "kill": "killed",
    "injured": "injured", "injure": "injured", "wounded": "injured", "wound": "injured",
    "hurt": "injured",
    "arrested": "arrested", "arrest": "arrested", "detained": "arrested", "detain": "arrested",
    "displaced": "displaced", "displace": "displaced", "homeless": "displaced",
}
# Nouns that are themselves what is counted: "12 deaths", "5,000 protesters".
COUNTED_NOUNS = {
    "dead": "killed", "death": "killed", "fatality": "killed", "body": "killed",
    "life": "killed",
    "injured": "injured", "wounded": "injured", "injury": "injured",
    "arrest": "arrested", "detention": "arrested",
    "evacuee": "displaced", "displaced": "displaced",
    "protester": "participants", "protestor": "participants", "demonstrator": "participants",
    "marcher": "participants", "rioter": "participants",
}
# "the killing of 12 civilians", "a crowd of about 5,000".
OF_NOUNS = {
    "killing": "killed", "death": "killed", "murder": "killed", "massacre": "killed",
    "execution": "killed", "life": "killed",
    "injury": "injured", "wounding": "injured",
    "arrest": "arrested", "detention": "arrested", "roundup": "arrested",
    "evacuation": "displaced", "displacement": "displaced", "exodus": "displaced",
    "crowd": "participants", "rally": "participants", "gathering": "participants",
    "march": "participants", "protest": "participants", "demonstration": "participants",
    "procession": "participants", "sit-in": "participants", "turnout": "participants",
}
CROWD_NOUNS = frozenset(k for k, v in OF_NOUNS.items() if v == "participants")
TOLL_NOUNS = frozenset({"toll"})
TOLL_KIND_BY_MODIFIER = {"injury": "injured", "casualty": "killed", "death": "killed"}
# Envoys and officials expelled are sent home by a state, not displaced: "expelled two
# diplomats" counts no one (CODEBOOK.md, "Counts").
EXPULSION_VERBS = frozenset({"expel"})
ENVOY_NOUNS = frozenset({"diplomat", "ambassador", "envoy", "attache", "attaché", "consul",
                         "official", "staff", "staffer", "representative", "delegate",
                         "spy", "agent"})
LEAVE_VERBS = frozenset({"leave"})                 # "left dozens dead"
JOIN_VERBS = frozenset({"join", "attend"})         # "thousands joined the rally"
DRAW_VERBS = frozenset({"draw", "attract", "bring"})   # "the rally drew 5,000"
COPULAS = frozenset({"be", "remain"})
RELATIVE_TAGS = frozenset({"WDT", "WP"})
# (verb lemmas, particle, dependency path from the verb, kind), for object or passive subject.
PHRASAL_VERBS = (
    (frozenset({"take"}), None, (("prep", "into"), ("pobj", "custody")), "arrested"),
    (frozenset({"round"}), "up", (), "arrested"),
    (frozenset({"force", "drive"}), None, (("prep", "from"), ("pobj", "home")), "displaced"),
    (frozenset({"shoot", "gun"}), "down", (), "killed"),
)
NOMINAL_POS = frozenset({"NOUN", "PROPN", "NUM", "PRON", "ADJ"})


@dataclass(frozen=True)
class CountMention:
    """A number in the text attached to a word of one count kind.

    ``text``/``span``: the number phrase with its modifier ("at least 12"); ``head_i``: index
    in the Doc of the verb or noun it attaches to ("killed", "toll", "crowd").
    """

    kind: str
    low: int
    best: int
    high: Optional[int]
    text: str
    span: Span
    head_i: int

    def to_count(self, claimed_by: Any = None) -> Count:
        """The ``counts`` value of an event record."""
        return Count(low=self.low, best=self.best, high=self.high, text=self.text,
                     span=self.span, claimed_by=claimed_by)


@dataclass(frozen=True)
class NumberRules:
    """Vague words and modifiers, as token tuples, longest first."""

    vague: tuple[tuple[tuple[str, ...], int], ...]
    at_least: tuple[tuple[str, ...], ...]
    at_most: tuple[tuple[str, ...], ...]
    approximately: tuple[tuple[str, ...], ...]
    at_least_after: tuple[tuple[str, ...], ...]
    persons: frozenset[str] = frozenset()       # nouns for one person: "a soldier was killed"

    @cached_property
    def phrase_starts(self) -> tuple[frozenset[str], frozenset[str]]:
        """(the words that can begin a quantity, numerals aside; the words that lead one:
        "at least", "between"), worked out once."""
        vague_starts = frozenset(phrase[0] for phrase, _ in self.vague if phrase)
        leads = frozenset(option[0] for name in ("at_least", "at_most", "approximately")
                          for option in getattr(self, name) if option) | {"between"}
        return _STARTING_WORDS | vague_starts, leads


@lru_cache(maxsize=1)
def load_number_rules() -> NumberRules:
    """The packaged ``vague_numbers.yaml``, parsed once."""
    try:
        raw = resources.files("eventwire.resources").joinpath(RULES_RESOURCE).read_text("utf-8")
        data = yaml.safe_load(raw) or {}
        vague = tuple(
            sorted(((_words(v["phrase"]), int(v["value"])) for v in data["vague"]),
                   key=lambda item: -len(item[0]))
        )
        mods = data["modifiers"]

        def phrases(name: str) -> tuple[tuple[str, ...], ...]:
            return tuple(sorted((_words(p) for p in mods.get(name, [])), key=len, reverse=True))

        return NumberRules(vague, phrases("at_least"), phrases("at_most"),
                           phrases("approximately"), phrases("at_least_after"),
                           frozenset(str(w).lower() for w in data.get("persons") or ()))
    except (OSError, KeyError, TypeError, ValueError, yaml.YAMLError) as exc:
        raise ResourceError(f"{RULES_RESOURCE} is missing or malformed: {exc}") from exc


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(str(phrase).lower().split())


# -- step 1: number phrases ---------------------------------------------------------------

@dataclass(frozen=True)
class _Quantity:
    value: int
    start: int          # token indices, end exclusive
    end: int
    vague: bool


@dataclass(frozen=True)
class _Phrase:
    start: int
    end: int
    low: int
    best: int
    high: Optional[int]
    quantity_start: int     # tokens of the number itself, without the modifier
    quantity_end: int


def _match(words: Sequence[str], i: int, options: Iterable[tuple[str, ...]]) -> int:
    """Length of the first option that ``words`` has at ``i`` (options longest first), else 0."""
    if i >= len(words):
        return 0
    first = words[i]
    for option in options:
        # the first word rules out nearly every option without building a slice
        if option and option[0] != first:
            continue
        if tuple(words[i:i + len(option)]) == option:
            return len(option)
    return 0


def _parse_words(words: Sequence[str], i: int) -> Optional[tuple[int, int]]:
    """A spelled-out or digit number at ``i``: (value, end). "twenty-five", "1.5 million"."""
    n = len(words)
    if words[i] == "half" and i + 2 < n and words[i + 1] == "a" and words[i + 2] in GROUP_WORDS:
        return GROUP_WORDS[words[i + 2]] // 2, i + 3
    if DECIMAL.match(words[i]) and i + 1 < n and words[i + 1] in SCALE_WORDS:
        return int(round(float(words[i]) * SCALE_WORDS[words[i + 1]])), i + 2
    total, current, last, j = 0, 0, None, i
    multiplier_next = i + 1 < n and (words[i + 1] in SCALE_WORDS or words[i + 1] in GROUP_WORDS)
    if words[i] == "a" and multiplier_next:
        current, last, j = 1, "digits", i + 1
    elif DIGITS.match(words[i]):
        current, last, j = int(words[i].replace(",", "")), "digits", i + 1
    while j < n:
        w = words[j]
        following = words[j + 1] if j + 1 < n else ""
        if w in UNIT_WORDS and last in (None, "scale", "tens"):
            current, last = current + UNIT_WORDS[w], "unit"
        elif w in TENS_WORDS and last in (None, "scale"):
            current, last = current + TENS_WORDS[w], "tens"
        elif w == "-" and last == "tens" and following in UNIT_WORDS:
            pass                                            # "twenty-five"
        elif w == "and" and last == "scale" and (
                following in UNIT_WORDS or following in TENS_WORDS):
            pass                                            # "a hundred and twenty"
        elif w in SCALE_WORDS and last in ("unit", "tens", "digits", "scale"):
            if last == "scale" and SCALE_WORDS[w] <= 100:
                break
            if SCALE_WORDS[w] == 100:
                current *= 100
            else:
                total, current = total + current * SCALE_WORDS[w], 0
            last = "scale"
        elif w in GROUP_WORDS and last in ("unit", "tens", "digits"):
            current, last, j = current * GROUP_WORDS[w], "group", j + 1
            break
        else:
            break
        j += 1
    if last is None:
        return None
    return total + current, j


def _parse_quantity(words: Sequence[str], i: int, rules: NumberRules) -> Optional[_Quantity]:
    length = _match(words, i, (v[0] for v in rules.vague))
    if length:
        value = next(v for phrase, v in rules.vague if len(phrase) == length
                     and tuple(words[i:i + length]) == phrase)
        return _Quantity(value, i, i + length, vague=True)
    length = _match(words, i, ZERO_PHRASES)
    if length:
        return _Quantity(0, i, i + length, vague=False)
    parsed = _parse_words(words, i)
    if parsed is None:
        return None
    value, end = parsed
    return _Quantity(value, i, end, vague=False)


# How far before its quantity a number phrase may start ("as many as 40", "between 10 and").
_LEAD = 4


_STARTING_WORDS = frozenset({*UNIT_WORDS, *TENS_WORDS, *SCALE_WORDS, *GROUP_WORDS,
                             "a", "half", "no", "nobody", "none"})


def _number_phrases(words: Sequence[str], rules: NumberRules) -> list[_Phrase]:
    phrases: list[_Phrase] = []
    # a phrase begins with a quantity, or with a word that leads one ("at least", "between")
    # a few words before a word that can begin a quantity; nowhere else can one start
    starters, leads = rules.phrase_starts
    starts = [word in starters or word[:1].isdigit() for word in words]
    tried = [k for k, word in enumerate(words)
             if starts[k] or (word in leads and any(starts[k:k + _LEAD + 1]))]
    end = 0
    for k in tried:
        if k < end:
            continue        # inside the phrase found before
        phrase = _phrase_at(words, k, rules)
        if phrase is not None:
            phrases.append(phrase)
            end = phrase.end
    return phrases


def _phrase_at(words: Sequence[str], i: int, rules: NumberRules) -> Optional[_Phrase]:
    n = len(words)
    one_token = RANGE_IN_ONE_TOKEN.match(words[i])
    if one_token:
        low, high = (int(g.replace(",", "")) for g in one_token.groups())
        if low < high:
            return _Phrase(i, i + 1, low, low, high, i, i + 1)
    if words[i] == "between":
        first = _parse_quantity(words, i + 1, rules)
        if first and first.end < n and words[first.end] == "and":
            second = _parse_quantity(words, first.end + 1, rules)
            if second and not second.vague and second.value > first.value:
                return _Phrase(i, second.end, first.value, first.value, second.value,
                               first.start, second.end)
        return None
    mode, j = "exact", i
    for name in ("at_least", "at_most", "approximately"):
        length = _match(words, i, getattr(rules, name))
        if length:
            mode, j = name, i + length
            break
    quantity = _parse_quantity(words, j, rules)
    if quantity is None:
        return None
    end, low, best, high = quantity.end, quantity.value, quantity.value, quantity.value
    if quantity.vague:
        high = None
    # ranges: "10 to 15", "two or three", "10 - 15" (not "from 10 to 15": a change, not a range)
    if (mode == "exact" and end + 1 < n and words[end] in RANGE_JOINERS
            and not (i > 0 and words[i - 1] == "from")):
        second = _parse_quantity(words, end + 1, rules)
        if second and not second.vague and not quantity.vague and second.value > quantity.value:
            return _Phrase(i, second.end, quantity.value, quantity.value, second.value,
                           quantity.start, second.end)
    after = _match(words, end, rules.at_least_after)
    if after and mode == "exact":
        mode, end = "at_least", end + after
    elif end + 1 < n and words[end] == "-" and words[end + 1] == "plus" and mode == "exact":
        mode, end = "at_least", end + 2
    if mode == "at_least":
        high = None
    elif mode == "at_most":
        low, high = 0, quantity.value
    return _Phrase(i, end, low, best, high, quantity.start, quantity.end)


# -- step 2: attachment -------------------------------------------------------------------

def find_counts(doc: Any, rules: Optional[NumberRules] = None) -> list[CountMention]:
    """Every number phrase in ``doc`` attached to a killed/injured/arrested/displaced/crowd word.

    ``doc`` must be parsed (tags, dependencies, entities). Results are in text order, one per
    number phrase.
    """
    rules = rules or load_number_rules()
    words = token_table(doc).lower
    found: list[CountMention] = []
    for phrase in _number_phrases(words, rules):
        if _is_not_a_count(doc, phrase):
            continue
        anchor = _anchor(doc, phrase)
        nominal, counted = _nominal(doc, anchor, phrase)
        if counted.lemma_.lower() in UNIT_NOUNS or counted.lower_ in UNIT_NOUNS:
            continue
        attached = _attach(nominal, counted)
        if attached is None:
            continue
        kind, head = attached
        start = doc[phrase.start].idx
        last = doc[phrase.end - 1]
        end = last.idx + len(last.text)
        found.append(CountMention(kind, phrase.low, phrase.best, phrase.high,
                                  doc_text(doc)[start:end], (start, end), head.i))
    counted_heads = {c.head_i for c in found}
    found += _single_victims(doc, rules, counted_heads, {t for c in found for t in range(*c.span)})
    found.sort(key=lambda c: c.span)
    return found


def _single_victims(doc: Any, rules: NumberRules, counted_heads: set[int],
                    counted_chars: set[int]) -> list[CountMention]:
    """One person as the victim of a verb that no number counts: "a journalist was killed",
    "gunmen killed the deputy chief", "a prisoner died" (count 1, text from the determiner
    to the noun). Only singular nouns for a person (``persons`` in vague_numbers.yaml) or a
    person's name count; negated verbs and plural or quantified nouns never do."""
    found: list[CountMention] = []
    for i, lemma in enumerate(token_table(doc).lemma):
        if lemma not in VICTIM_VERBS and SUBJECT_VERBS.get(lemma) != "killed":
            continue    # the cheap test first: most words are no victim verb
        verb = doc[i]
        if verb.pos_ not in ("VERB", "AUX") or verb.i in counted_heads:
            continue
        if any(c.dep_ == "neg" for c in verb.children):
            continue
        if lemma in VICTIM_VERBS:
            kind, roles = VICTIM_VERBS[lemma], ("dobj", "nsubjpass")
        elif lemma in SUBJECT_VERBS and SUBJECT_VERBS[lemma] == "killed":
            kind, roles = "killed", ("nsubj",)
        else:
            continue
        for noun in verb.children:
            if noun.dep_ not in roles or not _one_person(noun, rules):
                continue
            start_token = noun.left_edge
            start, end = start_token.idx, noun.idx + len(noun.text)
            if any(i in counted_chars for i in range(start, end)):
                continue
            found.append(CountMention(kind, 1, 1, 1, doc_text(doc)[start:end], (start, end), verb.i))
            break
    return found


def _is_envoy(counted: Any) -> bool:
    """'diplomats', 'embassy staff', 'consular officials': a counted noun for people sent
    by a state."""
    return counted.lemma_.lower() in ENVOY_NOUNS or counted.lower_ in ENVOY_NOUNS


def _one_person(noun: Any, rules: NumberRules) -> bool:
    if any(c.dep_ in ("nummod", "conj") for c in noun.children):
        return False
    if noun.tag_ == "NN":
        return noun.lemma_.lower() in rules.persons or noun.lower_ in rules.persons
    return noun.tag_ == "NNP" and noun.ent_type_ == "PERSON"


def _is_not_a_count(doc: Any, phrase: _Phrase) -> bool:
    tokens = doc[phrase.quantity_start:phrase.quantity_end]
    if any(t.ent_type_ in REJECT_ENT_TYPES for t in tokens):
        return True
    before = doc[phrase.start - 1] if phrase.start > 0 else None
    if before is not None and before.lower_ in CURRENCY_BEFORE:
        return True
    after = doc[phrase.end] if phrase.end < len(doc) else None
    if after is not None and after.lower_ in {"%", "percent", "per"}:
        return True
    if len(tokens) == 1 and tokens[0].text.isdigit() and len(tokens[0].text) == 4:
        year = int(tokens[0].text)
        if YEAR_RANGE[0] <= year <= YEAR_RANGE[1] and (
                tokens[0].ent_type_ == "DATE" or phrase.start == phrase.quantity_start):
            return True
    return False


def _anchor(doc: Any, phrase: _Phrase) -> Any:
    """The phrase's syntactic root: its number token whose head lies outside the phrase."""
    inside = range(phrase.start, phrase.end)
    tokens = list(doc[phrase.quantity_start:phrase.quantity_end])
    outside = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    if outside:
        return outside[0] if tokens[0].dep_ != "conj" else outside[-1]
    return tokens[-1]


def _nominal(doc: Any, anchor: Any, phrase: _Phrase) -> tuple[Any, Any]:
    """(the token standing for the counted group in the clause, the noun that is counted)."""
    if anchor.dep_ in {"nummod", "quantmod", "compound", "amod", "det", "advmod"} \
            and anchor.head.pos_ in NOMINAL_POS and anchor.head.i >= phrase.end:
        return anchor.head, anchor.head
    for child in anchor.children:                     # "thousands of people"
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [g for g in child.children if g.dep_ == "pobj" and g.i >= phrase.end]
            if objects:
                return anchor, objects[0]
    return anchor, anchor


def _attach(nominal: Any, counted: Any) -> Optional[tuple[str, Any]]:
    """(kind, the token that makes it that kind) or None."""
    base = nominal
    while base.dep_ in {"conj", "appos"} and base.head.pos_ in NOMINAL_POS and base.head != base:
        base = base.head
    dep, head = base.dep_, base.head
    lemma = head.lemma_.lower()

    if dep in {"dobj", "nsubjpass", "oprd"} and lemma in VICTIM_VERBS:
        if lemma in EXPULSION_VERBS and _is_envoy(counted):
            return None     # "expelled two diplomats": a sanction, not a displacement
        return VICTIM_VERBS[lemma], head
    if dep in {"dobj", "nsubjpass"}:
        kind = _phrasal_kind(head)
        if kind:
            return kind, head
    if dep == "dobj" and lemma in LEAVE_VERBS:                  # "left dozens dead"
        for sibling in head.children:
            if sibling.dep_ in {"oprd", "xcomp", "ccomp", "acomp", "advcl", "amod"} \
                    and sibling.lower_ in STATE_WORDS:
                return STATE_WORDS[sibling.lower_], sibling
        for child in base.children:
            if child.dep_ in {"amod", "acl"} and child.lower_ in STATE_WORDS:
                return STATE_WORDS[child.lower_], child
    if dep == "dobj" and lemma == "shoot" and any(c.lower_ == "dead" for c in head.children):
        return "killed", head
    if dep == "nsubj":
        found = _subject_kind(head, lemma)
        if found:
            return found
    if dep == "pobj":
        found = _object_of_preposition(head)
        if found:
            return found
    if dep in {"dobj", "attr"} and head.pos_ in {"VERB", "AUX"}:
        subject = _child(head, "nsubj")
        if subject is not None and subject.tag_ in RELATIVE_TAGS and head.dep_ == "relcl":
            subject = head.head                                 # "the march, which drew ..."
        if subject is not None and subject.lemma_.lower() in TOLL_NOUNS:
            return _toll_kind(subject), subject                 # "the toll reached 40"
        if subject is not None and lemma in DRAW_VERBS \
                and subject.lemma_.lower() in CROWD_NOUNS:
            return "participants", subject                      # "the rally drew 5,000"
    for owner in {nominal, counted}:
        for child in owner.children:
            word = child.lower_
            if child.dep_ in {"amod", "acl"} and (word in STATE_WORDS
                                                 or child.lemma_.lower() in VICTIM_VERBS):
                kind = STATE_WORDS.get(word) or VICTIM_VERBS[child.lemma_.lower()]
                return kind, child                              # "dozens dead", "12 killed"
            if child.dep_ == "relcl" and child.lemma_.lower() in VICTIM_VERBS \
                    and _child(child, "nsubjpass") is not None:
                return VICTIM_VERBS[child.lemma_.lower()], child
    noun = counted.lemma_.lower()
    if noun in COUNTED_NOUNS:
        return COUNTED_NOUNS[noun], counted
    if counted.lower_ in COUNTED_NOUNS:
        return COUNTED_NOUNS[counted.lower_], counted
    return None


def _phrasal_kind(verb: Any) -> Optional[str]:
    """Multi-word victim verbs: "taken into custody", "rounded up", "forced from their homes"."""
    lemma = verb.lemma_.lower()
    for verbs, particle, path, kind in PHRASAL_VERBS:
        if lemma not in verbs:
            continue
        if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in verb.children):
            continue
        if path and not _has_path(verb, *path):
            continue
        return kind
    return None


def _subject_kind(verb: Any, lemma: str) -> Optional[tuple[str, Any]]:
    if lemma in SUBJECT_VERBS:
        return SUBJECT_VERBS[lemma], verb
    if lemma in VICTIM_VERBS and verb.tag_ == "VBN" and _child(verb, "dobj") is None \
            and not any(c.lemma_ == "have" for c in verb.children if c.dep_ == "aux"):
        return VICTIM_VERBS[lemma], verb                        # headline "7 injured"
    if lemma == "take" and _has_path(verb, ("prep", "to"), ("pobj", "street")):
        return "participants", verb                             # "took to the streets"
    if lemma == "turn" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return "participants", verb
    if lemma in JOIN_VERBS:
        obj = _child(verb, "dobj")
        if obj is not None and obj.lemma_.lower() in CROWD_NOUNS:
            return "participants", verb
    if lemma in COPULAS:
        for child in verb.children:
            if child.dep_ in {"acomp", "attr"} and child.lower_ in STATE_WORDS:
                return STATE_WORDS[child.lower_], child         # "12 were dead"
    return None


def _object_of_preposition(prep: Any) -> Optional[tuple[str, Any]]:
    word, owner = prep.lower_, prep.head
    owner_lemma = owner.lemma_.lower()
    if word in {"to", "at"}:
        subject = _child(owner, "nsubj") if owner.pos_ in {"VERB", "AUX"} else None
        if subject is not None and subject.lemma_.lower() in TOLL_NOUNS:
            return _toll_kind(subject), subject                 # "the death toll rose to 40"
        if subject is not None and subject.lemma_.lower() == "number":
            for of in (c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"):
                for counted in of.children:                     # "the number of dead rose to 15"
                    noun = counted.lemma_.lower()
                    if counted.dep_ == "pobj" and (noun in COUNTED_NOUNS
                                                   or counted.lower_ in COUNTED_NOUNS):
                        return COUNTED_NOUNS.get(noun) or COUNTED_NOUNS[counted.lower_], subject
        if owner_lemma in TOLL_NOUNS:
            return _toll_kind(owner), owner
    if word == "of":
        if owner_lemma in TOLL_NOUNS:
            return _toll_kind(owner), owner                     # "a death toll of 40"
        if owner_lemma in OF_NOUNS or owner.lower_ in OF_NOUNS:
            return OF_NOUNS.get(owner_lemma) or OF_NOUNS[owner.lower_], owner
    return None


def _toll_kind(toll: Any) -> str:
    for child in toll.children:
        if child.dep_ in {"compound", "amod"} and child.lemma_.lower() in TOLL_KIND_BY_MODIFIER:
            return TOLL_KIND_BY_MODIFIER[child.lemma_.lower()]
    return "killed"


def _child(token: Any, dep: str) -> Optional[Any]:
    for child in token.children:
        if child.dep_ == dep:
            return child
    return None


def _has_path(token: Any, *steps: tuple[str, str]) -> bool:
    current = [token]
    for dep, lemma in steps:
        current = [c for t in current for c in t.children
                   if c.dep_ == dep and c.lemma_.lower() == lemma]
        if not current:
            return False
    return True

