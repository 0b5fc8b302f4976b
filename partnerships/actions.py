"""One write path per state change (STYLE.md): each action checks permission (through
``access``) and the rules, writes inside a transaction and appends an audit event whose
verb is the action's name.

Every action takes keyword values, never a pre-mutated instance: a ``*_create`` action
takes the new row's values, a ``*_update`` action the row and ``**changes`` (field ->
new value). The action compares the changes with the row as stored, saves only the
fields that changed (``update_fields``) and audits exactly those, old -> new. An update
that changes nothing writes nothing. Every action takes ``now``: the time of the change,
stored on the audit event (``at=now``), so the demo can replay history.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models import Max
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from accounts.models import User
from governance.downloads import save_stored
from governance.pagecache import content_changed
from governance.uploads import CheckedUpload, check_upload

from .access import require_edit, require_may_create_partnership, require_may_move_partnership, require_officer
from .models import (
    DEPUTY_IS_MEMBER,
    AuditEvent,
    Board,
    Calendar,
    ClearDays,
    Delegation,
    Deputyship,
    Layer,
    Membership,
    MembershipRole,
    MemorandumOfUnderstanding,
    MouSignature,
    Organisation,
    Partnership,
    PartnershipStatus,
    Person,
    Seniority,
    long_date,
)

# The fields each update action may change (the officer forms' fields).
PARTNERSHIP_FIELDS = frozenset(
    {
        "name",
        "slug",
        "purpose",
        "parent",
        "statutory",
        "in_lsp",
        "lead_accountable_body",
        "status",
        "end_date",
        "contact_name",
        "contact_email",
        "contact_phone",
        "website",
    }
)
BOARD_FIELDS = frozenset(
    {
        "name",
        "slug",
        "layer",
        "terms_of_reference",
        "has_executive_powers",
        "optimum_size_min",
        "optimum_size_max",
        "expected_meetings_per_year",
        "calendar",
        "paper_deadline_working_days",
        "is_council_committee",
        "clear_days",
    }
)
# A seat's deputy is not among them: the deputy is a dated ledger, changed only by
# deputy_appoint and deputy_end.
MEMBERSHIP_FIELDS = frozenset(
    {"person", "organisation", "role", "seniority", "elected", "lead", "voting", "start_date", "end_date"}
)
DELEGATION_FIELDS = frozenset(
    {"organisation", "person", "scope", "valid_from", "valid_to", "evidence_reference", "evidence_document"}
)

Changes = dict[str, list[object]]


def audit_record(
    by: User | None,
    verb: str,
    partnership: Partnership | None,
    summary: str,
    *,
    at: dt.datetime | None = None,
    **details: Any,
) -> AuditEvent:
    """Append an audit event. ``at`` is the action's ``now`` (the demo replays history).
    Every action calls it, so it also tells the public page cache that the content
    changes when this commits."""
    content_changed()
    return AuditEvent.objects.create(
        at=at or timezone.now(),
        actor=by if by is not None and by.is_authenticated else None,
        verb=verb,
        partnership=partnership,
        summary=summary[:500],
        details=details,
    )


def audit_value(value: object) -> object:
    """A value as the audit trail's JSON stores it: rows by id, dates as ISO, files by name."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, FieldFile | File):
        return value.name or ""
    return value


def apply_changes(
    instance: models.Model, changes: Mapping[str, object], editable: Iterable[str] | None = None
) -> Changes:
    """Set the values that differ from the instance (only ``editable`` fields, when given);
    return them as field -> [old, new], as the audit event records them."""
    unknown = sorted(set(changes) - set(editable)) if editable is not None else []
    if unknown:
        raise TypeError(f"{type(instance).__name__} has no editable field {', '.join(unknown)}")
    changed: Changes = {}
    for name, new in changes.items():
        if new in (None, False) and isinstance(instance._meta.get_field(name), models.FileField):
            new = ""  # no file, or a cleared upload
        old = getattr(instance, name)
        if old == new:
            continue
        changed[name] = [audit_value(old), audit_value(new)]
        setattr(instance, name, new)
    return changed


# ---------------------------------------------------------------------------
# Partnerships


