"""Email alert subscriptions and the alerts delivered (SPEC §6 "email alerts").

A `Subscriber` is one email address, stored normalised (trimmed, lower case). A
`Subscription` is what that address follows: a partnership, a board, the decisions
register or a search term. It exists only once the address has confirmed it (double
opt-in: the subscribe form stores only a `PendingSubscription`, below, which the emailed
link confirms), and it is never deleted: unsubscribing stamps `unsubscribed_at`, and
following the same thing again later is a new row. An `AlertDelivery` is one publication alerted to one
subscription; its uniqueness is the exactly-once guarantee (alerts/actions.py).

A `PendingSubscription` is what the subscribe form asked for, until it is confirmed:
the confirmation link names it by id (signed), so the link itself carries no address
(hostile review F4: a signed value is only base64, readable by whoever sees the link).
It is not a subscription — alerts go only to confirmed `Subscription` rows — and it is
deleted once its link has expired (alerts/actions.py pending_subscriptions_purge).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils import timezone

from partnerships.models import Board, Partnership


class Scope(models.TextChoices):
    PARTNERSHIP = "partnership", "A partnership"
    BOARD = "board", "A board"
    DECISIONS = "decisions", "The decisions register"
    TERM = "term", "A search term"


class PublicationKind(models.TextChoices):
    AGENDA = "agenda", "Agenda published"
    PAPER = "paper", "Paper published"
    SUPPLEMENT = "supplement", "Supplement published"
    MINUTES = "minutes", "Minutes published"
    DECISION = "decision", "Decision"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def normalise_term(term: str) -> str:
    """A search term as one line of single spaces (its case kept for display)."""
    return " ".join(term.split())


def subscription_key(scope: str, *, partnership_id: int | None, board_id: int | None, term: str) -> str:
    """What a subscription follows, as one value: an address follows each thing once."""
    if scope == Scope.PARTNERSHIP:
        return f"partnership:{partnership_id}"
    if scope == Scope.BOARD:
        return f"board:{board_id}"
    if scope == Scope.TERM:
        return f"term:{normalise_term(term).lower()}"
    return "decisions"


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

    @property
    def key(self) -> str:
        return subscription_key(self.scope, partnership_id=self.partnership_id, board_id=self.board_id, term=self.term)


class PendingSubscription(models.Model):
    """One request of the subscribe form, kept only while its confirmation link works.
    The partnership and board are the ids asked for, not foreign keys: one that has
    gone by the time the link is opened is said so then (alerts/actions.py describe)."""

    email = models.EmailField(max_length=254, help_text="Normalised: trimmed and lower case.")
    scope = models.CharField(max_length=20, choices=Scope.choices)
    partnership_id = models.PositiveBigIntegerField(null=True, blank=True)
    board_id = models.PositiveBigIntegerField(null=True, blank=True)
    term = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.email}: {self.scope}"

    @property
    def request(self) -> SubscribeRequest:
        return SubscribeRequest(
            email=self.email,
            scope=self.scope,
            partnership_id=self.partnership_id,
            board_id=self.board_id,
            term=self.term,
        )


class Subscriber(models.Model):
    email = models.EmailField(max_length=254, unique=True, help_text="Normalised: trimmed and lower case.")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.email


class SubscriptionQuerySet(models.QuerySet["Subscription"]):
    def active(self) -> SubscriptionQuerySet:
        """Confirmed and not unsubscribed: the subscriptions alerts go to."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscription(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.PROTECT, related_name="subscriptions")
    scope = models.CharField(max_length=20, choices=Scope.choices)
    partnership = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.PROTECT, related_name="alert_subscriptions"
    )
    board = models.ForeignKey(
        Board, null=True, blank=True, on_delete=models.PROTECT, related_name="alert_subscriptions"
    )
    term = models.CharField(max_length=100, blank=True)
    key = models.CharField(max_length=120, help_text="What is followed, as one value (subscription_key).")
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["subscriber", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "key"],
                condition=Q(unsubscribed_at__isnull=True),
                name="alert_subscription_once_while_active",
            ),
            models.CheckConstraint(
                condition=(
                    Q(scope=Scope.PARTNERSHIP, partnership__isnull=False, board__isnull=True, term="")
                    | Q(scope=Scope.BOARD, partnership__isnull=True, board__isnull=False, term="")
                    | Q(scope=Scope.DECISIONS, partnership__isnull=True, board__isnull=True, term="")
                    | (Q(scope=Scope.TERM, partnership__isnull=True, board__isnull=True) & ~Q(term=""))
                ),
                name="alert_subscription_scope_has_its_target",
            ),
        ]
        indexes = [models.Index(fields=["confirmed_at", "unsubscribed_at"], name="alert_subscription_active")]

    def __str__(self) -> str:
        return f"{self.subscriber}: {self.description}"

    @property
    def description(self) -> str:
        """What it follows, as a reader would say it (partnership and board loaded)."""
        if self.scope == Scope.PARTNERSHIP and self.partnership is not None:
            return self.partnership.name
        if self.scope == Scope.BOARD and self.board is not None:
            return f"{self.board.name}, {self.board.partnership.name}"
        if self.scope == Scope.TERM:
            return f"Search term “{self.term}”"
        return "The decisions register"

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class AlertDelivery(models.Model):
    """One publication alerted to one subscription: at most one row each, ever."""

    subscription = models.ForeignKey(Subscription, on_delete=models.PROTECT, related_name="deliveries")
    kind = models.CharField(max_length=20, choices=PublicationKind.choices)
    object_id = models.PositiveBigIntegerField(help_text="The meeting, paper, paper version or proposal.")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "kind", "object_id"], name="alert_delivered_once"),
        ]
        indexes = [models.Index(fields=["kind", "object_id"], name="alert_delivery_publication")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_id} to {self.subscription_id}"
