"""Partnerships, their boards, members, deputies, delegations and memoranda (SPEC §3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from decisions.rules import DecisionRules, rule_errors

DEPUTY_IS_MEMBER = "The deputy must be someone other than the member"


def long_date(day: dt.date) -> str:
    """1 April 2020: a date as GOV.UK writes it."""
    return f"{day.day} {day:%B %Y}"


class OrganisationKind(models.TextChoices):
    COUNTY_COUNCIL = "county_council", "County council"
    DISTRICT_COUNCIL = "district_council", "District council"
    CITY_COUNCIL = "city_council", "City council"
    NHS = "nhs", "NHS / primary care trust"
    POLICE = "police", "Police"
    FIRE_RESCUE = "fire_rescue", "Fire and rescue"
    PROBATION = "probation", "Probation"
    VOLUNTARY = "voluntary", "Voluntary and community sector"
    BUSINESS = "business", "Business"
    EDUCATION = "education", "Education"
    OTHER = "other", "Other"


class Organisation(models.Model):
    """A partner body: a council, an NHS body, the police, a voluntary sector umbrella..."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    executive_body = models.CharField(
        max_length=200,
        blank=True,
        help_text="The body that ratifies 'big ticket' decisions for this organisation, for example Cabinet.",
    )
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=50, blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnershipStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class Partnership(models.Model):
    """A partnership in the tree LSP → PSB → thematic partnerships → delivery groups.

    All partnerships with their contacts and membership form the public
    partnership register (004 R5).
    """

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    purpose = models.TextField()
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    statutory = models.BooleanField(
        default=False, help_text="Set up under a statutory duty, for example a Community Safety Partnership."
    )
    in_lsp = models.BooleanField(
        "inside the Local Strategic Partnership",
        default=True,
        help_text="004 R5: the register covers partnerships inside and outside the LSP.",
    )
    lead_accountable_body = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_partnerships",
        help_text="The partner that keeps final decision-making authority (000).",
    )
    status = models.CharField(max_length=10, choices=PartnershipStatus.choices, default=PartnershipStatus.ACTIVE)
    end_date = models.DateField(null=True, blank=True, help_text="When a task and finish group ends or ended.")
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=50, blank=True)
    website = models.URLField(blank=True)
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="serviced_partnerships",
        help_text="Partnership officers who service this partnership and may edit it.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnership", args=[self.slug])

    def clean(self) -> None:
        if self.status == PartnershipStatus.ENDED and not self.end_date:
            raise ValidationError({"end_date": "Enter the date the partnership ended."})
        if self.parent_id and self.pk:
            ancestor: Partnership | None = self.parent
            while ancestor is not None:
                if ancestor.pk == self.pk:
                    raise ValidationError({"parent": "A partnership cannot sit under itself or one of its own groups."})
                ancestor = ancestor.parent


class Layer(models.TextChoices):
    CONFERENCE = "conference", "Conference"
    BOARD = "board", "Board"
    EXECUTIVE = "executive", "Executive"
    THEMATIC_GROUP = "thematic_group", "Thematic group"
    DELIVERY_GROUP = "delivery_group", "Delivery group"
    TASK_AND_FINISH = "task_and_finish", "Task and finish group"


# 001 §3 (table) and §2: optimum size and meeting frequency of each layer.
# (minimum size, maximum size, meetings expected a year); None = no norm.
LAYER_NORMS: dict[str, tuple[int | None, int | None, int | None]] = {
    Layer.CONFERENCE: (None, None, 1),
    Layer.BOARD: (12, 15, 2),
    Layer.EXECUTIVE: (8, 10, 6),
    Layer.THEMATIC_GROUP: (8, 10, 4),
    Layer.DELIVERY_GROUP: (None, None, None),
    Layer.TASK_AND_FINISH: (None, None, None),
}


class Calendar(models.TextChoices):
    ENG = "ENG", "England"
    WLS = "WLS", "Wales"
    SCT = "SCT", "Scotland"
    NIR = "NIR", "Northern Ireland"


class ClearDays(models.TextChoices):
    """How the 5 clear days of a council committee are counted (SPEC §9). Both readings
    exclude the day of publication and the day of the meeting."""

    WORKING = "working", "Working days: weekends and bank holidays do not count"
    CALENDAR = "calendar", "Calendar days: every day counts"


