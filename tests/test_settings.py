"""Settings behave as documented (STYLE.md "Settings"; SPEC §8 "Secure", "Background work").

Production behaviour depends on environment variables read at import time, so each
case runs in a fresh interpreter with a clean environment: nothing from pytest
(PYTEST_*, DJANGO_SETTINGS_MODULE, DATABASE_URL, CI...) leaks in, and
settings.TESTING ("pytest" in sys.modules) is false there.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent

PRINT_SETTINGS = """
import json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "governance.settings")
from django.conf import settings
print(json.dumps({
    "TESTING": settings.TESTING,
    "DEBUG": settings.DEBUG,
    "CELERY_TASK_ALWAYS_EAGER": settings.CELERY_TASK_ALWAYS_EAGER,
    "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    "CELERY_TASK_ACKS_LATE": settings.CELERY_TASK_ACKS_LATE,
    "CELERY_TASK_REJECT_ON_WORKER_LOST": settings.CELERY_TASK_REJECT_ON_WORKER_LOST,
    "CACHE_BACKEND": settings.CACHES["default"]["BACKEND"],
    "CACHE_LOCATION": settings.CACHES["default"].get("LOCATION", ""),
    "PAGE_CACHE_SECONDS": settings.PAGE_CACHE_SECONDS,
    "TIME_ZONE": settings.TIME_ZONE,
    "LANGUAGE_CODE": settings.LANGUAGE_CODE,
    "DB_ENGINE": settings.DATABASES["default"]["ENGINE"],
    "CONN_MAX_AGE": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "CONN_HEALTH_CHECKS": settings.DATABASES["default"]["CONN_HEALTH_CHECKS"],
    "BEHIND_PROXY": settings.BEHIND_PROXY,
}))
"""


def production_env(**overrides: str) -> dict[str, str]:
    """A production environment built from scratch (not a copy of the test run's)."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(45),  # 60 characters
        "ALLOWED_HOSTS": "accord.example",
        "HTTPS": "true",
        "DATABASE_URL": "sqlite:////tmp/x.sqlite3",
    }
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    assert not any(key.startswith("PYTEST") for key in env)
    return subprocess.run(
        [sys.executable, *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def settings_in(env: dict[str, str]) -> dict[str, object]:
    result = run(["-c", PRINT_SETTINGS], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_settings_pass_the_deploy_check():
    assert len(production_env()["SECRET_KEY"]) == 60
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_fails_without_https():
    """The check above can fail: without HTTPS the transport protections are off."""
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(HTTPS="false"))
    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout  # SECURE_SSL_REDIRECT


def test_production_without_a_secret_key_fails_loudly():
    env = production_env()
    del env["SECRET_KEY"]
    result = run(["-c", PRINT_SETTINGS], env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_settings_outside_pytest_do_not_think_they_are_testing():
    values = settings_in(production_env())
    assert values["TESTING"] is False
    assert values["DEBUG"] is False
    assert values["DB_ENGINE"] == "django.db.backends.sqlite3"


def test_postgresql_connections_are_kept_and_checked_sqlite_ones_are_not():
    postgres = settings_in(production_env(DATABASE_URL="postgres://accord:x@postgres:5432/accord"))
    assert (postgres["CONN_MAX_AGE"], postgres["CONN_HEALTH_CHECKS"]) == (60, True)
    assert settings_in(production_env())["CONN_MAX_AGE"] == 0  # SQLite: a file in the process
    chosen = settings_in(production_env(DATABASE_URL="postgres://accord:x@postgres:5432/accord", CONN_MAX_AGE="0"))
    assert chosen["CONN_MAX_AGE"] == 0  # behind PgBouncer


def test_https_means_behind_the_proxy_unless_said_otherwise():
    assert settings_in(production_env())["BEHIND_PROXY"] is True
    assert settings_in(production_env(BEHIND_PROXY="false"))["BEHIND_PROXY"] is False
    assert settings_in(production_env(HTTPS="false"))["BEHIND_PROXY"] is False


def test_without_redis_celery_tasks_run_eagerly():
    values = settings_in(production_env())
    assert values["CELERY_TASK_ALWAYS_EAGER"] is True
    assert values["CACHE_BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_with_redis_celery_uses_it_as_broker_and_does_not_run_eagerly():
    values = settings_in(production_env(REDIS_URL="redis://redis.internal:6379/3"))
    assert values["CELERY_TASK_ALWAYS_EAGER"] is False
    assert values["CELERY_BROKER_URL"] == "redis://redis.internal:6379/3"
    assert values["CACHE_BACKEND"] == "governance.cache.ForgivingRedisCache"


def test_the_cache_may_have_a_redis_of_its_own():
    values = settings_in(production_env(REDIS_URL="redis://redis.internal:6379/3"))
    assert values["CACHE_LOCATION"] == "redis://redis.internal:6379/3"
    values = settings_in(production_env(REDIS_URL="redis://redis.internal:6379/3", CACHE_URL="redis://cache:6379/0"))
    assert values["CACHE_LOCATION"] == "redis://cache:6379/0"
    assert values["CELERY_BROKER_URL"] == "redis://redis.internal:6379/3"


def test_production_serves_public_pages_from_the_page_cache():
    assert settings_in(production_env())["PAGE_CACHE_SECONDS"] == 60


def test_tasks_are_acknowledged_late_and_requeued_when_a_worker_dies():
    values = settings_in(production_env(REDIS_URL="redis://redis.internal:6379/3"))
    assert values["CELERY_TASK_ACKS_LATE"] is True
    assert values["CELERY_TASK_REJECT_ON_WORKER_LOST"] is True
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True


def test_time_zone_and_language_are_british():
    values = settings_in(production_env())
    assert values["TIME_ZONE"] == "Europe/London"
    assert values["LANGUAGE_CODE"] == "en-gb"
    assert settings.TIME_ZONE == "Europe/London"
    assert settings.LANGUAGE_CODE == "en-gb"
