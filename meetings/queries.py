"""Reads assembled for the meeting pages, feeds and documents (the only place reads are put together)."""