class Board(models.Model):
    """A decision-making or advisory body of a partnership."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="boards")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    layer = models.CharField(max_length=20, choices=Layer.choices, default=Layer.BOARD)
    terms_of_reference = models.TextField(blank=True)
    has_executive_powers = models.BooleanField(
        default=False,
        help_text="Normally not: the board recommends to partner agencies, which act within their own powers (002 §9).",
    )
    optimum_size_min = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave blank to use the norm for the layer (001)."
    )
    optimum_size_max = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave blank to use the norm for the layer (001)."
    )
    expected_meetings_per_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave blank to use the norm for the layer (001)."
    )
    calendar = models.CharField(
        "working-day calendar",
        max_length=3,
        choices=Calendar.choices,
        default=Calendar.ENG,
        help_text="Whose bank holidays are skipped when counting working days. England and Wales share theirs.",
    )
    paper_deadline_working_days = models.PositiveSmallIntegerField(
        default=10,
        help_text="Papers are published at least this many working days before a meeting (000).",
    )
    is_council_committee = models.BooleanField(
        default=False,
        help_text="A council committee must also give 5 clear days' notice (Local Government Act 1972 Part VA).",
    )
    clear_days = models.CharField(
        "how clear days are counted",
        max_length=10,
        choices=ClearDays.choices,
        default=ClearDays.WORKING,
        help_text="For a council committee: whether weekends and bank holidays count among the 5 clear days (SPEC §9).",
    )

    class Meta:
        ordering = ["partnership__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "slug"], name="board_slug_unique_in_partnership"),
            models.CheckConstraint(
                condition=Q(optimum_size_min__isnull=True)
                | Q(optimum_size_max__isnull=True)
                | Q(optimum_size_min__lte=models.F("optimum_size_max")),
                name="board_optimum_size_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnership.name}: {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("board", args=[self.partnership.slug, self.slug])

    def clean(self) -> None:
        low, high = self.optimum_size_min, self.optimum_size_max
        if low is not None and high is not None and low > high:
            raise ValidationError({"optimum_size_max": "The largest optimum size must be at least the smallest."})
        if not 1 <= self.paper_deadline_working_days <= 60:
            raise ValidationError({"paper_deadline_working_days": "Enter a number of working days from 1 to 60."})

    @property
    def optimum_size(self) -> tuple[int | None, int | None]:
        norm_min, norm_max, _ = LAYER_NORMS[self.layer]
        return (
            self.optimum_size_min if self.optimum_size_min is not None else norm_min,
            self.optimum_size_max if self.optimum_size_max is not None else norm_max,
        )

    def effective_mou(self, on: dt.date | None = None) -> MemorandumOfUnderstanding | None:
        """The latest memorandum version in effect on a date: signed by every partner."""
        versions = self.mous.prefetch_related("required_signatories", "signatures").order_by("-version")
        return next((mou for mou in versions if mou.is_effective(on)), None)

    @property
    def meetings_expected_per_year(self) -> int | None:
        if self.expected_meetings_per_year is not None:
            return self.expected_meetings_per_year
        return LAYER_NORMS[self.layer][2]


class Person(models.Model):
    """Someone who sits on boards, deputises or holds a delegation."""

    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        help_text="The person's employer or council.",
    )
    email = models.EmailField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    CO_CHAIR = "co_chair", "Co-chair"
    MEMBER = "member", "Member"
    USER_REPRESENTATIVE = "user_representative", "User representative"
    PROVIDER_REPRESENTATIVE = "provider_representative", "Provider representative"
    OFFICER = "officer", "Officer"
    OBSERVER = "observer", "Observer or invited attendee"


# The one definition of a member of a board: the seats that count towards its size,
# in the register, on the partnership and board pages and in its health. Officers and
# observers or invited attendees do not sit: a provider invited to the meetings of a
# board it is not a member of is an invited attendee (002 §8: "provider representatives
# would be invited to Board meetings"), while a provider representative who sits on
# the body (003 §9: on the Core Strategy Group) holds a seat.
SEATED_ROLES = (
    MembershipRole.CHAIR,
    MembershipRole.CO_CHAIR,
    MembershipRole.MEMBER,
    MembershipRole.USER_REPRESENTATIVE,
    MembershipRole.PROVIDER_REPRESENTATIVE,
)


def seated_q(path: str = "") -> Q:
    """A membership that is a seat on its board (``path`` leads from the model queried to it)."""
    return Q(**{f"{path}role__in": SEATED_ROLES})


class Seniority(models.TextChoices):
    CABINET_MEMBER = "cabinet_member", "Cabinet member"
    CHIEF_EXECUTIVE = "chief_executive", "Chief executive"
    DIRECTOR = "director", "Director"
    SENIOR_MANAGER = "senior_manager", "Senior manager"
    OFFICER = "officer", "Officer"
    SERVICE_USER = "service_user", "Service user"
    OTHER = "other", "Other"


def membership_current_q(on: dt.date, path: str = "") -> Q:
    """A membership held on a date (``path`` leads from the model queried to it)."""
    return Q(**{f"{path}start_date__lte": on}) & (
        Q(**{f"{path}end_date__isnull": True}) | Q(**{f"{path}end_date__gte": on})
    )


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self, on: dt.date | None = None) -> MembershipQuerySet:
        return self.filter(membership_current_q(on or timezone.localdate()))

    def seated(self) -> MembershipQuerySet:
        """Members of the board (SEATED_ROLES), not officers or invited attendees."""
        return self.filter(seated_q())


class Membership(models.Model):
    """A person's seat on a board, for an organisation. Ending it never deletes it."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships", help_text="The organisation represented."
    )
    role = models.CharField(max_length=30, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    seniority = models.CharField(max_length=20, choices=Seniority.choices, default=Seniority.OTHER)
    elected = models.BooleanField("elected member (councillor)", default=False)
    lead = models.BooleanField(
        "lead seat of the organisation",
        default=False,
        help_text="Where the vote is by organisation and it holds several seats, the lead seat records its position (SPEC §9).",
    )
    voting = models.BooleanField(
        "voting rights",
        default=True,
        help_text="Some boards give votes only to elected members; service users may sit on a no-vote basis (003 §22).",
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["board", "role", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["board", "person"], condition=Q(end_date__isnull=True), name="membership_one_open_seat"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.organisation}) on {self.board.name}"

    def is_current(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)

    @property
    def is_seated(self) -> bool:
        """A member of the board (SEATED_ROLES), not an officer or invited attendee."""
        return self.role in SEATED_ROLES

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The membership cannot end before it starts."})
        if self.board_id and self.person_id and self.start_date:
            if self.overlapping_seats().exists():
                raise ValidationError(
                    {"person": "This person already holds a seat on this board for some of these dates."}
                )
        if self.lead and self.board_id and self.organisation_id and self.start_date:
            # SPEC §9: one seat records the organisation's position.
            if (
                self.overlapping_seats(same_person=False)
                .filter(organisation_id=self.organisation_id, lead=True)
                .exists()
            ):
                raise ValidationError(
                    {"lead": f"Another seat of {self.organisation} is its lead seat for some of these dates"}
                )

    def deputy_on(self, on: dt.date) -> Person | None:
        """The designated deputy of the seat on a date (uses prefetched deputyships)."""
        deputyship = self.deputyship_on(on)
        return deputyship.person if deputyship is not None else None

    def deputyship_on(self, on: dt.date) -> Deputyship | None:
        """The deputyship of the seat in force on a date (uses prefetched deputyships)."""
        return next((d for d in self.deputyships.all() if d.is_current(on)), None)

    def overlapping_seats(self, *, same_person: bool = True) -> MembershipQuerySet:
        """Other seats on the same board (of the same person, by default) whose dates overlap this one."""
        others = Membership.objects.filter(board_id=self.board_id).exclude(pk=self.pk)
        if same_person:
            others = others.filter(person_id=self.person_id)
        others = others.filter(Q(end_date__isnull=True) | Q(end_date__gte=self.start_date))
        if self.end_date is not None:
            others = others.filter(start_date__lte=self.end_date)
        return others


def deputy_on_q(on: dt.date, path: str = "") -> Q:
    """A deputyship in force on a date (``path`` leads from the model queried to it)."""
    return Q(**{f"{path}start_date__lte": on}) & (
        Q(**{f"{path}end_date__isnull": True}) | Q(**{f"{path}end_date__gte": on})
    )


class DeputyshipQuerySet(models.QuerySet["Deputyship"]):
    def on(self, day: dt.date) -> DeputyshipQuerySet:
        return self.filter(deputy_on_q(day))


class Deputyship(models.Model):
    """Who was the designated deputy of a seat, from when to when (001 principle 5).
    A ledger: a change of deputy ends one row and starts another, so history answers
    "who could speak for Cherwell on 6 October 2005?"."""

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="deputyships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="deputyships")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    objects = DeputyshipQuerySet.as_manager()

    class Meta:
        ordering = ["membership", "start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="deputyship_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} deputy for {self.membership.person} from {self.start_date:%d %B %Y}"

    def is_current(self, on: dt.date) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)

    def clean(self) -> None:
        seat = self.membership if self.membership_id else None
        if seat is not None and self.person_id and self.person_id == seat.person_id:
            raise ValidationError({"person": DEPUTY_IS_MEMBER})
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The deputyship cannot end before it starts."})
        if seat is not None and self.start_date:
            # A deputy stands in for a seat: only while the seat is held.
            if self.start_date < seat.start_date:
                raise ValidationError(
                    {"start_date": f"The deputy cannot start before the seat starts on {long_date(seat.start_date)}"}
                )
            if seat.end_date is not None and (self.end_date is None or self.end_date > seat.end_date):
                raise ValidationError(
                    {"end_date": f"The deputy cannot continue after the seat ends on {long_date(seat.end_date)}"}
                )
        if self.membership_id and self.start_date:
            if self.overlapping().exists():
                raise ValidationError({"start_date": "The seat already has a deputy for some of these dates."})

    def overlapping(self) -> DeputyshipQuerySet:
        """Other deputyships of the same seat whose dates overlap this one."""
        others = Deputyship.objects.filter(membership_id=self.membership_id).exclude(pk=self.pk)
        others = others.filter(Q(end_date__isnull=True) | Q(end_date__gte=self.start_date))
        if self.end_date is not None:
            others = others.filter(start_date__lte=self.end_date)
        return others