def partnership_create(
    *,
    by: User,
    now: dt.datetime,
    name: str,
    slug: str,
    purpose: str,
    parent: Partnership | None = None,
    statutory: bool = False,
    in_lsp: bool = True,
    lead_accountable_body: Organisation | None = None,
    status: str = PartnershipStatus.ACTIVE,
    end_date: dt.date | None = None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    website: str = "",
) -> Partnership:
    """Create a partnership. Officers may add groups under a partnership they service
    (and then service them); only administrators add new top-level partnerships."""
    require_may_create_partnership(by, parent)
    partnership = Partnership(
        name=name,
        slug=slug,
        purpose=purpose,
        parent=parent,
        statutory=statutory,
        in_lsp=in_lsp,
        lead_accountable_body=lead_accountable_body,
        status=status,
        end_date=end_date,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        website=website,
    )
    partnership.full_clean()
    with transaction.atomic():
        partnership.save()
        if by.is_officer and not by.is_administrator:
            partnership.officers.add(by)
        audit_record(by, "partnership_create", partnership, f"Created partnership {name}", at=now)
    return partnership


def partnership_update(partnership: Partnership, *, by: User, now: dt.datetime, **changes: object) -> Partnership:
    """Change a partnership's details; moving it needs the right to place it under its new parent."""
    require_edit(by, partnership)
    with transaction.atomic():
        stored = Partnership.objects.select_for_update().get(pk=partnership.pk)
        if "parent" in changes and changes["parent"] != stored.parent:
            parent = changes["parent"]
            require_may_move_partnership(by, stored, parent if isinstance(parent, Partnership) else None)
        changed = apply_changes(stored, changes, PARTNERSHIP_FIELDS)
        if not changed:
            return stored
        stored.full_clean()
        stored.save(update_fields=list(changed))
        audit_record(by, "partnership_update", stored, f"Updated partnership {stored.name}", at=now, changed=changed)
    return stored


# ---------------------------------------------------------------------------
# Boards


def board_create(
    *,
    by: User,
    now: dt.datetime,
    partnership: Partnership,
    name: str,
    slug: str,
    layer: str = Layer.BOARD,
    terms_of_reference: str = "",
    has_executive_powers: bool = False,
    optimum_size_min: int | None = None,
    optimum_size_max: int | None = None,
    expected_meetings_per_year: int | None = None,
    calendar: str = Calendar.ENG,
    paper_deadline_working_days: int = 10,
    is_council_committee: bool = False,
    clear_days: str = ClearDays.WORKING,
) -> Board:
    """Add a board to a partnership."""
    require_edit(by, partnership)
    board = Board(
        partnership=partnership,
        name=name,
        slug=slug,
        layer=layer,
        terms_of_reference=terms_of_reference,
        has_executive_powers=has_executive_powers,
        optimum_size_min=optimum_size_min,
        optimum_size_max=optimum_size_max,
        expected_meetings_per_year=expected_meetings_per_year,
        calendar=calendar,
        paper_deadline_working_days=paper_deadline_working_days,
        is_council_committee=is_council_committee,
        clear_days=clear_days,
    )
    board.full_clean()
    with transaction.atomic():
        board.save()
        audit_record(by, "board_create", partnership, f"Created board {name}", at=now, board=board.pk)
    return board


def board_update(board: Board, *, by: User, now: dt.datetime, **changes: object) -> Board:
    """Change a board's details (its paper deadline, size norms, calendar...)."""
    require_edit(by, board.partnership)
    with transaction.atomic():
        stored = Board.objects.select_for_update().select_related("partnership").get(pk=board.pk)
        changed = apply_changes(stored, changes, BOARD_FIELDS)
        if not changed:
            return stored
        stored.full_clean()
        stored.save(update_fields=list(changed))
        audit_record(
            by,
            "board_update",
            stored.partnership,
            f"Updated board {stored.name}",
            at=now,
            board=stored.pk,
            changed=changed,
        )
    return stored


# ---------------------------------------------------------------------------
# Memberships


