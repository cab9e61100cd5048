"""Settings for the test suite: everything generated goes to a throwaway folder."""

import tempfile
from pathlib import Path

from config.settings import *  # noqa: F403
from config.settings import DATABASES, HAYSTACK_CONNECTIONS

TEST_DATA_DIR = Path(tempfile.mkdtemp(prefix="archive-tests-"))
# pytest-django creates the test database only when some collected test asks for one; a
# module fixture in a run without such a test would otherwise write to the developer's own
# database. Point the SQLite default at a throwaway file so that can never happen.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["NAME"] = str(TEST_DATA_DIR / "never-the-real.sqlite3")
SEARCH_INDEX_PATH = TEST_DATA_DIR / "whoosh_index"
HAYSTACK_CONNECTIONS["default"]["PATH"] = str(SEARCH_INDEX_PATH)
STATIC_ROOT = TEST_DATA_DIR / "static"
STATIC_ROOT.mkdir()
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