def valid_on_q(on: dt.date) -> Q:
    """A delegation in force on a date: started, and not yet expired (valid_to inclusive)."""
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


class DelegationQuerySet(models.QuerySet["Delegation"]):
    def valid_on(self, on: dt.date) -> DelegationQuerySet:
        return self.filter(valid_on_q(on))


class Delegation(models.Model):
    """A formal grant of authority from an organisation's executive body to a person
    to commit the organisation at a board (000 §3b)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="delegations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="delegations")
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="delegations")
    scope = models.TextField(help_text="What the person may agree on the organisation's behalf.")
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    evidence_reference = models.CharField(
        max_length=200,
        help_text="The resolution or decision that grants the authority, e.g. 'Cabinet, 19 November 2009, minute 87'.",
    )
    evidence_document = models.FileField(upload_to="delegations/%Y/", blank=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="delegation_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.person} for {self.board.name}"

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "The delegation cannot end before it starts."})

    def is_valid_on(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or self.valid_to >= on)


class MemorandumOfUnderstanding(models.Model):
    """One version of a board's Memorandum of Understanding. Effective only when every
    required partner has signed (003 §7); older versions stay readable."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="mous")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    document = models.FileField(upload_to="mous/%Y/", blank=True)
    effective_from = models.DateField(
        null=True, blank=True, help_text="The date the version applies from once every partner has signed."
    )
    review_date = models.DateField(
        null=True, blank=True, help_text="When the memorandum expires or falls due for review."
    )
    required_signatories = models.ManyToManyField(
        Organisation,
        related_name="mous_to_sign",
        help_text="Every partner that must sign before the version takes effect.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    # The decision rules this version carries (SPEC §5); see decisions/rules.py.
    voting_unit = models.CharField(
        max_length=20,
        choices=[("organisation", "One vote per partner organisation"), ("member", "One vote per voting member")],
        default="organisation",
    )
    active_consent = models.BooleanField(
        default=True,
        help_text="Every voter must actively consent; absence and abstention block consensus (003 §11).",
    )
    majority_fallback = models.BooleanField(
        default=False, help_text="A majority may decide when consensus fails again (003 §19)."
    )
    fallback_from_round = models.PositiveSmallIntegerField(
        default=2, help_text="The meeting attempt from which a majority may decide (003 §19: the second)."
    )
    max_minority = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="With the fallback, at most this many objections (003 §22: one)."
    )
    escalation_required = models.BooleanField(
        default=False, help_text="Escalation must be tried before the majority fallback."
    )
    escalation_body = models.CharField(
        max_length=200, blank=True, help_text="For example, the Oxfordshire local authority Chief Executives (003 §13)."
    )
    rules_lead_accountable_body = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="lead accountable body",
        help_text="Decides when all else fails (003 §17). Blank: the partnership's lead accountable body.",
    )

    class Meta:
        ordering = ["board", "-version"]
        verbose_name = "memorandum of understanding"
        verbose_name_plural = "memoranda of understanding"
        constraints = [models.UniqueConstraint(fields=["board", "version"], name="mou_version_unique")]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    def get_absolute_url(self) -> str:
        return reverse("mou", args=[self.board.partnership.slug, self.board.slug, self.version])

    def clean(self) -> None:
        """The combinations of decision rules that do not hold together are refused by
        the one rule, ``decisions.rules.rule_errors``, on the value the engine takes."""
        if self.fallback_from_round is not None and self.fallback_from_round < 1:
            raise ValidationError({"fallback_from_round": "Enter 1 or more"})
        try:
            rules = self.decision_rules()
        except (ValueError, TypeError):
            return  # a value out of range: its field's own validation says so
        errors = rule_errors(rules)
        if errors:
            raise ValidationError(errors)

    def unsigned_organisations(self) -> list[Organisation]:
        """Required partners that have not signed (uses prefetched relations when present)."""
        signed = {s.organisation_id for s in self.signatures.all()}
        return [org for org in self.required_signatories.all() if org.pk not in signed]

    @property
    def fully_signed(self) -> bool:
        required = list(self.required_signatories.all())
        return bool(required) and not self.unsigned_organisations()

    def decision_rules(self) -> DecisionRules:
        """This version's rules as the value the pure engine takes."""
        lead = self.rules_lead_accountable_body
        if lead is None and self.board_id is not None:
            lead = self.board.partnership.lead_accountable_body
        return DecisionRules(
            active_consent=self.active_consent,
            majority_fallback=self.majority_fallback,
            fallback_from_round=max(self.fallback_from_round, 1),
            max_minority=self.max_minority,
            voting_unit=self.voting_unit,
            escalation_required=self.escalation_required,
            escalation_body=self.escalation_body,
            lead_accountable_body=lead.name if lead else "",
        )

    def is_effective(self, on: dt.date | None = None) -> bool:
        """In force on a date: every required partner had signed by then (003 §7), and
        the version's own date, if it has one, has come."""
        on = on or timezone.localdate()
        signed = {s.organisation_id for s in self.signatures.all() if s.signed_on <= on}
        required = list(self.required_signatories.all())
        return (
            bool(required)
            and all(org.pk in signed for org in required)
            and (self.effective_from is None or self.effective_from <= on)
        )