@dataclass(frozen=True)
class NewPerson:
    """A person not yet in the system, to be added as they are seated (a newly elected
    councillor). ``membership_create`` adds them through ``person_create``; its refusals
    come back under ``new_person_<field>``."""

    name: str
    job_title: str = ""
    organisation: Organisation | None = None
    email: str = ""


def person_create(
    *,
    by: User,
    now: dt.datetime,
    name: str,
    job_title: str = "",
    organisation: Organisation | None = None,
    email: str = "",
    partnership: Partnership | None = None,
) -> Person:
    """Add a person to the people of the register. Officers add people; ``partnership``
    is the one the officer is working on (the audit event is filed under it)."""
    require_officer(by)
    if partnership is not None:
        require_edit(by, partnership, to="add people to it")
    person = Person(name=name.strip(), job_title=job_title.strip(), organisation=organisation, email=email.strip())
    errors: dict[str, str] = {}
    if not person.name:
        errors["name"] = "Enter the person's full name"
    elif len(person.name) > 200:
        errors["name"] = "The name must be 200 characters or fewer"
    if len(person.job_title) > 200:
        errors["job_title"] = "The job title must be 200 characters or fewer"
    if person.email:
        try:
            validate_email(person.email)
        except ValidationError:
            errors["email"] = "Enter an email address in the correct format, like name@example.org"
    same = Person.objects.filter(name__iexact=person.name, organisation=organisation).first() if not errors else None
    if same is not None:
        at = f" of {organisation}" if organisation else ""
        errors["name"] = f"{same.name}{at} is already in the system: choose them from the list"
    if errors:
        raise ValidationError(errors)
    person.full_clean(exclude=["user"])
    with transaction.atomic():
        person.save()
        audit_record(by, "person_create", partnership, f"Added {person.name} to the people", at=now, person=person.pk)
    return person


def _lock_board(board: Board) -> None:
    """The overlap rules (seats, lead seats, deputyships) are checked under this lock,
    so two officers cannot seat the same person or appoint two deputies at once."""
    Board.objects.select_for_update().filter(pk=board.pk).first()


def membership_create(
    *,
    by: User,
    now: dt.datetime,
    board: Board,
    person: Person | NewPerson,
    organisation: Organisation,
    start_date: dt.date,
    role: str = MembershipRole.MEMBER,
    seniority: str = Seniority.OTHER,
    elected: bool = False,
    lead: bool = False,
    voting: bool = True,
    end_date: dt.date | None = None,
    deputy: Person | None = None,
) -> Membership:
    """Seat a person on a board, for an organisation. ``person`` may be a ``NewPerson``,
    added first in the same transaction. ``deputy``, when given, is the seat's first
    designated deputy, from the day the seat starts (a Deputyship)."""
    require_edit(by, board.partnership)
    with transaction.atomic():
        _lock_board(board)
        if isinstance(person, NewPerson):
            try:
                person = person_create(
                    by=by,
                    now=now,
                    partnership=board.partnership,
                    name=person.name,
                    job_title=person.job_title,
                    organisation=person.organisation,
                    email=person.email,
                )
            except ValidationError as error:
                raise ValidationError(
                    {f"new_person_{field}": messages for field, messages in error.message_dict.items()}
                ) from error
        if deputy is not None and deputy.pk == person.pk:
            raise ValidationError({"deputy": DEPUTY_IS_MEMBER})
        membership = Membership(
            board=board,
            person=person,
            organisation=organisation,
            role=role,
            seniority=seniority,
            elected=elected,
            lead=lead,
            voting=voting,
            start_date=start_date,
            end_date=end_date,
        )
        membership.full_clean()
        membership.save()
        details: dict[str, object] = {"membership": membership.pk}
        if deputy is not None:
            _refuse_sitting_member(board, deputy, start_date, end_date, field="deputy")
            _refuse_deputy_for_another_organisation(membership, deputy, start_date, end_date, field="deputy")
            deputyship = Deputyship(membership=membership, person=deputy, start_date=start_date, end_date=end_date)
            deputyship.full_clean()
            deputyship.save()
            details.update(deputy=deputy.pk, deputyship=deputyship.pk)
        audit_record(
            by,
            "membership_create",
            board.partnership,
            f"Added {person} ({organisation}) on {board.name}",
            at=now,
            **details,
        )
    return membership


