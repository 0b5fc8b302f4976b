"""What the WSGI module does before gunicorn forks its workers (governance/wsgi.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json
import governance.wsgi
from django.db import connections
from django.template import engines
from meetings.working_days import _bank_holidays

loader = engines["django"].engine.template_loaders[0]
kept = len(loader.get_template_cache)
print(json.dumps({
    "connections": [alias for alias in connections if connections[alias].connection is not None],
    "templates": kept,
    "holidays": _bank_holidays.cache_info().currsize,
    "meeting_page": "meetings/public/meeting.html" in loader.get_template_cache,
}))
"""


def test_the_wsgi_module_loads_what_a_worker_needs_without_opening_a_connection(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "governance.settings",
        "DEBUG": "false",
        "SECRET_KEY": "a-test-secret-key-that-is-long-enough-for-check-deploy-1234567890",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{tmp_path / 'probe.sqlite3'}"),
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=120
    )
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["connections"] == []  # each worker opens its own after the fork
    templates = sum(1 for path in (ROOT / "templates").rglob("*") if path.suffix in {".html", ".txt"})
    assert probe["templates"] >= templates  # every project template compiled, and what they extend
    assert probe["holidays"] == 4 * 3  # four nations, last year to next year
    assert probe["meeting_page"]
