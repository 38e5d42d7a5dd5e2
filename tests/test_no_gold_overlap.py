"""No tuning to gold text: our lexicons, rules and tests share no 6-word sequence with any gold text.

The gold texts are the ``text`` of every PLOVER GSR record, the UniversalPetrarch validation
sentences, and the MEANTIME, GeoWebNews and TR-News article texts under ``../shared/gold``.
Both sides are cut into lowercase words (runs of letters and digits); every 6-word window of the
gold is hashed into one set, and every window of our files is looked up in it.

Checked: every text file in the package (``src/eventwire``: rules, lexicons, resources, schema)
and under ``tests`` (test code and data). Nothing is excluded: the eval readers parse the gold
formats without quoting gold text.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterable, Iterator

import pytest

from _paths import REPO, SHARED, require_shared

SHINGLE = 6
GOLD = Path(os.environ.get("EVENTWIRE_GOLD") or SHARED / "gold")
CHECKED_ROOTS = (REPO / "src" / "eventwire", REPO / "tests")
TEXT_SUFFIXES = frozenset({".py", ".yaml", ".yml", ".json", ".jsonl", ".tsv", ".csv", ".txt",
                           ".md", ".html", ".xml", ".rss", ".cfg", ".toml"})
SKIPPED_DIRS = frozenset({"__pycache__", ".pytest_cache"})
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """``text`` as lowercase words: runs of letters and digits."""
    return _WORD.findall(text.lower())


def shingles(tokens: list[str], size: int = SHINGLE) -> Iterator[tuple[str, ...]]:
    """Every run of ``size`` consecutive tokens."""
    return (tuple(tokens[i:i + size]) for i in range(len(tokens) - size + 1))


# --- the gold texts --------------------------------------------------------------------------

def _xml_texts(path: Path, article_tag: str, fields: tuple[str, ...], label: str
               ) -> Iterator[tuple[str, str]]:
    root = ET.parse(path).getroot()
    for index, article in enumerate(root.iter(article_tag)):
        for field in fields:
            for element in article.iter(field):
                yield f"{label}#{index}", "".join(element.itertext())


def plover_gsr_texts(root: Path) -> Iterator[tuple[str, str]]:
    from eventwire.eval.plover_gsr import strip_trailing_commas

    path = require_shared(root / "plover_gsr" / "PLOVER_GSR_CAMEO.txt")
    items = json.loads(strip_trailing_commas(path.read_text(encoding="utf-8")))
    for index, item in enumerate(items):
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            yield f"plover_gsr:{item.get('id', index)}", item["text"]


def upetr_texts(root: Path) -> Iterator[tuple[str, str]]:
    from eventwire.eval.upetr import parse_validation

    path = require_shared(root / "universalpetrarch_validation" / "PETR2_GSR_validation.xml")
    sentences, _ = parse_validation(path.read_text(encoding="utf-8"))
    for sentence in sentences:
        yield f"universalpetrarch_validation:{sentence.id}", sentence.text


def meantime_texts(root: Path) -> Iterator[tuple[str, str]]:
    folder = require_shared(root / "meantime_en" / "intra-doc_annotation")
    paths = sorted(folder.rglob("*.xml"))
    assert paths, f"no MEANTIME documents under {folder}"
    for path in paths:
        tokens = (token.text or "" for token in ET.parse(path).getroot().iter("token"))
        yield f"meantime_en:{path.stem}", " ".join(tokens)


def geowebnews_texts(root: Path) -> Iterator[tuple[str, str]]:
    path = require_shared(root / "geowebnews" / "GWN.xml")
    yield from _xml_texts(path, "article", ("title", "text"), "geowebnews")


def trnews_texts(root: Path) -> Iterator[tuple[str, str]]:
    path = require_shared(root / "trnews" / "TR-News.xml")
    yield from _xml_texts(path, "article", ("title", "text"), "trnews")


GOLD_SOURCES = (plover_gsr_texts, upetr_texts, meantime_texts, geowebnews_texts, trnews_texts)


def shingle_index(texts: Iterable[tuple[str, str]]) -> dict[int, str]:
    """Hash of every gold shingle -> the first gold text (label) it occurs in."""
    index: dict[int, str] = {}
    for label, text in texts:
        for shingle in shingles(words(text)):
            index.setdefault(hash(shingle), label)
    return index


# --- our files -------------------------------------------------------------------------------

def checked_files(roots: Iterable[Path] = CHECKED_ROOTS) -> list[Path]:
    """Every text file under ``roots`` (lexicons, rules, resources, tests and test data)."""
    files: list[Path] = []
    for root in roots:
        for path in sorted(root.rglob("*")):
            if (path.is_file() and path.suffix.lower() in TEXT_SUFFIXES
                    and not SKIPPED_DIRS.intersection(path.relative_to(root).parts)):
                files.append(path)
    return files


def overlaps(path: Path, index: dict[int, str]) -> list[tuple[int, str, str]]:
    """``(line, shingle, gold label)`` for each distinct shingle of ``path`` found in ``index``;
    ``line`` is where the shingle's first word stands (first occurrence)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    matches = list(_WORD.finditer(text.lower()))
    tokens = [match.group() for match in matches]
    found: dict[str, tuple[int, str]] = {}
    for position, shingle in enumerate(shingles(tokens)):
        label = index.get(hash(shingle))
        if label is not None and " ".join(shingle) not in found:
            line = text.count("\n", 0, matches[position].start()) + 1
            found[" ".join(shingle)] = (line, label)
    return [(line, shingle, label) for shingle, (line, label) in found.items()]


