"""The web application's settings for tests: a throwaway data directory, the database from DATABASE_URL or SQLite,
the message catalogues compiled into it as `planwatch serve` does."""

import os
import tempfile

os.environ.setdefault("PLANWATCH_DATA_DIR", tempfile.mkdtemp(prefix="planwatch-test-"))
os.environ.setdefault("PLANWATCH_SECRET_KEY", "tests-only")

from planwatch.server.settings import *  # noqa: F403
from planwatch.server.translations import compile_catalogues

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (WhiteNoise looks for it; collectstatic is not run in tests)
compile_catalogues(DATA_DIR / "locale")  # noqa: F405
