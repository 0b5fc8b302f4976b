"""Typed requests: a view behind ``login_required`` takes an ``AuthenticatedHttpRequest``,
so ``request.user`` is an ``accounts.User`` to the type checker, not ``User | AnonymousUser``."""

from __future__ import annotations

from django.http import HttpRequest

from accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
