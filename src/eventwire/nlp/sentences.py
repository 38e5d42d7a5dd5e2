"""Sentence lookups computed once per Doc (spaCy recomputes `token.sent` on every access)."""

from __future__ import annotations

_KEY = "eventwire_sentences"


def sentences(doc) -> tuple[list[int], list]:
    """(sentence number of every token, the sentence spans), cached on the Doc."""
    cached = doc.user_data.get(_KEY)
    if cached is None:
        spans = list(doc.sents)
        of = [0] * len(doc)
        for n, span in enumerate(spans):
            for i in range(span.start, span.end):
                of[i] = n
        cached = (of, spans)
        doc.user_data[_KEY] = cached
    return cached


def sentence_of(tok):
    """The sentence span of a token, from the Doc's cache."""
    of, spans = sentences(tok.doc)
    return spans[of[tok.i]]


def same_sentence(a, b) -> bool:
    of, _ = sentences(a.doc)
    return of[a.i] == of[b.i]


def doc_text(doc) -> str:
    """The Doc's text, built once per Doc (spaCy joins the tokens on every access)."""
    cached = doc.user_data.get("eventwire_text")
    if cached is None:
        cached = doc.user_data["eventwire_text"] = doc.text
    return cached
