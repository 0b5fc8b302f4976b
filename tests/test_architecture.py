"""The layout rules of docs/architecture.md that import-linter cannot express.

- ``access.py`` is the only module that refuses: no other product module raises
  ``PermissionDenied`` (views, actions and forms call an access helper instead);
- the import-linter contracts in pyproject.toml hold (``lint-imports``), and break
  when a pure module imports Django.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "accounts",
    "governance",
    "partnerships",
    "meetings",
    "decisions",
    "search",
    "alerts",
    "reports",
    "portal",
    "api",
    "demo",
]


def product_modules(app: str) -> list[Path]:
    folder = ROOT / app
    if not folder.exists():
        return []
    return sorted(path for path in folder.rglob("*.py") if "migrations" not in path.parts)


def permission_denied_raises(source: str) -> list[int]:
    """Line numbers of ``raise PermissionDenied`` (bare, called, or as an attribute)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Raise) or node.exc is None:
            continue
        target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        if name == "PermissionDenied":
            lines.append(node.lineno)
    return sorted(lines)


def test_the_scan_finds_a_refusal_written_outside_access() -> None:
    source = (
        "from django.core.exceptions import PermissionDenied\n"
        "from django.core import exceptions\n"
        "def view(request):\n"
        "    if not request.user.is_staff:\n"
        "        raise PermissionDenied('no')\n"
        "    raise exceptions.PermissionDenied\n"
    )
    assert permission_denied_raises(source) == [5, 6]
    assert permission_denied_raises("raise ValueError('x')\n") == []


@pytest.mark.parametrize("app", APPS)
def test_only_access_modules_raise_permission_denied(app: str) -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in product_modules(app)
        if path.name != "access.py"
        for line in permission_denied_raises(path.read_text())
    ]
    assert offenders == [], "PermissionDenied raised outside access.py: " + ", ".join(offenders)


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    return subprocess.run(
        [executable, "--no-cache"], cwd=cwd, capture_output=True, text=True, env={"DEBUG": "true", "PATH": ""}
    )


def test_the_import_contracts_hold() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_import_contracts_break_when_a_pure_module_imports_django(tmp_path: Path) -> None:
    """A copy of the project in which working_days imports Django fails the contracts."""
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", "node_modules", "var", "static", "test-artifacts")
    )
    pure = copy / "meetings" / "working_days.py"
    pure.write_text("from django.utils import timezone  # a deliberate violation\n" + pure.read_text())
    result = _lint_imports(copy)
    assert result.returncode != 0
    assert "The pure rules import neither Django nor the apps BROKEN" in result.stdout
