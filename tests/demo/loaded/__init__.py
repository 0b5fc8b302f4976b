"""Tests of the loaded demo: a package, so the ``demo`` fixture (scope="package") loads once for them."""
