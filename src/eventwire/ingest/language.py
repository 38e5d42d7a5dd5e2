"""A small, fast check that a text is English, from script and function-word shares.

The coder's lexicons and the spaCy model are English-only, so other languages are turned
away at ingestion with a reason instead of producing nonsense events. Two signals decide:

* the share of letters written in Latin script (Arabic, Urdu, Russian, Chinese… fail here);
* among word tokens, the share that are common English function words, compared with the
  share that are common function words of other Latin-script languages (French, German,
  Spanish, Italian, Portuguese, Dutch). The foreign lists are kept disjoint from the English
  one, so "a", "in" or "die" never count against English.

Short texts (headlines) carry few function words, so below ``MIN_TOKENS_FOR_SHARE`` a text
passes unless it shows at least ``MIN_FOREIGN_HITS_SHORT`` foreign function words and more
foreign than English ones. Acronyms in capitals ("UN", "DE") are not read as words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Only the beginning of a text is examined: the verdict settles long before the end.
SAMPLE_CHARS = 4000
MIN_LATIN_SHARE = 0.5
MIN_ENGLISH_SHARE = 0.12
MIN_TOKENS_FOR_SHARE = 12
MIN_FOREIGN_HITS_SHORT = 2

WORD_PATTERN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

ENGLISH_FUNCTION_WORDS = frozenset("""
a about above across after against ago along also am amid among an and another any are as at
be because been before being below between both but by can could did do does during each
either else ever every for from had has have he her here hers him his how however i if in
into is it its itself just many may me might more most much must my near neither no nor not
now of off on once one only onto or other our out over own per said says she should since so
some such than that the their them then there these they this those though through to
toward towards under unless until up upon us very was we were what when where whether which
while who whom whose why will with within without would yet you your
""".split())

_FOREIGN_CANDIDATES = """
le la les des du de et est une un dans pour par sur qui que avec au aux ce cette ces il elle
ils elles sont ont pas plus ne se sa ses leur leurs été à où mais ou lors selon après être
entre contre aussi depuis deux
der die das den dem des ein eine einen einem einer ist sind nicht mit von zu auf für im sich
auch wurde werden hat haben bei nach aus wie dass oder über zum zur vom gegen sowie noch
el los las del y en una por con para su sus es al lo como más pero fue este esta estos
entre sobre ha han sin también ya muy tras según ante desde hasta fueron
il di che della delle dei degli nel nella sono non gli ed alla alle anche stato
não em os com uma das dos na no ao pelo pela foi são
het een van op zijn niet voor aan ook werd worden bij naar
"""
# Kept disjoint from the English list so shared spellings never count against English.
FOREIGN_FUNCTION_WORDS = frozenset(_FOREIGN_CANDIDATES.split()) - ENGLISH_FUNCTION_WORDS


@dataclass(frozen=True)
class LanguageGuess:
    """The evidence behind a verdict; ``english`` is the verdict itself."""

    english: bool
    letters: int
    latin_share: float
    tokens: int
    english_share: float
    foreign_share: float

    def describe(self) -> str:
        """A short, human-readable account of the evidence, for rejection messages."""
        if self.letters == 0:
            return "no letters"
        if self.latin_share < MIN_LATIN_SHARE:
            return f"{self.latin_share:.0%} of letters in Latin script"
        return (f"{self.english_share:.0%} English function words, "
                f"{self.foreign_share:.0%} French/German/Spanish/… function words")


def _is_latin(char: str) -> bool:
    code = ord(char)
    # Basic Latin, Latin-1, Latin Extended-A/B, IPA, and Latin Extended Additional.
    return code < 0x2B0 or 0x1E00 <= code <= 0x1EFF


def guess_language(text: str) -> LanguageGuess:
    """Measure how English ``text`` looks; never raises."""
    sample = text[:SAMPLE_CHARS]
    letters = [c for c in sample if c.isalpha()]
    latin_share = sum(map(_is_latin, letters)) / len(letters) if letters else 0.0
    tokens = [t.lower().replace("’", "'") for t in WORD_PATTERN.findall(sample)
              if len(t) == 1 or not t.isupper()]
    english = sum(t in ENGLISH_FUNCTION_WORDS for t in tokens)
    foreign = sum(t in FOREIGN_FUNCTION_WORDS for t in tokens)
    english_share = english / len(tokens) if tokens else 0.0
    foreign_share = foreign / len(tokens) if tokens else 0.0

    if not letters or latin_share < MIN_LATIN_SHARE:
        verdict = False
    elif len(tokens) < MIN_TOKENS_FOR_SHARE:
        verdict = foreign < MIN_FOREIGN_HITS_SHORT or foreign <= english
    else:
        verdict = english_share >= MIN_ENGLISH_SHARE and english > foreign
    return LanguageGuess(verdict, len(letters), latin_share, len(tokens),
                         english_share, foreign_share)


def is_english(text: str) -> bool:
    """True when ``text`` looks like English (see the module docstring for how)."""
    return guess_language(text).english