def _fit_deputyships(seat: Membership) -> Changes:
    """Keep the seat's deputyships within its dates after a change of the seat: a
    deputyship running past the seat's new end ends with it. One that would fall
    outside the seat altogether, or whose deputy is now the member, is refused.
    Returns the deputyships ended, as ``{deputyship id: [old end, new end]}``."""
    ended: Changes = {}
    for deputyship in Deputyship.objects.filter(membership=seat).select_related("person").order_by("start_date"):
        if deputyship.person_id == seat.person_id:
            raise ValidationError(
                {"person": f"{seat.person} is a deputy of this seat: change the deputy first, then the member"}
            )
        if deputyship.start_date < seat.start_date:
            raise ValidationError(
                {
                    "start_date": f"{deputyship.person} is the deputy from {long_date(deputyship.start_date)}: "
                    "the seat must start on or before that date"
                }
            )
        if seat.end_date is None:
            continue
        if deputyship.start_date > seat.end_date:
            raise ValidationError(
                {
                    "end_date": f"{deputyship.person} is the deputy from {long_date(deputyship.start_date)}: "
                    "the seat must end on or after that date"
                }
            )
        if deputyship.end_date is None or deputyship.end_date > seat.end_date:
            _refuse_records_after(seat, deputyship.person, seat.end_date, field="end_date")
            ended[str(deputyship.pk)] = [audit_value(deputyship.end_date), audit_value(seat.end_date)]
            deputyship.end_date = seat.end_date
            deputyship.save(update_fields=["end_date"])
    return ended


def membership_update(membership: Membership, *, by: User, now: dt.datetime, **changes: object) -> Membership:
    """Change a seat: its role, dates, voting rights, lead seat... Not its deputy: that
    is ``deputy_appoint``. A deputyship running past a new end date ends with the seat."""
    board = membership.board
    require_edit(by, board.partnership)
    with transaction.atomic():
        _lock_board(board)
        stored = Membership.objects.select_related("board__partnership", "person", "organisation").get(pk=membership.pk)
        changed = apply_changes(stored, changes, MEMBERSHIP_FIELDS)
        if not changed:
            return stored
        stored.full_clean()
        stored.save(update_fields=list(changed))
        details: dict[str, object] = {"membership": stored.pk, "changed": changed}
        if {"person", "start_date", "end_date"} & set(changed):
            if ended := _fit_deputyships(stored):
                details["deputyships_ended"] = ended
        audit_record(
            by,
            "membership_update",
            board.partnership,
            f"Updated {stored.person} ({stored.organisation}) on {board.name}",
            at=now,
            **details,
        )
    return stored


def membership_end(membership: Membership, *, by: User, now: dt.datetime, on: dt.date) -> Membership:
    """End a seat on a date. The row is kept: membership history is never deleted. The
    seat's deputyship in force then ends on the same day."""
    board = membership.board
    require_edit(by, board.partnership)
    with transaction.atomic():
        _lock_board(board)
        stored = Membership.objects.select_related("person").get(pk=membership.pk)
        if stored.end_date is not None and stored.end_date <= on:
            raise ValidationError("This membership has already ended.")
        old = stored.end_date
        stored.end_date = on
        stored.full_clean()
        stored.save(update_fields=["end_date"])
        details: dict[str, object] = {"changed": {"end_date": [audit_value(old), audit_value(on)]}}
        if ended := _fit_deputyships(stored):
            details["deputyships_ended"] = ended
        audit_record(
            by,
            "membership_end",
            board.partnership,
            f"Ended the seat of {stored.person} on {board.name} from {on:%d %B %Y}",
            at=now,
            membership=stored.pk,
            **details,
        )
    return stored


# ---------------------------------------------------------------------------
# Deputies: a dated ledger per seat (001 principle 5)


