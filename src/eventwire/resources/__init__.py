"""Packaged data files: lexicons, dictionaries, gazetteer supplements, number words."""

from __future__ import annotations

import hashlib
from importlib import resources
from typing import Any

import yaml

from ..errors import ResourceError

# Data files whose content decides how events are coded; their hash goes into provenance.
CODING_FILES = ("entities.yaml", "triggers.yaml", "vague_numbers.yaml", "places_supplement.yaml")


def read_text(name: str) -> str:
    try:
        return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ResourceError(f"packaged data file {name!r} is missing") from exc


def load_yaml(name: str) -> Any:
    try:
        return yaml.safe_load(read_text(name))
    except yaml.YAMLError as exc:
        raise ResourceError(f"packaged data file {name!r} is not valid YAML: {exc}") from exc


def lexicon_sha256() -> str:
    """One hash over every coding data file, so each event says which lexicons coded it."""
    digest = hashlib.sha256()
    for name in CODING_FILES:
        try:
            digest.update(name.encode())
            digest.update(read_text(name).encode("utf-8"))
        except ResourceError:
            digest.update(b"<absent>")
    return digest.hexdigest()
