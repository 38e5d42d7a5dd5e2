"""docs/COVERAGE.md names the tests that cover issues #3 and #4: every test it names exists."""

import re

from _paths import REPO

SHORT = {"ec": "extract/test_event_constructions.py", "ev": "extract/test_events.py",
         "en": "extract/test_entities.py", "ty": "extract/test_event_types.py",
         "co": "extract/test_contested.py"}
REFERENCE = re.compile(r"(?:([\w/]+\.py|ec|ev|en|ty|co))?::(test_\w+)")


def _references() -> list[tuple[str, str]]:
    found, current = [], None      # "::test_x" is in the file named last in the table
    for line in (REPO / "docs" / "COVERAGE.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = None
        if not line.startswith("| ") or line.startswith("| item") or line.startswith("| ---"):
            continue
        for path, name in REFERENCE.findall(line.split(" | ", 1)[1]):
            current = SHORT.get(path, path) or current
            assert current, f"no file for {name} in: {line}"
            found.append((current, name))
    return found


def test_every_test_the_coverage_table_names_exists():
    references = _references()
    assert len(references) > 80
    missing = [(path, name) for path, name in references
               if not re.search(rf"^def {name}\(", (REPO / "tests" / path).read_text(
                   encoding="utf-8"), re.MULTILINE)]
    assert missing == []
