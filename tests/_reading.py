"""Helpers the reader tests share: write an input file, read paths, take the one result."""

from __future__ import annotations

from pathlib import Path

from eventwire.ingest.readers import read_paths


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def read(*paths, date=None) -> list:
    return list(read_paths([str(p) for p in paths], date))


def only(results: list):
    assert len(results) == 1, results
    return results[0]