def _refuse_sitting_member(board: Board, person: Person, start: dt.date, end: dt.date | None, *, field: str) -> None:
    """A member of the board cannot also deputise for another of its seats on the same
    days: they would speak for two organisations (001 principle 5; issue 8)."""
    seats = Membership.objects.seated().filter(board=board, person=person)
    if end is not None:
        seats = seats.filter(start_date__lte=end)
    sitting = (
        seats.filter(models.Q(end_date__isnull=True) | models.Q(end_date__gte=start))
        .select_related("organisation")
        .order_by("start_date")
        .first()
    )
    if sitting is None:
        return
    held = f"from {long_date(sitting.start_date)}" + (
        f" to {long_date(sitting.end_date)}" if sitting.end_date is not None else ""
    )
    raise ValidationError(
        {
            field: f"{person} holds a seat on {board.name} for {sitting.organisation} ({held}), so cannot also be "
            "the deputy for another of its seats on those dates"
        }
    )


def _refuse_deputy_for_another_organisation(
    seat: Membership, person: Person, start: dt.date, end: dt.date | None, *, field: str
) -> None:
    """Nor can one person deputise for seats of two organisations of a board on the
    same days: at a meeting they would speak, and state positions, for both."""
    others = (
        Deputyship.objects.filter(person=person, membership__board_id=seat.board_id)
        .exclude(membership__organisation_id=seat.organisation_id)
        .filter(models.Q(end_date__isnull=True) | models.Q(end_date__gte=start))
        .select_related("membership__organisation")
        .order_by("start_date")
    )
    if end is not None:
        others = others.filter(start_date__lte=end)
    other = others.first()
    if other is None:
        return
    held = f"from {long_date(other.start_date)}" + (
        f" to {long_date(other.end_date)}" if other.end_date is not None else ""
    )
    raise ValidationError(
        {
            field: f"{person} is the deputy for {other.membership.organisation} on {seat.board.name} ({held}), "
            f"so cannot also deputise for {seat.organisation} on those dates"
        }
    )


# The records a deputyship stands under (meetings and decisions), read through the
# seat's reverse relations so this app imports neither: attendance "represented by
# deputy" (meetings.Attendance), a declaration of interest by the deputy
# (meetings.Declaration) and a position stated as deputy (decisions.Position). The
# status and the capacity are both "deputy" (AttendanceStatus.DEPUTY, Capacity.DEPUTY).
AS_DEPUTY = "deputy"


def _refuse_records_after(seat: Membership, person: Person, last_day: dt.date, *, field: str) -> None:
    """Refuse ending ``person``'s deputyship of the seat on ``last_day`` when a record
    made as its deputy falls on a later day: the ledger is never rewritten under the
    meetings that relied on it. The message names the earliest such meeting."""
    after = timezone.make_aware(dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time.min))
    found: list[tuple[dt.datetime, str]] = []
    attended = (
        seat.attendance.filter(status=AS_DEPUTY, deputy_id=person.pk, meeting__start__gte=after)
        .select_related("meeting__board")
        .order_by("meeting__start")
        .first()
    )
    if attended is not None:
        found.append((attended.meeting.start, f"is recorded as attending {attended.meeting} for {seat.person}"))
    declared = (
        seat.declarations.filter(person_id=person.pk, item__meeting__start__gte=after)
        .select_related("item__meeting__board")
        .order_by("item__meeting__start")
        .first()
    )
    if declared is not None:
        found.append((declared.item.meeting.start, f"declared an interest as deputy at {declared.item.meeting}"))
    stated = (
        seat.positions.filter(person_id=person.pk, capacity=AS_DEPUTY, round__meeting__start__gte=after)
        .select_related("round__meeting__board")
        .order_by("round__meeting__start")
        .first()
    )
    if stated is not None:
        found.append((stated.round.meeting.start, f"stated a position as deputy at {stated.round.meeting}"))
    if not found:
        return
    start, record = min(found, key=lambda pair: pair[0])
    raise ValidationError(
        {
            field: f"{person} {record}: the deputyship cannot end before "
            f"{long_date(timezone.localdate(start))}, the day of that meeting"
        }
    )


