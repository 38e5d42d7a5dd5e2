"""Packaged data files: lexicons, dictionaries, gazetteer supplements, number words."""

from __future__ import annotations

import hashlib
import re
from importlib import resources
from typing import Any

import yaml

from ..errors import ResourceError

# Data files whose content decides how events are coded; their hash goes into provenance.
CODING_FILES = ("entities.yaml", "office_holders.yaml", "triggers.yaml", "vague_numbers.yaml",
                "places_supplement.yaml", "world_regions.yaml")


def read_text(name: str) -> str:
    try:
        return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ResourceError(f"packaged data file {name!r} is missing") from exc


class DataLoader(yaml.SafeLoader):
    """YAML with the 1.2 booleans only (true/false). Under YAML 1.1 the words on, off, yes and
    no are booleans, which would turn the preposition "on" in a lexicon list into True."""


DataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
DataLoader.add_implicit_resolver("tag:yaml.org,2002:bool",
                                 re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def parse_yaml(text: str) -> Any:
    """Parse one of our data files (see ``DataLoader``)."""
    return yaml.load(text, Loader=DataLoader)


def load_yaml(name: str) -> Any:
    try:
        return parse_yaml(read_text(name))
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
