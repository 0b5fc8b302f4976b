"""Who may do what (SPEC §1): the public reads, officers act only on the partnerships
they service, administrators on all; every officer action leaves an audit event;
signing in is throttled (SPEC §8 "Secure")."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied

from partnerships import actions
from partnerships.models import (
    AuditEvent,
    Board,
    Delegation,
    Membership,
    MemorandumOfUnderstanding,
    MouSignature,
    Partnership,
    Person,
)
from tests_support import PASSWORD  # noqa: F401  (replaced below)
