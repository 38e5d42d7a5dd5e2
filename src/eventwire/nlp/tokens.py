"""Token attributes and entity spans read once per Doc: spaCy builds a Token object and looks
its strings up on every access (and new Span objects on every ``doc.ents``), which the
extraction steps would otherwise repeat."""

from __future__ import annotations

from dataclasses import dataclass

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
        lower, lemma, pos, tag = [], [], [], []
        for tok in doc:
            lower.append(tok.lower_)
            lemma.append(tok.lemma_.lower())
            pos.append(tok.pos_)
            tag.append(tok.tag_)
        table = doc.user_data[_KEY] = TokenTable(lower, lemma, pos, tag)
    return table


def entity_spans(doc) -> tuple:
    """The Doc's named-entity spans (``doc.ents``), built on first use and cached on the Doc."""
    ents = doc.user_data.get(_ENTS_KEY)
    if ents is None:
        ents = doc.user_data[_ENTS_KEY] = tuple(doc.ents)
    return ents
