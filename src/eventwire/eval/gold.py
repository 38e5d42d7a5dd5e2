"""Finding the gold evaluation data on disk; gold files are read where they lie, never copied.

The gold root is the folder holding one sub-folder per data set (``plover_gsr/``,
``meantime_en/``, …). It is looked up in this order, and the first rule that applies decides:

1. the folder given explicitly (``eventwire eval --data DIR``);
2. the folder named by the environment variable ``EVENTWIRE_GOLD``;
3. ``../shared/gold`` relative to the current directory, then relative to the repository root.

An explicit folder or a set environment variable is never silently skipped: if it does not hold
the data set, that is an error, not a cue to look elsewhere.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Mapping, Optional

from ..errors import GoldDataError

log = logging.getLogger(__name__)

GOLD_ENV = "EVENTWIRE_GOLD"
DEFAULT_RELATIVE = Path("..") / "shared" / "gold"


def repository_root(start: Optional[Path] = None) -> Optional[Path]:
    """The nearest folder at or above ``start`` (default: this file) holding a pyproject.toml."""
    here = (start or Path(__file__)).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file():
            return folder
    return None


def find_dataset_dir(folder: str, required_file: str, data_dir: Optional[Path] = None, *,
                     environ: Optional[Mapping[str, str]] = None, cwd: Optional[Path] = None,
                     repo_root: Optional[Path] = None) -> Path:
    """The folder holding data set ``folder`` (it contains ``required_file``).

    ``data_dir`` and ``$EVENTWIRE_GOLD`` may name either the gold root or the data set's own
    folder. ``environ``, ``cwd`` and ``repo_root`` default to the process's; they are parameters
    so the lookup can be tested. Raises ``GoldDataError`` naming every place tried.
    """
    environ = os.environ if environ is None else environ
    cwd = Path.cwd() if cwd is None else cwd
    if repo_root is None:
        repo_root = repository_root()

    if data_dir is not None:
        candidates, origin = _under(Path(data_dir), folder), "--data"
    elif environ.get(GOLD_ENV):
        candidates, origin = _under(Path(environ[GOLD_ENV]), folder), f"${GOLD_ENV}"
    else:
        roots = [cwd / DEFAULT_RELATIVE]
        if repo_root is not None:
            roots.append(repo_root / DEFAULT_RELATIVE)
        candidates = [c for root in roots for c in _under(root, folder)[:1]]
        origin = "the default locations"

    for candidate in candidates:
        if (candidate / required_file).is_file():
            log.debug("gold data for %s found in %s", folder, candidate)
            return candidate.resolve()

    tried = ", ".join(str(c / required_file) for c in candidates)
    raise GoldDataError(
        f"gold data set {folder!r} not found via {origin}: no {required_file} at {tried}. "
        f"Pass --data DIR (the gold folder) or set {GOLD_ENV}.")


def _under(root: Path, folder: str) -> list[Path]:
    """Where data set ``folder`` may sit when ``root`` is the gold root or the set itself."""
    return [root / folder, root]
