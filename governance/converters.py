"""URL converters shared by every app."""


class IdConverter:
    """A database id: at most 18 digits, so a huge number in a URL is a 404, not an
    integer overflow in the database driver (SQLite stores 64-bit integers)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