class MouSignature(models.Model):
    """A partner's signature of a memorandum version: who signed for it, and when."""

    mou = models.ForeignKey(MemorandumOfUnderstanding, on_delete=models.PROTECT, related_name="signatures")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="mou_signatures")
    signed_by = models.CharField(max_length=200, help_text="Name and position of the person who signed.")
    signed_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["signed_on"]
        constraints = [models.UniqueConstraint(fields=["mou", "organisation"], name="mou_signed_once_per_partner")]

    def __str__(self) -> str:
        return f"{self.organisation} signed {self.mou} on {self.signed_on:%d %B %Y}"


class AuditEvent(models.Model):
    """Append-only trail of who changed what and when (SPEC §2: every action records one)."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    # PROTECT, not SET_NULL: the table refuses UPDATE (migration 0004), so a user or a
    # partnership with audit events is kept (deactivate a user instead of deleting).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    verb = models.CharField(max_length=60)
    partnership = models.ForeignKey(Partnership, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    summary = models.CharField(max_length=500)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb}: {self.summary}"


def partnership_tree(partnerships: Iterable[Partnership]) -> list[tuple[Partnership, int]]:
    """Partnerships in tree order with their depth, from one flat list (no queries)."""
    by_parent: dict[int | None, list[Partnership]] = {}
    items = list(partnerships)
    ids = {p.pk for p in items}
    for p in items:
        parent = p.parent_id if p.parent_id in ids else None
        by_parent.setdefault(parent, []).append(p)
    ordered: list[tuple[Partnership, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for child in by_parent.get(parent, []):
            ordered.append((child, depth))
            walk(child.pk, depth + 1)

    walk(None, 0)
    return ordered
