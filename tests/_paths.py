"""Paths the tests share (a module of its own: several folders have a conftest.py)."""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "corpus" / "seed" / "pak-afg-talks-2025-10-29.txt"


def require_shared(path: Path) -> Path:
    """Skip when ../shared is absent, except in CI where it must be there."""
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing in CI")
        pytest.skip(f"{path} is not available on this machine")
    return path
