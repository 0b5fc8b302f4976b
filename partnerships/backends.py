"""The signed-in user, read once a request with what the pages ask of them.

Every signed-in page asks who the user is as a Person (the navigation, the member's
pages), every officer's page whether they service the partnership (partnerships/
access.py can_edit_partnership), and a session signed in with a second factor whether
its device is still the user's and confirmed (django-otp, accounts/middleware.py
VerifiedDeviceMiddleware). Django's model backend reads the user alone, and each of
those was a query more; this backend reads them with the user, in one query.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.db.models.expressions import RawSQL
from django_otp import device_classes

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
    user = f"{quote(User._meta.db_table)}.{quote(User._meta.pk.column)}"
    return (
        f"SELECT {_joined(ids)} FROM {quote(through.db_table)} WHERE {quote(through.get_field('user').column)} = {user}"
    )


def _joined(column: str) -> str:
    return f"STRING_AGG({column}, ',')" if connection.vendor == "postgresql" else f"GROUP_CONCAT({column}, ',')"


@cache
def _devices_sql() -> str:
    """The persistent ids (django-otp's "app_label.model/id") of the user's confirmed
    devices of every installed kind, joined with commas."""
    quote = connection.ops.quote_name
    user = f"{quote(User._meta.db_table)}.{quote(User._meta.pk.column)}"
    kinds = " UNION ALL ".join(
        f"SELECT '{model.model_label()}/' || CAST({quote(model._meta.pk.column)} AS TEXT) AS persistent_id"
        f" FROM {quote(model._meta.db_table)}"
        f" WHERE {quote(model._meta.get_field('user').column)} = {user} AND {quote(model._meta.get_field('confirmed').column)}"
        for model in device_classes()
    )
    return f"SELECT {_joined('persistent_id')} FROM ({kinds}) AS devices"


def serviced_ids(value: str | None) -> frozenset[int]:
    return frozenset(int(pk) for pk in (value or "").split(",") if pk)


class SignedInUserBackend(ModelBackend):
    """Django's ModelBackend, whose user comes with their Person (``user.person``), the
    ids of the partnerships they service (``user.serviced_partnership_ids``) and the
    persistent ids of their confirmed two-factor devices (``user.confirmed_devices``),
    read afresh for each request."""

    def get_user(self, user_id: Any) -> User | None:
        users = User._default_manager.select_related("person").annotate(
            serviced_ids=RawSQL(_serviced_sql(), ()), device_ids=RawSQL(_devices_sql(), ())
        )
        try:
            user = users.get(pk=user_id)
        except (User.DoesNotExist, ValueError, TypeError):
            return None
        if not self.user_can_authenticate(user):
            return None
        user.serviced_partnership_ids = serviced_ids(user.serviced_ids)  # type: ignore[attr-defined]
        user.confirmed_devices = frozenset(filter(None, (user.device_ids or "").split(",")))  # type: ignore[attr-defined]
        return user
