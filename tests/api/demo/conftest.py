"""The loaded demo for the API tests over real data: the ``demo`` fixture of
tests/demo/loaded (loaded once for this package, in a transaction rolled back after
its last test; none of these tests may be transactional)."""

from __future__ import annotations

from tests.demo.loaded.conftest import demo  # noqa: F401