def deputy_appoint(
    membership: Membership, *, person: Person, start_date: dt.date, by: User, now: dt.datetime
) -> Deputyship:
    """Make ``person`` the designated deputy of a seat from ``start_date``. The deputy in
    force that day stops the day before; the new deputyship runs while the seat does.
    Refuses the member themself, a date outside the seat, and a date on or before a
    deputyship already recorded from that day or later (the ledger is never rewritten)."""
    board = membership.board
    require_edit(by, board.partnership)
    with transaction.atomic():
        _lock_board(board)
        seat = Membership.objects.select_related("board__partnership", "person", "organisation").get(pk=membership.pk)
        if person.pk == seat.person_id:
            raise ValidationError({"person": DEPUTY_IS_MEMBER})
        if start_date < seat.start_date:
            raise ValidationError(
                {"start_date": f"The deputy cannot start before the seat starts on {long_date(seat.start_date)}"}
            )
        if seat.end_date is not None and start_date > seat.end_date:
            raise ValidationError(
                {"start_date": f"The deputy cannot start after the seat ends on {long_date(seat.end_date)}"}
            )
        deputyships = list(Deputyship.objects.filter(membership=seat).select_related("person").order_by("start_date"))
        later = [d for d in deputyships if d.start_date >= start_date]
        if later:
            raise ValidationError(
                {
                    "start_date": f"{later[0].person} is already the deputy from {long_date(later[0].start_date)}: "
                    "enter a date after that"
                }
            )
        _refuse_sitting_member(board, person, start_date, seat.end_date, field="person")
        _refuse_deputy_for_another_organisation(seat, person, start_date, seat.end_date, field="person")
        current = next((d for d in deputyships if d.is_current(start_date)), None)
        if current is not None and current.person_id == person.pk:
            raise ValidationError(
                {"person": f"{person} is already the deputy of this seat, since {long_date(current.start_date)}"}
            )
        details: dict[str, object] = {"membership": seat.pk, "person": person.pk, "start_date": start_date.isoformat()}
        if current is not None:
            # The deputy in force stops the day before: not under what they did after.
            _refuse_records_after(seat, current.person, start_date - dt.timedelta(days=1), field="start_date")
            old_end = current.end_date
            current.end_date = start_date - dt.timedelta(days=1)
            current.full_clean()
            current.save(update_fields=["end_date"])
            details["ended"] = {
                "deputyship": current.pk,
                "end_date": [audit_value(old_end), audit_value(current.end_date)],
            }
        deputyship = Deputyship(membership=seat, person=person, start_date=start_date, end_date=seat.end_date)
        deputyship.full_clean()
        deputyship.save()
        audit_record(
            by,
            "deputy_appoint",
            board.partnership,
            f"{person} is the deputy of {seat.person} ({seat.organisation}) on {board.name} "
            f"from {long_date(start_date)}",
            at=now,
            deputyship=deputyship.pk,
            **details,
        )
    return deputyship


def deputy_end(deputyship: Deputyship, *, on: dt.date, by: User, now: dt.datetime) -> Deputyship:
    """End a deputyship on a date (its last day); the seat then has no deputy until one
    is appointed. The row is kept: the ledger answers who could stand in on any day."""
    seat = deputyship.membership
    board = seat.board
    require_edit(by, board.partnership)
    with transaction.atomic():
        _lock_board(board)
        stored = Deputyship.objects.select_related("person", "membership__person", "membership__organisation").get(
            pk=deputyship.pk
        )
        ends = stored.end_date
        seat_ends = stored.membership.end_date
        # An ended deputyship is history: it is never ended again, earlier or later. One
        # whose last day has not come yet may still be given another (a date mistyped).
        if ends is not None and ends != seat_ends and ends <= timezone.localdate(now):
            raise ValidationError({"end_date": f"This deputyship has already ended, on {long_date(ends)}"})
        if seat_ends is not None and seat_ends < on:
            raise ValidationError(
                {"end_date": f"The deputyship ends with the seat on {long_date(seat_ends)}: enter an earlier date"}
            )
        if ends is not None and ends == on:
            raise ValidationError({"end_date": f"The deputyship already ends on {long_date(ends)}"})
        following = (
            Deputyship.objects.filter(membership=stored.membership, start_date__gt=stored.start_date)
            .select_related("person")
            .order_by("start_date")
            .first()
        )
        if following is not None and following.start_date <= on:
            raise ValidationError(
                {
                    "end_date": f"{following.person} is the deputy from {long_date(following.start_date)}: "
                    "enter an earlier date"
                }
            )
        if on < stored.start_date:
            raise ValidationError(
                {"end_date": f"The deputyship cannot end before it starts on {long_date(stored.start_date)}"}
            )
        _refuse_records_after(stored.membership, stored.person, on, field="end_date")
        old = stored.end_date
        stored.end_date = on
        stored.full_clean()
        stored.save(update_fields=["end_date"])
        audit_record(
            by,
            "deputy_end",
            board.partnership,
            f"{stored.person} is no longer the deputy of {stored.membership.person} on {board.name} "
            f"after {long_date(on)}",
            at=now,
            deputyship=stored.pk,
            membership=stored.membership_id,
            changed={"end_date": [audit_value(old), audit_value(on)]},
        )
    return stored


