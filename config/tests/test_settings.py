import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import envbool, envint, envlist

ROOT = Path(__file__).resolve().parents[2]


def production_environment(tmp_path, **overrides) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(
        DEBUG="False",
        SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        ALLOWED_HOSTS="archive.example.org",
        ARCHIVE_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    environment.update(overrides)
    return environment


def manage(environment, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = manage(
        production_environment(tmp_path), "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = manage(production_environment(tmp_path, SECRET_KEY=""), "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_a_bad_boolean_names_its_variable(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false, not 'maybe'"):
        envbool("DEBUG", "True")


def test_a_bad_number_names_its_variable(monkeypatch):
    monkeypatch.setenv("ARCHIVE_MAX_FILE_BYTES", "2MB")
    with pytest.raises(ImproperlyConfigured, match="ARCHIVE_MAX_FILE_BYTES must be a whole"):
        envint("ARCHIVE_MAX_FILE_BYTES", "1")


def test_lists_are_split_on_commas_without_blanks(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " a.org, ,b.org ")
    assert envlist("ALLOWED_HOSTS", "") == ["a.org", "b.org"]
    monkeypatch.delenv("ALLOWED_HOSTS")
    assert envlist("ALLOWED_HOSTS", "x") == ["x"]
