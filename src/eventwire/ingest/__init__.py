"""Ingestion: read files, folders and streams into Articles, rejecting what cannot be coded."""

from .language import LanguageGuess, guess_language, is_english
from .readers import (
    MAX_INPUT_BYTES,
    check_date,
    content_id,
    decode_text,
    folder_inputs,
    parse_record,
    parse_text,
    read_paths,
)

__all__ = [
    "MAX_INPUT_BYTES",
    "LanguageGuess",
    "check_date",
    "content_id",
    "decode_text",
    "folder_inputs",
    "guess_language",
    "is_english",
    "parse_record",
    "parse_text",
    "read_paths",
]
