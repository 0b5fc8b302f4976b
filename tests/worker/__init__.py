"""Tests against a real Celery worker on Redis (SPEC §8); see conftest.py."""
