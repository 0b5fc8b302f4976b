# mypy: disallow-subclassing-any=False
"""What the open data API writes, shaped after Open Civic Data and Popolo (SPEC §6), and
the query parameters it takes, each validated with a reason for a 400.

The serializers read the plain rows of api/queries.py: they decide nothing and make no
query. Addresses are absolute (governance.site.site_url).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.db.models import Model
from rest_framework import serializers

from decisions.models import Proposal, ProposalStatus, Route
from governance.site import site_url
from partnerships.models import Board, Organisation, Partnership, Person
from reports import rag
from reports.models import DECIMAL_PLACES, MAX_DIGITS, PeriodKind

from . import queries
from .queries import CLASSIFICATIONS, EVENT_STATUSES, Filters

M = TypeVar("M", bound=Model)

# ---------------------------------------------------------------------------
# Building blocks


class AbsoluteUrlField(serializers.URLField):
    """A path on this site, written as an absolute address."""

    def to_representation(self, value: str) -> str:
        return site_url(self.context.get("request")) + value


class LinkSerializer(serializers.Serializer):
    url = AbsoluteUrlField()
    note = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What was wrong, for the reader.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For a 400: the reason for each query parameter refused.",
    )
    formats = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="For a 406: the formats offered (?format=), e.g. json.",
    )


def _id(help_text: str) -> serializers.CharField:
    return serializers.CharField(help_text=help_text)


# ---------------------------------------------------------------------------
# Organizations


class ContactSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)


class OrganizationSerializer(serializers.Serializer):
    id = _id('"body-<n>" (a partner body), "partnership-<n>" or "board-<n>".')
    name = serializers.CharField()
    classification = serializers.ChoiceField(choices=list(CLASSIFICATIONS.values()))
    parent_id = serializers.CharField(
        allow_null=True, help_text="A board's partnership; a partnership's parent in the tree; null for a body."
    )
    description = serializers.CharField(
        allow_blank=True, help_text="A partnership's purpose; a board's terms of reference."
    )
    kind = serializers.CharField(
        allow_null=True, help_text="A body's kind (county_council, nhs...); a board's layer (board, executive...)."
    )
    kind_label = serializers.CharField(allow_null=True)
    executive_body = serializers.CharField(
        allow_null=True, allow_blank=True, help_text="A body's: the body that ratifies big ticket decisions."
    )
    statutory = serializers.BooleanField(allow_null=True, help_text="A partnership's: set up under a statutory duty.")
    in_lsp = serializers.BooleanField(
        allow_null=True, help_text="A partnership's: inside the Local Strategic Partnership."
    )
    status = serializers.ChoiceField(choices=["active", "ended"], allow_null=True)
    dissolution_date = serializers.DateField(allow_null=True)
    lead_accountable_body_id = serializers.CharField(allow_null=True)
    contact = ContactSerializer(allow_null=True)
    website = serializers.CharField(allow_blank=True)
    links = LinkSerializer(many=True)


# ---------------------------------------------------------------------------
# People and memberships


class PersonSerializer(serializers.Serializer):
    id = _id('"person-<n>".')
    name = serializers.CharField()
    job_title = serializers.CharField(allow_blank=True)
    organization_id = serializers.CharField(allow_null=True, help_text="The partner body the person works for.")
    memberships_url = AbsoluteUrlField()
    links = LinkSerializer(many=True)


class DeputySerializer(serializers.Serializer):
    person_id = serializers.CharField()
    person_name = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)


class MembershipSerializer(serializers.Serializer):
    id = _id('"membership-<n>".')
    person_id = serializers.CharField()
    person_name = serializers.CharField()
    organization_id = serializers.CharField(help_text="The board the seat is on.")
    organization_name = serializers.CharField()
    on_behalf_of_id = serializers.CharField(help_text="The partner body the seat represents.")
    on_behalf_of_name = serializers.CharField()
    role = serializers.CharField()
    role_label = serializers.CharField()
    seated = serializers.BooleanField(help_text="A member of the board, not an officer or invited attendee.")
    voting = serializers.BooleanField()
    lead = serializers.BooleanField(help_text="The lead seat, which records its organisation's position.")
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    deputies = DeputySerializer(many=True, help_text="The seat's designated deputies over time.")


# ---------------------------------------------------------------------------
# Events


class DocumentSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = AbsoluteUrlField()
    media_type = serializers.CharField()
    file_type = serializers.CharField()
    size = serializers.IntegerField(help_text="Bytes.")
    version = serializers.IntegerField()
    published_at = serializers.DateTimeField(allow_null=True)
    late = serializers.BooleanField()


class AgendaItemSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    purpose = serializers.CharField()
    lead_officer = serializers.CharField(allow_blank=True)
    late = serializers.BooleanField(help_text="Added after the deadline (late business).")
    minutes = serializers.CharField(
        allow_null=True, allow_blank=True, help_text="The minute of the item, once the minutes are published."
    )
    documents = DocumentSerializer(many=True, help_text="The published versions of its public papers.")


class EventSerializer(serializers.Serializer):
    id = _id('"event-<n>".')
    name = serializers.CharField()
    start_date = serializers.DateTimeField()
    end_date = serializers.DateTimeField(allow_null=True)
    location = serializers.CharField(allow_blank=True)
    online_url = serializers.CharField(allow_blank=True)
    status = serializers.ChoiceField(choices=list(EVENT_STATUSES))
    status_label = serializers.CharField()
    organization_id = serializers.CharField(help_text="The board that meets.")
    organization_name = serializers.CharField()
    agenda_published_at = serializers.DateTimeField(allow_null=True)
    agenda_late = serializers.BooleanField()
    minutes_published_at = serializers.DateTimeField(allow_null=True)
    agenda_pack_url = AbsoluteUrlField(help_text="The agenda pack PDF (404 while it is being prepared).")
    minutes_url = AbsoluteUrlField(allow_null=True, help_text="The minutes PDF, once the minutes are published.")
    updated_at = serializers.DateTimeField()
    vote_event_ids = serializers.ListField(child=serializers.CharField())
    agenda = AgendaItemSerializer(many=True, help_text="The public items: exempt items are not listed.")
    links = LinkSerializer(many=True)


# ---------------------------------------------------------------------------
# Vote events and decisions


class MemorandumSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    title = serializers.CharField()
    url = AbsoluteUrlField()


class RuleLineSerializer(serializers.Serializer):
    label = serializers.CharField()
    text = serializers.CharField()


class RuleSerializer(serializers.Serializer):
    active_consent = serializers.BooleanField()
    majority_fallback = serializers.BooleanField()
    fallback_from_round = serializers.IntegerField(
        help_text="The meeting attempt from which a majority may decide (003 §19)."
    )
    max_minority = serializers.IntegerField(allow_null=True)
    voting_unit = serializers.ChoiceField(choices=["organisation", "member"])
    escalation_required = serializers.BooleanField()
    escalation_body = serializers.CharField(allow_blank=True)
    lead_accountable_body = serializers.CharField(allow_blank=True)
    memorandum = MemorandumSerializer(
        allow_null=True, help_text="The memorandum of understanding the rules come from; null: the default rules."
    )
    summary = RuleLineSerializer(many=True)


class StatedBySerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()


class VoteSerializer(serializers.Serializer):
    voter_id = serializers.CharField(
        help_text='The partner organisation ("body-<n>"); with one vote per member, the member ("person-<n>").'
    )
    voter_name = serializers.CharField()
    on_behalf_of_id = serializers.CharField(allow_null=True)
    option = serializers.ChoiceField(choices=["consent", "object", "abstain", "absent"])
    stated_by = StatedBySerializer(allow_null=True, help_text="Who stated the position.")
    capacity = serializers.CharField(allow_null=True, help_text="member, deputy, delegate, advisory or officer.")
    capacity_label = serializers.CharField(allow_null=True)
    comment = serializers.CharField(allow_blank=True)
    recorded_at = serializers.DateTimeField(allow_null=True)
    changed = serializers.BooleanField(help_text="The position replaced an earlier one in the round.")


class CountSerializer(serializers.Serializer):
    option = serializers.ChoiceField(choices=["consent", "object", "abstain", "absent"])
    value = serializers.IntegerField()


class VoteEventSerializer(serializers.Serializer):
    id = _id('"vote-event-<n>": one round of a decision.')
    decision_id = serializers.CharField()
    round = serializers.IntegerField()
    attempt = serializers.IntegerField(help_text="The number of meetings at which the proposal has been put (SPEC §9).")
    motion_text = serializers.CharField()
    start_date = serializers.DateTimeField(help_text="The meeting's start.")
    event_id = serializers.CharField()
    organization_id = serializers.CharField()
    result = serializers.ChoiceField(choices=["agreed_by_consensus", "agreed_by_majority", "not_agreed", "open"])
    result_label = serializers.CharField()
    opened_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    counts = CountSerializer(many=True)
    rule = RuleSerializer()
    votes = VoteSerializer(many=True, help_text="The latest position of each voter; absent voters included.")
    advisory_views = VoteSerializer(many=True, help_text="Views shown, never counted.")
    links = LinkSerializer(many=True)


class HistorySerializer(serializers.Serializer):
    date = serializers.DateTimeField()
    type = serializers.CharField()
    title = serializers.CharField()
    from_status = serializers.CharField(allow_blank=True)
    to_status = serializers.CharField()
    note = serializers.CharField(allow_blank=True)
    vote_event_id = serializers.CharField(allow_null=True)


class RatificationSerializer(serializers.Serializer):
    organization_id = serializers.CharField()
    organization_name = serializers.CharField()
    ratified = serializers.BooleanField()
    body = serializers.CharField()
    decided_on = serializers.DateField()
    reference = serializers.CharField(allow_blank=True)


class DecisionSerializer(serializers.Serializer):
    id = _id('"decision-<n>".')
    title = serializers.CharField()
    text = serializers.CharField()
    status = serializers.ChoiceField(choices=ProposalStatus.values)
    status_label = serializers.CharField()
    route = serializers.ChoiceField(choices=Route.values, allow_null=True)
    route_label = serializers.CharField(allow_null=True)
    organization_id = serializers.CharField()
    event_id = serializers.CharField(help_text="The meeting whose agenda item the proposal is.")
    agenda_item_order = serializers.IntegerField()
    big_ticket = serializers.BooleanField(help_text="Needs ratification by each partner's executive body.")
    decided_at = serializers.DateTimeField(allow_null=True)
    takes_effect_at = serializers.DateTimeField(allow_null=True)
    escalation_result = serializers.CharField(allow_blank=True)
    determination = serializers.CharField(allow_blank=True)
    determination_agreed = serializers.BooleanField(allow_null=True)
    rule = RuleSerializer()
    vote_event_ids = serializers.ListField(child=serializers.CharField())
    events = HistorySerializer(many=True, help_text="The route: the decision's history, oldest first.")
    ratifications = RatificationSerializer(many=True)
    updated_at = serializers.DateTimeField()
    links = LinkSerializer(many=True)


# ---------------------------------------------------------------------------
# Indicators


def _figure(help_text: str, **kwargs: Any) -> serializers.DecimalField:
    """A figure as a JSON number (up to a trillion, to four decimal places)."""
    return serializers.DecimalField(
        max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, coerce_to_string=False, help_text=help_text, **kwargs
    )


RATINGS = [rag.GREEN, rag.AMBER, rag.RED, rag.NO_DATA]
DIRECTIONS = [rag.IMPROVING, rag.WORSENING, rag.NO_CHANGE, rag.NO_DATA]


class IndicatorPeriodSerializer(serializers.Serializer):
    period = serializers.CharField(
        help_text='The quarter or financial year as councils write it: "Q2 2025/26", "2025/26".'
    )
    period_slug = serializers.CharField(help_text='The same in addresses and files: "2025-26-q2", "2025-26".')
    start_date = serializers.DateField(help_text="The period's first day.")
    end_date = serializers.DateField(help_text="The period's last day.")
    actual = _figure("The actual that counts: the latest recorded for the period. Null: none yet.", allow_null=True)
    provisional = serializers.BooleanField(
        allow_null=True, help_text="The actual is provisional until the final figure is in. Null: no actual."
    )
    corrected = serializers.BooleanField(
        help_text="The actual replaced an earlier figure for the period (the detail lists every figure as recorded)."
    )
    target = _figure("The target that counts: the latest set for the period. Null: no target.", allow_null=True)
    rating = serializers.ChoiceField(
        choices=RATINGS,
        help_text="RAG: green when the target is met or beaten, amber when it is missed by no more than the "
        'amber tolerance (a share of the target), red otherwise; "no data" without an actual or a target.',
    )
    direction = serializers.ChoiceField(
        choices=DIRECTIONS, help_text="Direction of travel from the period before (improving is better)."
    )
    explanation = serializers.CharField(help_text="How the rating was reached, in words, as the indicator's page says.")


class RecordedValueSerializer(serializers.Serializer):
    period = serializers.CharField(help_text='The quarter or financial year the figure is for: "Q2 2025/26".')
    start_date = serializers.DateField(help_text="The period's first day.")
    value = _figure("The actual as recorded.")
    provisional = serializers.BooleanField(help_text="Recorded as provisional, until the final figure is in.")
    note = serializers.CharField(allow_blank=True, help_text="What was said of the figure when it was recorded.")
    recorded_at = serializers.DateTimeField(help_text="When the figure was recorded.")
    counts = serializers.BooleanField(
        help_text="The latest figure recorded for its period: the one that counts. Earlier ones were corrected."
    )


class IndicatorSerializer(serializers.Serializer):
    id = _id('"indicator-<n>".')
    code = serializers.CharField(help_text="For example a national indicator number: NI 8.")
    title = serializers.CharField(help_text="What the indicator measures.")
    description = serializers.CharField(allow_blank=True, help_text="What is counted, and where the figures come from.")
    unit = serializers.CharField(help_text="For example: %, number, rate per 1,000 population.")
    higher_is_better = serializers.BooleanField(help_text="Which way is good.")
    period_kind = serializers.ChoiceField(choices=PeriodKind.values, help_text="Reported each quarter or each year.")
    period_kind_label = serializers.CharField(help_text='"Quarterly" or "Yearly (financial year)".')
    baseline = _figure("The figure progress is measured from.", allow_null=True)
    baseline_period = serializers.CharField(allow_blank=True, help_text="The period of the baseline: 2023/24.")
    amber_tolerance = _figure(
        "How far short of target (as a share of the target: 0.05 is 5%) still counts as amber.",
    )
    tolerance_set_by = serializers.CharField(allow_blank=True, help_text="Who set the amber tolerance, and when.")
    illustrative = serializers.BooleanField(help_text="The figures are illustrative (demo data), not real performance.")
    organization_id = serializers.CharField(help_text='The partnership whose indicator it is ("partnership-<n>").')
    organization_name = serializers.CharField(help_text="The partnership's name.")
    owner_id = serializers.CharField(
        allow_null=True, help_text='The partner body that reports the figures ("body-<n>"); null: not recorded.'
    )
    owner_name = serializers.CharField(allow_null=True, help_text="The partner body's name.")
    theme = serializers.CharField(allow_null=True, help_text="The theme of the partnership's strategy; null: none.")
    updated_at = serializers.DateTimeField(
        help_text="When the latest actual or target was recorded (or the indicator added)."
    )
    values = IndicatorPeriodSerializer(
        many=True, help_text="Every period with an actual or a target, oldest first, each rated."
    )
    links = LinkSerializer(many=True, help_text="The indicator's page and its partnership's page on the site.")


class IndicatorDetailSerializer(IndicatorSerializer):
    recorded_values = RecordedValueSerializer(
        many=True,
        help_text="Every actual as recorded, oldest first: figures are never changed, a correction is a new "
        "figure for the same period and the one it replaced stays here.",
    )


# ---------------------------------------------------------------------------
# The API root


class EndpointSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField()
    description = serializers.CharField()


class LicenceSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField()


class RootSerializer(serializers.Serializer):
    name = serializers.CharField()
    version = serializers.CharField()
    licence = LicenceSerializer()
    docs = serializers.URLField()
    openapi = serializers.URLField()
    endpoints = EndpointSerializer(many=True)
    downloads = EndpointSerializer(many=True)


# ---------------------------------------------------------------------------
# Query parameters


# A value refused names what was expected (hostile review F7), never only DRF's "This
# value does not match the required pattern." or "… is not a valid choice.".


def _ref(kind: str, help_text: str) -> serializers.RegexField:
    pattern = rf"^{kind}-[0-9]{{1,18}}$"
    return serializers.RegexField(
        pattern,
        required=False,
        help_text=help_text,
        error_messages={"invalid": f"Give an id of the form {kind}-<number>, e.g. {kind}-7 (the pattern {pattern})."},
    )


def _date(help_text: str) -> serializers.DateField:
    return serializers.DateField(
        required=False,
        help_text=help_text,
        error_messages={"invalid": "Give a real date in the format YYYY-MM-DD, e.g. 2024-03-31."},
    )


def _choice(values: list[str], **kwargs: Any) -> serializers.ChoiceField:
    offered = ", ".join(values)
    return serializers.ChoiceField(
        choices=values,
        required=False,
        # DRF fills in {input}: the value given.
        error_messages={"invalid_choice": f'"{{input}}" is not one of the values offered: {offered}.'},
        **kwargs,
    )


def _lookup(model: type[M], kind: str, value: str, noun: str) -> M:
    row = model._default_manager.filter(pk=queries.parse_id(kind, value) or 0).first()
    if row is None:
        raise serializers.ValidationError(f"There is no {noun} with the id {value}.")
    return row


class DateRangeFilters(serializers.Serializer):
    since = _date("From this date (YYYY-MM-DD), inclusive.")
    until = _date("Up to this date (YYYY-MM-DD), inclusive.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        since, until = attrs.get("since"), attrs.get("until")
        if since is not None and until is not None and until < since:
            raise serializers.ValidationError({"until": ["The end of the range must not be before its start."]})
        return attrs


class BoardFilters(serializers.Serializer):
    partnership = _ref("partnership", "Only the boards of this partnership (its id, e.g. partnership-3).")
    board = _ref("board", "Only this board (its id, e.g. board-7).")

    def validate_partnership(self, value: str) -> Partnership:
        return _lookup(Partnership, "partnership", value, "partnership")

    def validate_board(self, value: str) -> Board:
        return _lookup(Board, "board", value, "board")


def _date_time(help_text: str) -> serializers.DateTimeField:
    return serializers.DateTimeField(
        required=False,
        help_text=help_text,
        error_messages={
            "invalid": "Give a real date and time in the ISO 8601 format YYYY-MM-DDThh:mm[:ss][+HH:MM|Z], "
            "e.g. 2024-03-31T09:30:00Z.",
        },
    )


class UpdatedSinceFilter(serializers.Serializer):
    updated_since = _date_time("ISO 8601 date and time.")

    def validate_updated_since(self, value: dt.datetime) -> dt.datetime:
        try:
            value.astimezone(dt.UTC)
        except OverflowError as error:
            raise serializers.ValidationError("Enter a date and time between the years 1 and 9999.") from error
        return value


def to_filters(data: dict[str, Any]) -> Filters:
    return Filters(**{name: value for name, value in data.items() if value is not None})


class OrganizationFilters(serializers.Serializer):
    classification = _choice(list(CLASSIFICATIONS.values()), help_text="Only organizations of this kind.")
    parent = serializers.RegexField(
        rf"^{queries.ORGANIZATION_ID}$",
        required=False,
        help_text="Only the boards and groups of this partnership (its id, e.g. partnership-3).",
        error_messages={
            "invalid": "Give an organization id of the form body-<number>, partnership-<number> or "
            f"board-<number>, e.g. partnership-3 (the pattern ^{queries.ORGANIZATION_ID}$)."
        },
    )

    def validate_classification(self, value: str) -> str:
        return next(kind for kind, label in CLASSIFICATIONS.items() if label == value)

    def validate_parent(self, value: str) -> tuple[str, int]:
        parsed = queries.parse_organization_id(value)
        if parsed is None or queries.organization(*parsed) is None:
            raise serializers.ValidationError(f"There is no organization with the id {value}.")
        return parsed


class PersonFilters(BoardFilters):
    """People who hold or held a seat on the board (or the partnership's boards), or
    deputised for one."""


class MembershipFilters(BoardFilters, DateRangeFilters):
    person = _ref("person", "Only the seats of this person (e.g. person-12).")
    on_behalf_of = _ref("body", "Only the seats held for this partner body (e.g. body-2).")

    def validate_person(self, value: str) -> Person:
        return _lookup(Person, "person", value, "person")

    def validate_on_behalf_of(self, value: str) -> Organisation:
        return _lookup(Organisation, "body", value, "partner body")


class EventFilters(BoardFilters, DateRangeFilters, UpdatedSinceFilter):
    """since/until: the meeting's date. updated_since: meetings changed since then (their
    updated_at, raised by every change) or with a paper published since."""


class VoteEventFilters(BoardFilters, DateRangeFilters, UpdatedSinceFilter):
    decision = _ref("decision", "Only the rounds of this decision (e.g. decision-5).")

    def validate_decision(self, value: str) -> Proposal:
        row = Proposal.objects.public().filter(pk=queries.parse_id("decision", value) or 0).first()
        if row is None:
            raise serializers.ValidationError(f"There is no published decision with the id {value}.")
        return row


class DecisionFilters(BoardFilters, DateRangeFilters, UpdatedSinceFilter):
    status = _choice(ProposalStatus.values)
    route = _choice(Route.values)


class IndicatorFilters(UpdatedSinceFilter):
    """updated_since: indicators with an actual or a target recorded since then (the
    latest recorded_at), or added since."""

    partnership = _ref("partnership", "Only the indicators of this partnership (its id, e.g. partnership-3).")
    updated_since = _date_time(
        "Only the indicators with an actual or a target recorded at or after this ISO 8601 date and time "
        "(their latest recorded_at), or added since."
    )

    def validate_partnership(self, value: str) -> Partnership:
        return _lookup(Partnership, "partnership", value, "partnership")
