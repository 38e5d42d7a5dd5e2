"""Token attributes and entity spans read once per Doc: spaCy builds a Token object and looks
its strings up on every access (and new Span objects on every ``doc.ents``), which the
extraction steps would otherwise repeat."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER, POS, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES

_KEY = "eventwire_tokens"
_ENTS_KEY = "eventwire_ents"


@dataclass(frozen=True)
class TokenTable:
    """Per-token strings of one Doc, indexed by ``token.i``."""

    lower: list[str]
    lemma: list[str]        # lower-cased lemma
    pos: list[str]
    tag: list[str]


def token_table(doc) -> TokenTable:
    """The Doc's token attributes, built on first use and cached on the Doc."""
    table = doc.user_data.get(_KEY)
    if table is None:
        # Read as integer columns, each distinct value's string looked up once: a Token
        # object per word and a string lookup per attribute cost several times more.
        if len(doc):
            lower, lemma, pos, tag = doc.to_array([LOWER, LEMMA, POS, TAG]).T.tolist()
        else:
            lower, lemma, pos, tag = [], [], [], []
        strings = doc.vocab.strings
        # (a word's lemma is often its lower-case form: one lookup serves both)
        string_of = {h: strings[h] for h in set(lower).union(lemma, tag)}
        table = doc.user_data[_KEY] = TokenTable(
            [string_of[h] for h in lower], [string_of[h].lower() for h in lemma],
            [POS_NAMES[p] for p in pos], [string_of[h] for h in tag])
    return table


def entity_spans(doc) -> tuple:
    """The Doc's named-entity spans (``doc.ents``), built on first use and cached on the Doc."""
    ents = doc.user_data.get(_ENTS_KEY)
    if ents is None:
        ents = doc.user_data[_ENTS_KEY] = tuple(doc.ents)
    return ents
