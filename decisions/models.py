"""Proposals, rounds, positions and their append-only history (SPEC §5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Meeting, public_item_q
from partnerships.models import Board, Membership, MemorandumOfUnderstanding, Organisation, Person

from . import rules as engine


class ProposalStatus(models.TextChoices):
    OPEN = "open", "Open for positions"
    NO_CONSENSUS = "no_consensus", "No consensus"
    DEFERRED = "deferred", "Deferred"
    ESCALATED = "escalated", "Escalated"
    AGREED_BY_CONSENSUS = "agreed_by_consensus", "Agreed by consensus"
    AGREED_BY_MAJORITY = "agreed_by_majority", "Agreed by majority"
    NOT_AGREED = "not_agreed", "Not agreed"
    REFERRED = "referred", "Referred to the lead accountable body"
    DETERMINED = "determined", "Determined by the lead accountable body"
    AWAITING_RATIFICATION = "awaiting_ratification", "Awaiting ratification"
    IN_EFFECT = "in_effect", "In effect"
    NOT_RATIFIED = "not_ratified", "Not ratified"


AGREED_STATUSES = (ProposalStatus.AGREED_BY_CONSENSUS, ProposalStatus.AGREED_BY_MAJORITY)
# What the public decisions register lists: settled one way or the other.
SETTLED_STATUSES = (
    ProposalStatus.AGREED_BY_CONSENSUS,
    ProposalStatus.AGREED_BY_MAJORITY,
    ProposalStatus.NOT_AGREED,
    ProposalStatus.DETERMINED,
    ProposalStatus.AWAITING_RATIFICATION,
    ProposalStatus.IN_EFFECT,
    ProposalStatus.NOT_RATIFIED,
)


class Route(models.TextChoices):
    """How a proposal was settled, for the register and the scrutiny reports."""

    CONSENSUS = "consensus", "Consensus"
    CONSENSUS_AFTER_ESCALATION = "consensus_after_escalation", "Consensus after escalation"
    MAJORITY = "majority", "Majority fallback"
    LEAD_BODY = "lead_body", "Lead accountable body"
    NOT_AGREED = "not_agreed", "Not agreed"


class ProposalQuerySet(models.QuerySet["Proposal"]):
    def public(self) -> ProposalQuerySet:
        """Proposals whose agenda item the public may see (meetings.models.public_item_q)."""
        return self.filter(public_item_q("item__"))


class Proposal(models.Model):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="proposals")
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="proposals")
    title = models.CharField(max_length=300)
    text = models.TextField(help_text="What the board is asked to agree.")
    proposer = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals")
    big_ticket = models.BooleanField(
        "needs ratification",
        default=False,
        help_text="A 'big ticket' statutory strategy, first agreed by each partner's executive body (000 §2A).",
    )
    mou = models.ForeignKey(
        MemorandumOfUnderstanding,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        help_text="The memorandum whose decision rules apply.",
    )
    status = models.CharField(max_length=30, choices=ProposalStatus.choices, default=ProposalStatus.OPEN)
    route = models.CharField(max_length=30, choices=Route.choices, blank=True)
    escalation_result = models.TextField(blank=True)
    determination = models.TextField(blank=True)
    determination_agreed = models.BooleanField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    takes_effect_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "decided_at"]),
            models.Index(fields=["decided_at", "id"], name="proposal_decided"),  # the public register
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:decision", args=[self.pk])

    @property
    def is_public(self) -> bool:
        """A proposal is public once its agenda item is public (ProposalQuerySet.public)."""
        return self.item.is_public


# How a round's outcome (rules.evaluate) reads on the pages and in the minutes.
OUTCOME_LABELS = {
    engine.AGREED_BY_CONSENSUS: "Agreed by consensus",
    engine.AGREED_BY_MAJORITY: "Agreed by majority",
    engine.NOT_AGREED: "Not agreed",
}


class Round(models.Model):
    """One attempt at a meeting to decide the proposal."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="rounds")
    number = models.PositiveSmallIntegerField()
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="rounds")
    text = models.TextField(help_text="The proposal as put to this round (amended proposals differ).")
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=30, blank=True)
    voters = models.JSONField(default=list, help_text="Who held a vote when the round closed.")

    class Meta:
        ordering = ["proposal", "number"]
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="round_number_unique")]

    def __str__(self) -> str:
        return f"{self.proposal}: round {self.number}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS.get(self.outcome, "Open for positions" if self.is_open else "")