# ---------------------------------------------------------------------------
# Delegations


def _check_document(document: object, *, field: str) -> CheckedUpload | None:
    """Check an uploaded delegation or memorandum document as papers are checked (type
    read from the content, size limit, zip bombs); refusals come back under ``field``.
    None when ``document`` is not a new file: none, a cleared one, or one already stored."""
    if not isinstance(document, File) or isinstance(document, FieldFile):
        return None
    try:
        return check_upload(document)  # type: ignore[arg-type]  # any File reads as an upload does
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error


def _store_document(field_file: FieldFile, upload: object, checked: CheckedUpload, *, stem: str) -> None:
    """Write a document ``_check_document`` passed under a fresh name built from its
    checked type: storage never overwrites an earlier file and the uploader's name never
    decides the type."""
    name = f"{stem}-{uuid.uuid4().hex}.{checked.extension}"
    save_stored(field_file, name, cast("File[Any]", upload), field=field_file.field.name)


def delegation_create(
    *,
    by: User,
    now: dt.datetime,
    board: Board,
    organisation: Organisation,
    person: Person,
    scope: str,
    valid_from: dt.date,
    evidence_reference: str,
    valid_to: dt.date | None = None,
    evidence_document: File[Any] | str | None = None,
) -> Delegation:
    """Record a formal grant of authority to commit an organisation at a board (000 §3b).
    An uploaded evidence document is checked as papers are and stored under a fresh name."""
    require_edit(by, board.partnership)
    checked = _check_document(evidence_document, field="evidence_document")
    delegation = Delegation(
        board=board,
        organisation=organisation,
        person=person,
        scope=scope,
        valid_from=valid_from,
        valid_to=valid_to,
        evidence_reference=evidence_reference,
        evidence_document="" if checked is not None else evidence_document or "",
    )
    delegation.full_clean()
    with transaction.atomic():
        if checked is not None:
            _store_document(delegation.evidence_document, evidence_document, checked, stem="delegation")
        delegation.save()
        audit_record(
            by,
            "delegation_create",
            board.partnership,
            f"Recorded delegation from {organisation} to {person} for {board.name}",
            at=now,
            delegation=delegation.pk,
        )
    return delegation


def delegation_update(delegation: Delegation, *, by: User, now: dt.datetime, **changes: object) -> Delegation:
    """Change a delegation: its scope, dates or evidence. New evidence is checked as
    papers are and stored under a fresh name; the file it replaces is kept."""
    board = delegation.board
    require_edit(by, board.partnership)
    upload = changes.get("evidence_document")
    checked = _check_document(upload, field="evidence_document")
    if checked is not None:  # stored below, once the other changes are valid
        changes = {name: value for name, value in changes.items() if name != "evidence_document"}
    with transaction.atomic():
        stored = Delegation.objects.select_for_update().select_related("organisation", "person").get(pk=delegation.pk)
        changed = apply_changes(stored, changes, DELEGATION_FIELDS)
        if not changed and checked is None:
            return stored
        stored.full_clean()
        if checked is not None:
            # A fresh name: the file it replaces stays in storage, never overwritten.
            replaced = stored.evidence_document.name or ""
            _store_document(stored.evidence_document, upload, checked, stem="delegation")
            changed["evidence_document"] = [replaced, stored.evidence_document.name]
        stored.save(update_fields=list(changed))
        audit_record(
            by,
            "delegation_update",
            board.partnership,
            f"Updated delegation from {stored.organisation} to {stored.person} for {board.name}",
            at=now,
            delegation=stored.pk,
            changed=changed,
        )
    return stored


