"""The signed-in user, read once a request with what the pages ask of them.

Every signed-in page asks who the user is as a Person (the navigation, the member's
pages) and every officer's page whether they service the partnership (partnerships/
access.py can_edit_partnership). Django's model backend reads the user alone, and each
of those was a query more; this backend reads them with the user, in one query.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.db.models.expressions import RawSQL

from accounts.models import User

from .models import Partnership


@cache
def _serviced_sql() -> str:
    """The ids of the partnerships the user of the row serves, joined with commas: a
    subquery written out once a process (the ORM's Subquery with an aggregate took a
    millisecond to build and compile on every request; Django 5.2 has no aggregate of
    its own for both databases: STRING_AGG in PostgreSQL, GROUP_CONCAT in SQLite)."""
    through = Partnership.officers.through._meta
    quote = connection.ops.quote_name
    ids = f"CAST({quote(through.get_field('partnership').column)} AS TEXT)"
    joined = f"STRING_AGG({ids}, ',')" if connection.vendor == "postgresql" else f"GROUP_CONCAT({ids}, ',')"
    user = f"{quote(User._meta.db_table)}.{quote(User._meta.pk.column)}"
    return f"SELECT {joined} FROM {quote(through.db_table)} WHERE {quote(through.get_field('user').column)} = {user}"


def serviced_ids(value: str | None) -> frozenset[int]:
    return frozenset(int(pk) for pk in (value or "").split(",") if pk)


class SignedInUserBackend(ModelBackend):
    """Django's ModelBackend, whose user comes with their Person (``user.person``) and
    the ids of the partnerships they service (``user.serviced_partnership_ids``), read
    afresh for each request."""

    def get_user(self, user_id: Any) -> User | None:
        users = User._default_manager.select_related("person").annotate(serviced_ids=RawSQL(_serviced_sql(), ()))
        try:
            user = users.get(pk=user_id)
        except (User.DoesNotExist, ValueError, TypeError):
            return None
        if not self.user_can_authenticate(user):
            return None
        user.serviced_partnership_ids = serviced_ids(user.serviced_ids)  # type: ignore[attr-defined]
        return user
