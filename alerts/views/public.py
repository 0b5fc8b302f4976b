"""The alert pages (SPEC §6): all public, no account. The subscribe and manage-link
forms answer the same whatever the address; the signed link in a URL is the only
credential of the confirm, manage and unsubscribe pages, so those pages are never
stored by a cache and send no Referer (`_link_page`, hostile review F4)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from governance.queue import enqueue, noting_delays

from .. import actions, limits, queries, tasks, tokens
from ..forms import ManageLinkForm, SubscribeForm
from ..models import Subscription


def _link_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page whose address is a credential: Cache-Control no-store (never_cache), so
    no browser or proxy cache keeps it, and Referrer-Policy no-referrer, so neither
    its links nor its assets send the address on (the site's default is same-origin)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        return response

    return never_cache(wrapped)


def _bad_link(request: HttpRequest, error: tokens.BadLink, *, what: str) -> HttpResponse:
    """A link that cannot be used: 410 when it was ours but expired, 400 otherwise."""
    expired = isinstance(error, tokens.ExpiredLink)
    context = {"expired": expired, "what": what}
    return render(request, "alerts/bad_link.html", context, status=410 if expired else 400)


def _too_many(request: HttpRequest, reason: str) -> HttpResponse:
    response = render(request, "alerts/too_many.html", {"reason": reason}, status=429)
    response["Retry-After"] = str(settings.ALERTS_RATE_WINDOW)
    return response


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "alerts/index.html")


def _email_delayed(request: HttpRequest) -> HttpResponse:
    """The email could not be queued (the background service is down): nothing would
    send it later, so the visitor is asked to try again rather than told to wait."""
    response = render(request, "alerts/email_delayed.html", status=503)
    response["Retry-After"] = "300"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    """Ask for alerts. Valid, it emails a confirmation link to the address and answers
    one page, the same whether or not the address is known or already subscribed."""
    if request.method == "POST":
        if refused := limits.client_refused(request):
            return _too_many(request, refused)
        form = SubscribeForm(request.POST)
        if form.is_valid():
            wanted = form.subscribe_request()
            if refused := limits.address_refused(wanted.email):
                return _too_many(request, refused)
            pending = actions.pending_subscription_create(request=wanted, now=timezone.now())
            with noting_delays() as delayed:
                enqueue(tasks.send_confirmation, pending.pk)
            if delayed:
                return _email_delayed(request)
            context = {"email": wanted.email, "hours": settings.ALERTS_CONFIRM_MAX_AGE // 3600}
            return render(request, "alerts/check_email.html", context)
    else:
        form = SubscribeForm(initial=queries.prefilled(request.GET))
    return render(request, "alerts/subscribe.html", {"form": form})


@_link_page
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the confirmation email. GET shows what it confirms with a button
    (a link scanner's GET confirms nothing); POST confirms. A link issued before the
    address unsubscribed from the same thing no longer works (410)."""
    try:
        link = tokens.read_confirm_token(token)
    except tokens.BadLink as error:
        return _bad_link(request, error, what="confirm")
    pending = queries.pending_subscription(link.pending_id)
    if pending is None:  # purged: its link had expired
        return _bad_link(request, tokens.ExpiredLink("no such request"), what="confirm")
    wanted = pending.request
    try:
        description = actions.describe(wanted)
    except ValidationError as error:
        return render(request, "alerts/gone.html", {"reason": error.messages[0]}, status=410)
    if queries.confirm_withdrawn(wanted, link.issued_at):
        return _withdrawn(request, description)
    if request.method == "POST":
        try:
            subscription, created = actions.subscription_confirm(
                request=wanted, issued_at=link.issued_at, now=timezone.now()
            )
        except ValidationError as error:
            if error.code == "withdrawn":
                return _withdrawn(request, description)
            return render(request, "alerts/gone.html", {"reason": error.messages[0]}, status=410)
        if created:
            messages.success(request, f"You will get email alerts about: {description}")
        else:
            messages.success(request, f"You already get email alerts about: {description}")
        return redirect("alerts:manage", tokens.manage_token(subscription.subscriber_id))
    return render(request, "alerts/confirm.html", {"description": description, "email": wanted.email})


