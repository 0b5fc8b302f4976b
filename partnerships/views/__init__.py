"""The partnership pages by audience: ``public`` (the register, partnerships, boards,
memoranda) and ``officer`` (the dashboard and the edit forms). URL patterns: ``urls.py``."""
