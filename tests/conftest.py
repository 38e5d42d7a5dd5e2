"""Shared fixtures: the real coder is loaded once per test session (about two seconds)."""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "corpus" / "seed" / "pak-afg-talks-2025-10-29.txt"


@pytest.fixture(scope="session")
def coder():
    from eventwire.pipeline import Coder

    return Coder.load()


@pytest.fixture(scope="session")
def nlp(coder):
    return coder.nlp


@pytest.fixture(scope="session")
def code(coder):
    """code(text, date) -> list of events for a one-sentence (or longer) article."""
    from eventwire.model import Article

    def run(text: str, date: str | None = "2024-05-15"):
        return coder.extract(Article(id="t", text=text, date=date))

    return run


def require_shared(path: Path) -> Path:
    """Skip when ../shared is absent, except in CI where it must be there."""
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing in CI")
        pytest.skip(f"{path} is not available on this machine")
    return path


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return require_shared(SEED)
