"""Reads assembled for the partnership pages (the only place reads are put together)."""
