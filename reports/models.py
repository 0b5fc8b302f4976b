"""Scrutiny reports (SPEC §7; 004 R4, R11; 001): strategy themes, a basket of
indicators per partnership with targets and actuals per period, the targets behind
them with their delivery chains, and a risk register per theme.

Figures and ratings are history: an indicator's actual or target for a period, and a
risk's rating at a review, are appended and never changed (a correction is a new row;
the latest row of a period is the one that counts, and the page shows the ones before
it). The database enforces that with the same append-only triggers as positions and
the audit trail. RAG ratings are never stored: reports/rag.py computes them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from decisions.models import Proposal
from meetings.models import Action, RenderStatus
from partnerships.models import Board, Organisation, Partnership

from . import rag
from .periods import QUARTER, YEAR, Period

MAX_DIGITS, DECIMAL_PLACES = 16, 4  # the columns: figures to four decimal places
# What a figure may be: below a hundred billion either way, so 15 significant digits,
# all that SQLite (which stores decimals as binary floating point) gives back exactly.
# One more digit and reading the row back fails (the column keeps 16 for PostgreSQL's
# sake: narrowing it would rebuild the append-only tables on SQLite).
LARGEST_FIGURE = Decimal(10) ** (MAX_DIGITS - 1 - DECIMAL_PLACES)
FIGURE_LIMITS = [
    MaxValueValidator(LARGEST_FIGURE - Decimal("0.0001")),
    MinValueValidator(-LARGEST_FIGURE + Decimal("0.0001")),
]


class Theme(models.Model):
    """A theme of a partnership's strategy (its Sustainable Community Strategy or plan):
    indicators and risks are grouped by theme, and the top three risks of each theme are
    where the partnership most needs to challenge and monitor progress (001)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="themes")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in which themes are shown.")

    class Meta:
        ordering = ["partnership__name", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="theme_unique_name")]

    def __str__(self) -> str:
        return self.name


class PeriodKind(models.TextChoices):
    QUARTER = QUARTER, "Quarterly"
    YEAR = YEAR, "Yearly (financial year)"


class Indicator(models.Model):
    """One indicator of a partnership's basket (004 R11): what is measured, which way is
    good, the baseline, the amber tolerance and who set it."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="indicators")
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.PROTECT, related_name="indicators")
    code = models.CharField(max_length=40, help_text="For example a national indicator number: NI 8.")
    slug = models.SlugField(max_length=60, help_text="The code as it appears in addresses: ni-8.")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True, help_text="What is counted, and where the figures come from.")
    unit = models.CharField(max_length=40, help_text="For example: %, number, rate per 1,000 population.")
    higher_is_better = models.BooleanField(default=True)
    period_kind = models.CharField(max_length=10, choices=PeriodKind.choices, default=PeriodKind.QUARTER)
    baseline = models.DecimalField(
        max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, null=True, blank=True, validators=FIGURE_LIMITS
    )
    baseline_period = models.CharField(max_length=20, blank=True, help_text="The period of the baseline: 2023/24.")
    amber_tolerance = models.DecimalField(
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.05"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text="How far below target (as a share of the target: 0.05 is 5%) still counts as amber.",
    )
    tolerance_set_by = models.CharField(
        max_length=300, blank=True, help_text="Who set the amber tolerance, and when: councillors ask."
    )
    owner = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
        help_text="The partner organisation that reports the figures.",
    )
    public = models.BooleanField(default=False, help_text="Published on the portal and in the open data API.")
    illustrative = models.BooleanField(
        default=False, help_text="The figures are illustrative (demo data), not real performance."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["partnership__name", "code"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "code"], name="indicator_unique_code"),
            models.UniqueConstraint(fields=["partnership", "slug"], name="indicator_unique_slug"),
        ]
        indexes = [models.Index(fields=["public", "partnership"], name="indicator_public")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self) -> None:
        super().clean()
        if self.theme is not None and self.partnership_id and self.theme.partnership_id != self.partnership_id:
            raise ValidationError({"theme": "Choose a theme of this indicator's own partnership."})

    @property
    def direction_label(self) -> str:
        return "Higher is better" if self.higher_is_better else "Lower is better"

    def period_refusal(self, period: Period) -> str | None:
        """Why a figure for ``period`` cannot be this indicator's: it is reported by
        quarter or by year, not both. None when it can."""
        if period.kind == self.period_kind:
            return None
        expected = "a quarter like Q2 2025/26" if self.period_kind == QUARTER else "a financial year like 2025/26"
        return f"{self.code} is reported {self.get_period_kind_display().lower()}: give {expected}."

    def period_of(self, day: dt.date) -> Period:
        return Period.containing(day, self.period_kind)  # type: ignore[arg-type]


class IndicatorFigure(models.Model):
    """What an indicator's actual or target for one period is, as recorded at one time.
    Append-only: a correction is a new row."""

    period_start = models.DateField(help_text="First day of the quarter or financial year.")
    value = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, validators=FIGURE_LIMITS)
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    @property
    def period(self) -> Period:
        return Period.containing(self.period_start, self.indicator.period_kind)  # type: ignore[attr-defined]


class IndicatorValue(IndicatorFigure):
    """An actual for a period (provisional until the final figure is in)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    provisional = models.BooleanField(default=False)

    class Meta:
        ordering = ["indicator_id", "period_start", "recorded_at", "pk"]
        indexes = [models.Index(fields=["indicator", "period_start", "recorded_at"], name="indicatorvalue_latest")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}: {self.value}"