class PositionValue(models.TextChoices):
    CONSENT = "consent", "Consent"
    OBJECT = "object", "Object"
    ABSTAIN = "abstain", "Abstain"


class Capacity(models.TextChoices):
    MEMBER = "member", "Member"
    DEPUTY = "deputy", "Designated deputy"
    DELEGATE = "delegate", "Delegate"
    ADVISORY = "advisory", "Advisory view (no vote)"
    OFFICER = "officer", "Recorded by an officer for the member"


class Position(models.Model):
    """A position recorded in a round. Never updated: a changed position is a new row,
    and the latest row for a voter counts. The database refuses UPDATE and DELETE."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="positions")
    voter = models.CharField(max_length=100, help_text="The voting unit: 'org:<id>' or 'member:<id>'.")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="positions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="positions")
    capacity = models.CharField(max_length=20, choices=Capacity.choices)
    value = models.CharField(max_length=10, choices=PositionValue.choices)
    comment = models.TextField(blank=True)
    advisory = models.BooleanField(default=False)
    # PROTECT: the table is append-only, so a user in it is kept (deactivated), never deleted.
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round", "recorded_at", "pk"]
        indexes = [models.Index(fields=["round", "voter", "recorded_at"])]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.value}"


class ProposalEvent(models.Model):
    """Append-only history of a proposal: who did what, when, from which state."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    verb = models.CharField(max_length=40)
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30)
    note = models.TextField(blank=True)
    round = models.ForeignKey(Round, null=True, blank=True, on_delete=models.PROTECT, related_name="events")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.verb}: {self.from_status} → {self.to_status}"


class Ratification(models.Model):
    """A partner's executive body ratifying (or declining) an agreed 'big ticket' proposal (000)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="ratifications")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="ratifications")
    ratified = models.BooleanField()
    body = models.CharField(max_length=200, help_text="The executive body, e.g. Cabinet.")
    decided_on = models.DateField()
    reference = models.CharField(max_length=200, blank=True, help_text="Minute or resolution reference.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_on"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "organisation"], name="ratification_once_per_partner")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {'ratified' if self.ratified else 'declined'} {self.proposal}"


class ForthcomingDecisionQuerySet(models.QuerySet["ForthcomingDecision"]):
    def listed(self) -> ForthcomingDecisionQuerySet:
        """Entries still on the forward plan: not withdrawn, not yet tabled as a proposal."""
        return self.filter(withdrawn_at__isnull=True, proposal__isnull=True)


class ForthcomingDecision(models.Model):
    """A decision a board expects to take, entered on the forward plan by an officer
    before any proposal is tabled (SPEC §6 "forward plan"). The forward plan is public
    by nature: an entry is listed from when it is entered until it is withdrawn (kept,
    with the reason) or tabled as a proposal."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="forthcoming_decisions")
    title = models.CharField(max_length=300)
    summary = models.TextField(help_text="What the board will be asked to decide, and why.")
    expected_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="forthcoming_decisions",
        help_text="The meeting at which the decision is expected.",
    )
    needs_ratification = models.BooleanField(
        default=False, help_text="Each partner's executive body must ratify it (a 'big ticket' decision, 000 §2A)."
    )
    contact = models.CharField(max_length=200, blank=True, help_text="Who to ask about it.")
    proposal = models.OneToOneField(
        Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="forthcoming"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=300, blank=True)

    objects = ForthcomingDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["expected_meeting__start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True) | ~models.Q(withdrawn_reason=""),
                name="forthcoming_withdrawn_needs_reason",
            )
        ]

    def __str__(self) -> str:
        return self.title