# ---------------------------------------------------------------------------
# Memoranda of understanding


def mou_create(
    *,
    by: User,
    now: dt.datetime,
    board: Board,
    required_signatories: Iterable[Organisation],
    title: str,
    text: str = "",
    document: File[Any] | str | None = None,
    effective_from: dt.date | None = None,
    review_date: dt.date | None = None,
    voting_unit: str = "organisation",
    active_consent: bool = True,
    majority_fallback: bool = False,
    fallback_from_round: int = 2,
    max_minority: int | None = None,
    escalation_required: bool = False,
    escalation_body: str = "",
    rules_lead_accountable_body: Organisation | None = None,
) -> MemorandumOfUnderstanding:
    """Add a new version of a board's memorandum. Earlier versions are never changed."""
    require_edit(by, board.partnership)
    signatories = list(required_signatories)
    if not signatories:
        raise ValidationError({"required_signatories": "Choose the partners who must sign."})
    checked = _check_document(document, field="document")
    mou = MemorandumOfUnderstanding(
        board=board,
        title=title,
        text=text,
        document="" if checked is not None else document or "",
        effective_from=effective_from,
        review_date=review_date,
        created_at=now,
        voting_unit=voting_unit,
        active_consent=active_consent,
        majority_fallback=majority_fallback,
        fallback_from_round=fallback_from_round,
        max_minority=max_minority,
        escalation_required=escalation_required,
        escalation_body=escalation_body,
        rules_lead_accountable_body=rules_lead_accountable_body,
    )
    with transaction.atomic():
        _lock_board(board)
        latest = MemorandumOfUnderstanding.objects.filter(board=board).aggregate(v=Max("version"))["v"] or 0
        mou.version = latest + 1
        mou.full_clean()
        if checked is not None:
            _store_document(mou.document, document, checked, stem=f"mou-{board.pk}-v{mou.version}")
        mou.save()
        mou.required_signatories.set(signatories)
        audit_record(by, "mou_create", board.partnership, f"Added {mou} for {board.name}", at=now, mou=mou.pk)
    return mou


def mou_signature_record(
    mou: MemorandumOfUnderstanding,
    *,
    by: User,
    now: dt.datetime,
    organisation: Organisation,
    signed_by: str,
    signed_on: dt.date,
) -> MouSignature:
    """Record that a required partner has signed a memorandum version. A signature
    cannot be dated after the day it is recorded (issue 8, rule 2)."""
    require_edit(by, mou.board.partnership)
    if signed_on > timezone.localdate(now):
        raise ValidationError({"signed_on": "The date signed must be today or in the past"})
    with transaction.atomic():
        # Locked: two officers recording the same signature at once get one row and a message.
        MemorandumOfUnderstanding.objects.select_for_update().filter(pk=mou.pk).first()
        if not mou.required_signatories.filter(pk=organisation.pk).exists():
            raise ValidationError({"organisation": f"{organisation} is not a required signatory of this version."})
        if mou.signatures.filter(organisation=organisation).exists():
            raise ValidationError({"organisation": f"{organisation} has already signed this version."})
        signature = MouSignature(
            mou=mou,
            organisation=organisation,
            signed_by=signed_by,
            signed_on=signed_on,
            recorded_by=by,
            recorded_at=now,
        )
        signature.full_clean(exclude=["recorded_by"])
        signature.save()
        audit_record(
            by,
            "mou_signature_record",
            mou.board.partnership,
            f"{organisation} signed {mou} ({signed_by}, {signed_on:%d %B %Y})",
            at=now,
            mou=mou.pk,
            signature=signature.pk,
        )
    return signature