class IndicatorTarget(IndicatorFigure):
    """The target for a period. Targets change (a stretch target is agreed); the latest
    row of a period counts and the earlier ones stay."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets")

    class Meta:
        ordering = ["indicator_id", "period_start", "recorded_at", "pk"]
        indexes = [models.Index(fields=["indicator", "period_start", "recorded_at"], name="indicatortarget_latest")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}: target {self.value}"


class Target(models.Model):
    """A target the partnership is held to (for example a Local Area Agreement target)
    and its delivery chain (004 R4): the indicators that measure it, the thematic
    partnership and delivery groups that own it, and the decisions and actions that
    serve it."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="targets",
        help_text="The thematic partnership that owns the target.",
    )
    code = models.CharField(max_length=40, help_text="For example: LAA 2008-11 NI 8.")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    indicators = models.ManyToManyField(Indicator, blank=True, related_name="chain_targets")
    delivery_groups = models.ManyToManyField(Board, blank=True, related_name="targets")
    decisions = models.ManyToManyField(Proposal, blank=True, related_name="targets")
    actions = models.ManyToManyField(Action, blank=True, related_name="targets")

    class Meta:
        ordering = ["partnership__name", "code"]
        constraints = [models.UniqueConstraint(fields=["partnership", "code"], name="target_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Risk(models.Model):
    """An entry in a theme's risk register. Its ratings are its reviews."""

    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="risks")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    owner = models.CharField(max_length=200, help_text="Who owns the risk: a post, and its organisation.")
    owner_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="risks"
    )
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    illustrative = models.BooleanField(default=False, help_text="Demo data, not a real risk.")

    class Meta:
        ordering = ["theme", "title"]

    def __str__(self) -> str:
        return self.title


class RiskReview(models.Model):
    """One review of a risk: its likelihood and impact then (1 to 5 each), the
    mitigation in place and when it is to be reviewed next. Append-only."""

    risk = models.ForeignKey(Risk, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField()
    likelihood = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    impact = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    mitigation = models.TextField()
    next_review_on = models.DateField()
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["risk_id", "reviewed_on", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5),
                name="riskreview_scale",
            ),
            models.CheckConstraint(
                condition=models.Q(next_review_on__gte=models.F("reviewed_on")), name="riskreview_next_after"
            ),
        ]
        indexes = [models.Index(fields=["risk", "reviewed_on", "recorded_at"], name="riskreview_latest")]

    def __str__(self) -> str:
        return f"{self.risk} reviewed {self.reviewed_on:%d %b %Y}"

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def rag(self) -> str:
        return rag.risk_rag(self.likelihood, self.impact)


class ReportDocument(models.Model):
    """The PDF of a partnership's report for one span, rendered by the worker on the
    ``pdf`` queue. Asked for again once figures have changed since it was rendered; each
    render is a new file (the old one is never overwritten)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="report_documents")
    span = models.CharField(max_length=40, help_text="The span's slug: 2025-26, 2025-26-q2, rolling-2025-26-q2.")
    status = models.CharField(max_length=10, choices=RenderStatus.choices, default=RenderStatus.PENDING)
    file = models.FileField(upload_to="reports/%Y/", blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    rendered_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partnership", "span"], name="reportdocument_unique_span")]

    def __str__(self) -> str:
        return f"{self.partnership} report {self.span} ({self.status})"
