"""Settings for the People's Daily archive.

Every value a deployment may change is read from an environment variable; the README's
"Configuration" section lists them. The defaults give a working local archive: SQLite and a
Whoosh index under ./var/, DEBUG on.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", "True")

# Generated data (database, search index, index queue) lives outside the source files.
DATA_DIR = Path(envstr("ARCHIVE_DATA_DIR", str(BASE_DIR / "var")))
# SQLite cannot create the folder its file lives in; a fresh clone has no var/ yet.
DATA_DIR.mkdir(parents=True, exist_ok=True)
# jieba's dictionary cache, built once and shared by every process (search/analysis.py).
os.environ.setdefault("JIEBA_CACHE_DIR", str(DATA_DIR))

SECRET_KEY = envstr("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "haystack",
    "simple_history",
    "archive",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each change in the article history.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{DATA_DIR / 'archive.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", "0"),
    )
}
# Reference data shipped with the code: the gazetteer (python manage.py load_places).
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several workers and the index queue write at once: wait for SQLite's lock instead of
    # failing with "database is locked", and take it at the start of each transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
# The interface is translated in this repository rather than in each app, so one catalog
# covers the shared templates too.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Search: haystack talks to our Whoosh backend by default. A deployment that outgrows one
# machine points SEARCH_ENGINE at haystack's Elasticsearch backend (docs/SCALING.md).
SEARCH_INDEX_PATH = Path(envstr("SEARCH_INDEX_PATH", str(DATA_DIR / "whoosh_index")))
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": envstr("SEARCH_ENGINE", "search.backend.ArchiveWhooshEngine"),
        "PATH": str(SEARCH_INDEX_PATH),
        "URL": envstr("SEARCH_URL", ""),
        "INDEX_NAME": envstr("SEARCH_INDEX_NAME", "peoples_daily"),
    }
}
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 20
# Saves queue index changes that one writer applies (search/queue.py), never waiting on the index.
HAYSTACK_SIGNAL_PROCESSOR = "search.signals.QueuedSignalProcessor"
# Web processes apply queued index changes themselves unless this is off; then run
# `python manage.py process_index_queue --loop` as a separate worker (docs/OPERATIONS.md).
if "SEARCH_QUEUE_AUTODRAIN" in os.environ:
    SEARCH_QUEUE_AUTODRAIN = envbool("SEARCH_QUEUE_AUTODRAIN", "True")

# The largest article file the importer accepts. Real articles are under 200 KB; anything far
# bigger is a wrong file, and refusing it early keeps memory bounded.
ARCHIVE_MAX_FILE_BYTES = envint("ARCHIVE_MAX_FILE_BYTES", str(2 * 1024 * 1024))

# Production hardening, on whenever DEBUG is off (python manage.py check --deploy).
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", str(not DEBUG))
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", str(not DEBUG))
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", str(not DEBUG))
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", str(not DEBUG))
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", str(not DEBUG))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if envbool("BEHIND_TLS_PROXY", "False"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}
