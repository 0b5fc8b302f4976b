"""The signed links of the alert emails (django.core.signing; the SECRET_KEY signs).

A signed value is not secret: Django signing only base64-encodes it. So no link carries
an email address (hostile review F4), only ids, and the pages that open them are never
cached and send no Referer (alerts/views/public.py).

- a confirmation link names the `PendingSubscription` the subscribe form stored, and
  the time the request was made (its issue time); it expires after
  ALERTS_CONFIRM_MAX_AGE seconds, and it stops working once the address has
  unsubscribed from what it asks for after that time (hostile review F5:
  alerts/actions.py subscription_confirm);
- a manage link names a subscriber; it expires after ALERTS_MANAGE_MAX_AGE seconds
  (each alert email carries a fresh one, and the manage page sends another on request);
- an unsubscribe link names the subscriptions an email was sent for; it never expires,
  because mail clients call it (RFC 8058) whenever the reader presses "Unsubscribe". It
  gives no manage access: the unsubscribe page mints no manage link (hostile review F3).

A link that is tampered with, cut short or signed for another purpose raises
`BadLink`; one past its age raises `ExpiredLink`. Views answer those with a page that
says what to do, never a 500.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "alerts.confirm"
MANAGE_SALT = "alerts.manage"
UNSUBSCRIBE_SALT = "alerts.unsubscribe"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class BadLink(Exception):
    """The link was not made by Accord for this purpose (tampered, incomplete)."""


class ExpiredLink(BadLink):
    """The link was made by Accord but is too old to use."""


@dataclass(frozen=True)
class ConfirmLink:
    """What a confirmation link names: the pending request, and when it was made."""

    pending_id: int
    issued_at: dt.datetime


def _load(token: str, salt: str, max_age: int | None) -> Any:
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredLink(str(error)) from None
    except (signing.BadSignature, ValueError, UnicodeDecodeError) as error:
        raise BadLink(str(error)) from None


def _microseconds(moment: dt.datetime) -> int:
    """A moment as whole microseconds since the epoch (exact: no float on the way)."""
    return (moment - EPOCH) // dt.timedelta(microseconds=1)


def confirm_token(pending_id: int, issued_at: dt.datetime) -> str:
    return signing.dumps({"r": pending_id, "i": _microseconds(issued_at)}, salt=CONFIRM_SALT)


def read_confirm_token(token: str) -> ConfirmLink:
    payload = _load(token, CONFIRM_SALT, settings.ALERTS_CONFIRM_MAX_AGE)
    issued = payload.get("i") if isinstance(payload, dict) else None
    try:
        pending_id = _optional_id(payload.get("r") if isinstance(payload, dict) else None)
        if pending_id is None or not isinstance(issued, int) or isinstance(issued, bool):
            raise ValueError("incomplete")
        issued_at = EPOCH + dt.timedelta(microseconds=issued)
    except (ValueError, OverflowError):
        raise BadLink("incomplete confirmation link") from None
    return ConfirmLink(pending_id=pending_id, issued_at=issued_at)


def manage_token(subscriber_id: int) -> str:
    return signing.dumps({"a": subscriber_id}, salt=MANAGE_SALT)


def read_manage_token(token: str) -> int:
    payload = _load(token, MANAGE_SALT, settings.ALERTS_MANAGE_MAX_AGE)
    try:
        subscriber_id = _optional_id(payload.get("a") if isinstance(payload, dict) else None)
    except ValueError:
        subscriber_id = None
    if subscriber_id is None:
        raise BadLink("incomplete manage link")
    return subscriber_id


def unsubscribe_token(subscription_ids: list[int]) -> str:
    return signing.dumps({"s": sorted(subscription_ids)}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> list[int]:
    payload = _load(token, UNSUBSCRIBE_SALT, None)
    ids = payload.get("s") if isinstance(payload, dict) else None
    if not isinstance(ids, list) or not ids or not all(isinstance(i, int) and i > 0 for i in ids):
        raise BadLink("incomplete unsubscribe link")
    return ids


def _optional_id(value: object) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValueError("not an id")
    return value
