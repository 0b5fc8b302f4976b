"""The signed-in user, read once a request with what the pages ask of them.

Every signed-in page asks who the user is as a Person (the navigation, the member's
pages) and every officer's page whether they service the partnership (partnerships/
access.py can_edit_partnership). Django's model backend reads the user alone, and each
of those was a query more; this backend reads them with the user, in one query.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Aggregate, CharField, OuterRef, Subquery

from accounts.models import User

from .models import Partnership


class _Joined(Aggregate):
    """The values joined with commas: GROUP_CONCAT in SQLite, STRING_AGG in PostgreSQL
    (Django 5.2 has no aggregate of its own for both). No DISTINCT or FILTER."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, function="STRING_AGG", template="%(function)s(%(expressions)s::text, ',')", **extra
        )


def serviced_ids(value: str | None) -> frozenset[int]:
    return frozenset(int(pk) for pk in (value or "").split(",") if pk)


class SignedInUserBackend(ModelBackend):
    """Django's ModelBackend, whose user comes with their Person (``user.person``) and
    the ids of the partnerships they service (``user.serviced_partnership_ids``), read
    afresh for each request."""

    def get_user(self, user_id: Any) -> User | None:
        serviced = (
            Partnership.officers.through.objects.filter(user=OuterRef("pk"))
            .values("user")
            .annotate(ids=_Joined("partnership_id"))
            .values("ids")  # type: ignore[misc]  # django-stubs does not see the annotation
        )
        user = (
            User._default_manager.select_related("person")
            .annotate(serviced_ids=Subquery(serviced))
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        user.serviced_partnership_ids = serviced_ids(user.serviced_ids)  # type: ignore[attr-defined]
        return user
