"""Put ``scripts/`` on the import path, so tests import the benchmark's modules as it does."""

from __future__ import annotations

import sys

from graph.settings import REPO_ROOT

SCRIPTS = str(REPO_ROOT / "scripts")
if SCRIPTS not in sys.path:
    sys.path.insert(0, SCRIPTS)
