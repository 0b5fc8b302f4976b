"""The signed links of the alert emails (django.core.signing; the SECRET_KEY signs).

- a confirmation link carries the whole request (address and what it follows), so the
  subscribe form stores nothing about an address until its owner confirms; it expires
  after ALERTS_CONFIRM_MAX_AGE seconds;
- a manage link names a subscriber; it expires after ALERTS_MANAGE_MAX_AGE seconds
  (each alert email carries a fresh one, and the manage page sends another on request);
- an unsubscribe link names the subscriptions an email was sent for; it never expires,
  because mail clients call it (RFC 8058) whenever the reader presses "Unsubscribe".

A link that is tampered with, cut short or signed for another purpose raises
`BadLink`; one past its age raises `ExpiredLink`. Views answer those with a page that
says what to do, never a 500.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing

from .models import Scope, normalise_email, normalise_term

CONFIRM_SALT = "alerts.confirm"
MANAGE_SALT = "alerts.manage"
UNSUBSCRIBE_SALT = "alerts.unsubscribe"


class BadLink(Exception):
    """The link was not made by Accord for this purpose (tampered, incomplete)."""


class ExpiredLink(BadLink):
    """The link was made by Accord but is too old to use."""


@dataclass(frozen=True)
class SubscribeRequest:
    """What an address asked to follow, before it is confirmed."""

    email: str
    scope: str
    partnership_id: int | None = None
    board_id: int | None = None
    term: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "email", normalise_email(self.email))
        object.__setattr__(self, "term", normalise_term(self.term))


def _load(token: str, salt: str, max_age: int | None) -> Any:
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredLink(str(error)) from None
    except (signing.BadSignature, ValueError, UnicodeDecodeError) as error:
        raise BadLink(str(error)) from None


def confirm_token(request: SubscribeRequest) -> str:
    payload: dict[str, Any] = {"e": request.email, "s": request.scope}
    if request.partnership_id is not None:
        payload["p"] = request.partnership_id
    if request.board_id is not None:
        payload["b"] = request.board_id
    if request.term:
        payload["t"] = request.term
    return signing.dumps(payload, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token: str) -> SubscribeRequest:
    payload = _load(token, CONFIRM_SALT, settings.ALERTS_CONFIRM_MAX_AGE)
    if not isinstance(payload, dict):
        raise BadLink("incomplete confirmation link")
    try:
        request = SubscribeRequest(
            email=str(payload["e"]),
            scope=str(payload["s"]),
            partnership_id=_optional_id(payload.get("p")),
            board_id=_optional_id(payload.get("b")),
            term=str(payload.get("t", "")),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise BadLink("incomplete confirmation link") from None
    if request.scope not in Scope.values or not request.email:
        raise BadLink("incomplete confirmation link")
    return request


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
