"""Ingestion: read files, folders, feeds, archives and streams into Articles, rejecting what
cannot be coded; content hashes and near-duplicate links for what was read."""

from .dedup import NearDuplicateIndex, content_hash
from .language import LanguageGuess, guess_language, is_english
from .readers import (
    MAX_INPUT_BYTES,
    check_date,
    content_id,
    decode_text,
    folder_inputs,
    input_suffix,
    parse_record,
    parse_text,
    read_paths,
)

__all__ = [
    "MAX_INPUT_BYTES",
    "LanguageGuess",
    "NearDuplicateIndex",
    "check_date",
    "content_hash",
    "content_id",
    "decode_text",
    "folder_inputs",
    "guess_language",
    "input_suffix",
    "is_english",
    "parse_record",
    "parse_text",
    "read_paths",
]
