"""Shared fixtures: the real coder is loaded once per test session (about two seconds)."""

from pathlib import Path

import pytest
from _paths import REPO, SEED, SHARED, require_shared  # noqa: F401  (re-exported)


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


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return require_shared(SEED)
