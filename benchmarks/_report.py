"""What every benchmark does last: print its figures aligned and, if asked, write them as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional


def show_figures(figures: dict, json_path: Optional[Path] = None) -> None:
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    if json_path:
        json_path.write_text(json.dumps(figures, indent=2) + "\n")
