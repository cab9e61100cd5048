"""Settings for the test suite: everything generated goes to a throwaway folder."""

import tempfile
from pathlib import Path

from config.settings import *  # noqa: F403
from config.settings import HAYSTACK_CONNECTIONS

TEST_DATA_DIR = Path(tempfile.mkdtemp(prefix="archive-tests-"))
SEARCH_INDEX_PATH = TEST_DATA_DIR / "whoosh_index"
HAYSTACK_CONNECTIONS["default"]["PATH"] = str(SEARCH_INDEX_PATH)
STATIC_ROOT = TEST_DATA_DIR / "static"
STATIC_ROOT.mkdir()
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
