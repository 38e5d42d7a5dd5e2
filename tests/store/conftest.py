"""Store tests run on both backends; the fixtures live in store_fixtures.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from store_fixtures import (fake_coder, make_store, new_store_url, pg_schema_url,  # noqa: E402,F401
                            pg_url, store)