def _withdrawn(request: HttpRequest, description: str) -> HttpResponse:
    return render(request, "alerts/link_withdrawn.html", {"description": description}, status=410)


@require_http_methods(["GET", "HEAD", "POST"])
def manage_request(request: HttpRequest) -> HttpResponse:
    """Ask for a manage link by email: the same answer whatever the address."""
    if request.method == "POST":
        if refused := limits.client_refused(request):
            return _too_many(request, refused)
        form = ManageLinkForm(request.POST)
        if form.is_valid():
            email = form.cleaned_data["email"]
            if refused := limits.address_refused(email):
                return _too_many(request, refused)
            with noting_delays() as delayed:
                enqueue(tasks.send_manage_link, email)
            if delayed:
                return _email_delayed(request)
            return render(request, "alerts/manage_link_sent.html", {"email": email})
    else:
        form = ManageLinkForm()
    return render(request, "alerts/manage_request.html", {"form": form})


@_link_page
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """An address's alerts, each with a button to stop it, and one to stop them all."""
    try:
        subscriber_id = tokens.read_manage_token(token)
    except tokens.BadLink as error:
        return _bad_link(request, error, what="manage")
    subscriber = queries.subscriber_with_subscriptions(subscriber_id)
    if subscriber is None:
        return _bad_link(request, tokens.BadLink("no such subscriber"), what="manage")
    active: list[Subscription] = subscriber.active_list  # type: ignore[attr-defined]  # the Prefetch's to_attr
    if request.method == "POST":
        choice = request.POST.get("unsubscribe", "")
        now = timezone.now()
        if choice == "all":
            actions.subscriber_unsubscribe_all(subscriber_id=subscriber.pk, now=now)
            messages.success(request, "You will get no more email alerts.")
        else:
            chosen = next((s for s in active if str(s.pk) == choice), None)
            if chosen is None:
                # Not one of this address's alerts now: stopped already, or never its own.
                reason = "That is not one of the alerts listed on your page, so nothing changed."
                return render(request, "errors/400.html", {"reason": reason}, status=400)
            else:
                actions.subscriptions_unsubscribe(subscription_ids=[chosen.pk], now=now)
                messages.success(request, f"You will get no more email alerts about: {chosen.description}")
        return redirect("alerts:manage", token)
    return render(request, "alerts/manage.html", {"subscriber": subscriber, "subscriptions": active})


@csrf_exempt  # RFC 8058: mail clients POST here without a CSRF token; the signed link is the credential
@_link_page
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe (RFC 8058 List-Unsubscribe-Post). GET asks, with a button,
    and changes nothing (link scanners fetch links); POST unsubscribes.

    The page mints no manage link (hostile review F3): the unsubscribe link never
    expires and is often forwarded, so a manage link here would renew manage access
    for as long as anyone held an old alert. It links to the page that emails a manage
    link to the address instead, so seeing all the alerts takes the mailbox."""
    try:
        subscription_ids = tokens.read_unsubscribe_token(token)
    except tokens.BadLink as error:
        return _bad_link(request, error, what="unsubscribe")
    subscriptions = list(
        Subscription.objects.filter(pk__in=subscription_ids).select_related(
            "subscriber", "partnership", "board__partnership"
        )
    )
    if not subscriptions:
        return _bad_link(request, tokens.BadLink("no such subscriptions"), what="unsubscribe")
    done = request.method == "POST"
    if done:
        actions.subscriptions_unsubscribe(subscription_ids=[s.pk for s in subscriptions], now=timezone.now())
    context = {"subscriptions": subscriptions, "done": done}
    return render(request, "alerts/unsubscribe.html", context)