# --- tests -----------------------------------------------------------------------------------

def test_words_and_shingles_ignore_case_and_punctuation():
    tokens = words("The Committee's vote -- 12 to 3 -- passed_quickly!")
    assert tokens == ["the", "committee", "s", "vote", "12", "to", "3", "passed", "quickly"]
    assert list(shingles(["a", "b", "c"], size=2)) == [("a", "b"), ("b", "c")]
    assert list(shingles(["a"] * 5)) == []


def test_an_overlap_is_found_with_its_gold_source(tmp_path):
    index = shingle_index([("gold:1", "The river ferry was delayed by fog for three hours.")])
    ours = tmp_path / "rules.py"
    ours.write_text('# example: "ferry WAS delayed by fog, for three" hours\n', encoding="utf-8")
    clean = tmp_path / "clean.py"
    clean.write_text("# the ferry was late because of fog\n", encoding="utf-8")
    assert overlaps(ours, index) == [(1, "ferry was delayed by fog for", "gold:1"),
                                     (1, "was delayed by fog for three", "gold:1"),
                                     (1, "delayed by fog for three hours", "gold:1")]
    assert overlaps(clean, index) == []


def test_checked_files_cover_lexicons_rules_and_tests():
    files = {path.relative_to(REPO).as_posix() for path in checked_files()}
    assert "src/eventwire/resources/triggers.yaml" in files
    assert "src/eventwire/resources/entities.yaml" in files
    assert "src/eventwire/pipeline.py" in files
    assert "tests/test_no_gold_overlap.py" in files
    assert not any("__pycache__" in name for name in files)


def test_no_six_word_sequence_is_shared_with_gold_text():
    root = require_shared(GOLD)
    index: dict[int, str] = {}
    for source in GOLD_SOURCES:
        before = len(index)
        for shingle_hash, label in shingle_index(source(root)).items():
            index.setdefault(shingle_hash, label)
        assert len(index) > before, f"{source.__name__} yielded no gold text from {root}"

    problems = [f"{path.relative_to(REPO)}:{line}: '{shingle}' (gold: {label})"
                for path in checked_files() for line, shingle, label in overlaps(path, index)]
    assert not problems, (f"{len(problems)} six-word sequence(s) shared with gold text:\n  "
                          + "\n  ".join(problems))
