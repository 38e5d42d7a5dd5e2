"""Token attributes read once per Doc: spaCy builds a Token object and looks its strings up
on every access, which the extraction steps would otherwise repeat for every word."""

from __future__ import annotations

from dataclasses import dataclass

_KEY = "eventwire_tokens"


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
