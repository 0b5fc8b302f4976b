"""The partnerships part of the demo: replays demo/data/partnerships.py through the
partnerships actions with the historic ``now`` of each change, looking every row up by
its natural key first and calling the create action only when it is missing (and the
update action, which writes nothing when nothing differs, when it is there), so loading
twice leaves the same rows and audit events. Organisations, people and logins have no
action: the loader writes those directly, as it does the officers a partnership is
serviced by."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from accounts.models import User
from demo.content import organisation_contact, person_email
from demo.data.partnerships import (
    BOARDS,
    COMMISSIONING_PARTNERS,
    DELEGATIONS,
    DEMO_PASSWORD,
    DEMO_USERS,
    MEMBERSHIPS,
    MOUS,
    ORGANISATIONS,
    PARTNERSHIPS,
    PEOPLE,
    REGISTER_RECORDED_ON,
    SP_COMMISSIONING_BODY,
)
from partnerships import actions
from partnerships.access import can_edit_partnership
from partnerships.models import (
    Board,
    Delegation,
    Deputyship,
    Membership,
    MemorandumOfUnderstanding,
    Organisation,
    Partnership,
    Person,
)


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    """The moment a change was recorded: ``hour`` o'clock on ``day``, local time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@dataclass
class Actors:
    """Who records the demo's changes: the demo officer where she services the
    partnership, the administrator everywhere else (as an office would)."""

    officer: User
    administrator: User

    def for_partnership(self, partnership: Partnership) -> User:
        return self.officer if can_edit_partnership(self.officer, partnership) else self.administrator


def load_organisations() -> dict[str, Organisation]:
    """Partner organisations keyed by slug. No action adds an organisation: written directly."""
    organisations: dict[str, Organisation] = {}
    for number, (slug, name, kind, executive_body, domain) in enumerate(ORGANISATIONS):
        email, phone, website = organisation_contact(number, domain)
        organisations[slug], _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "executive_body": executive_body,
                "contact_email": email,
                "contact_phone": phone,
                "website": website,
            },
        )
    return organisations


def load_people(organisations: dict[str, Organisation]) -> dict[str, Person]:
    """People keyed by name (names are unique in the demo). No action adds a person: written directly."""
    people: dict[str, Person] = {}
    domains = {row[0]: row[4] for row in ORGANISATIONS}
    for name, (job_title, org_slug) in PEOPLE.items():
        people[name], _ = Person.objects.update_or_create(
            name=name,
            defaults={
                "job_title": job_title,
                "organisation": organisations[org_slug],
                "email": person_email(name, domains[org_slug]),
            },
        )
    return people


def load_users(people: dict[str, Person]) -> dict[str, User]:
    """Demo logins keyed by username, linked to their Person; the password is set when
    missing or changed. Accounts are the administrator's (no action): written directly."""
    users: dict[str, User] = {}
    for row in DEMO_USERS:
        user, created = User.objects.update_or_create(
            username=row.username,
            defaults={
                "role": row.role,
                "first_name": row.first_name,
                "last_name": row.last_name,
                "email": f"{row.username}@accord.example",
                "is_active": True,
                "is_staff": row.admin,
                "is_superuser": row.admin,
            },
        )
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if row.person:
            person = people[row.person]
            Person.objects.filter(user=user).exclude(pk=person.pk).update(user=None)
            if person.user_id != user.pk:
                person.user = user
                person.save(update_fields=["user"])
        users[row.username] = user
    return users


def load_partnerships(organisations: dict[str, Organisation], by: User) -> dict[str, Partnership]:
    """The partnership tree keyed by slug, added by the administrator (top-level ones need her)."""
    partnerships: dict[str, Partnership] = {}
    now = at(REGISTER_RECORDED_ON)
    for row in PARTNERSHIPS:
        contact_name, contact_email, contact_phone = row.contact
        values: dict[str, Any] = {
            "name": row.name,
            "purpose": row.purpose,
            "parent": partnerships[row.parent] if row.parent else None,
            "statutory": row.statutory,
            "in_lsp": row.in_lsp,
            "lead_accountable_body": organisations[row.lead] if row.lead else None,
            "status": row.status,
            "end_date": row.end_date,
            "contact_name": contact_name,
            "contact_email": contact_email,
            "contact_phone": contact_phone,
        }
        existing = Partnership.objects.filter(slug=row.slug).first()
        if existing is None:
            partnerships[row.slug] = actions.partnership_create(by=by, now=now, slug=row.slug, **values)
        else:
            partnerships[row.slug] = actions.partnership_update(existing, by=by, now=now, **values)
    return partnerships


def load_officers(partnerships: dict[str, Partnership], users: dict[str, User]) -> None:
    """The partnerships each demo officer services. No action assigns officers: written directly."""
    for row in DEMO_USERS:
        for slug in row.services:
            partnerships[slug].officers.add(users[row.username])


def load_boards(partnerships: dict[str, Partnership], actors: Actors) -> dict[str, Board]:
    """Boards keyed by 'partnership-slug/board-slug'."""
    boards: dict[str, Board] = {}
    now = at(REGISTER_RECORDED_ON)
    for row in BOARDS:
        partnership = partnerships[row.partnership]
        by = actors.for_partnership(partnership)
        low, high = row.optimum_size or (None, None)
        values: dict[str, Any] = {
            "name": row.name,
            "layer": row.layer,
            "terms_of_reference": row.terms_of_reference,
            "has_executive_powers": False,  # 002 §9
            "optimum_size_min": low,
            "optimum_size_max": high,
            "expected_meetings_per_year": row.expected_meetings_per_year,
            "is_council_committee": row.is_council_committee,
        }
        existing = Board.objects.select_related("partnership").filter(partnership=partnership, slug=row.slug).first()
        if existing is None:
            board = actions.board_create(by=by, now=now, partnership=partnership, slug=row.slug, **values)
        else:
            board = actions.board_update(existing, by=by, now=now, **values)
        boards[row.key] = board
    return boards


def load_memberships(
    boards: dict[str, Board], people: dict[str, Person], organisations: dict[str, Organisation], actors: Actors
) -> None:
    """Seats keyed on board, person and start date, each recorded on the day it starts:
    the first designated deputy with the seat (the ledger's first row), later ones
    appointed on the day they start (SPEC §3; issue 8, item 6)."""
    for board_key, (usual_start, seats) in MEMBERSHIPS.items():
        board = boards[board_key]
        by = actors.for_partnership(board.partnership)
        for seat in seats:
            person = people[seat.person]
            start = seat.start or usual_start
            values: dict[str, Any] = {
                "organisation": organisations[seat.organisation] if seat.organisation else person.organisation,
                "role": seat.role,
                "seniority": seat.seniority,
                "elected": seat.person.startswith("Cllr "),
                "voting": seat.voting,
                "end_date": seat.end,
                "lead": seat.lead,
            }
            now = at(start)
            membership = Membership.objects.filter(board=board, person=person, start_date=start).first()
            if membership is None:
                deputy = people[seat.deputy] if seat.deputy else None
                membership = actions.membership_create(
                    by=by, now=now, board=board, person=person, start_date=start, deputy=deputy, **values
                )
            else:
                # The deputies are the ledger's (below), not the seat's to change here.
                membership.board = board
                membership = actions.membership_update(membership, by=by, now=now, **values)
            for name, appointed in seat.later_deputies:
                deputy = people[name]
                if not Deputyship.objects.filter(membership=membership, person=deputy, start_date=appointed).exists():
                    actions.deputy_appoint(membership, person=deputy, start_date=appointed, by=by, now=at(appointed))


def load_delegations(
    boards: dict[str, Board], people: dict[str, Person], organisations: dict[str, Organisation], actors: Actors
) -> None:
    """Delegations keyed on organisation, person, board and start date, recorded on the day they start."""
    for org_slug, name, board_key, valid_from, valid_to, evidence, scope in DELEGATIONS:
        board, organisation, person = boards[board_key], organisations[org_slug], people[name]
        by = actors.for_partnership(board.partnership)
        values: dict[str, Any] = {"valid_to": valid_to, "evidence_reference": evidence, "scope": scope}
        existing = Delegation.objects.filter(
            organisation=organisation, person=person, board=board, valid_from=valid_from
        ).first()
        if existing is None:
            actions.delegation_create(
                by=by,
                now=at(valid_from),
                board=board,
                organisation=organisation,
                person=person,
                valid_from=valid_from,
                **values,
            )
        else:
            existing.board = board
            actions.delegation_update(existing, by=by, now=at(valid_from), **values)


def load_mous(boards: dict[str, Board], organisations: dict[str, Organisation], actors: Actors) -> None:
    """The Commissioning Body's MoU versions, keyed on board and version (a version is
    never changed once added); signatures keyed on version and partner, recorded the day
    they were signed."""
    board = boards[SP_COMMISSIONING_BODY]
    by = actors.for_partnership(board.partnership)
    partners = [organisations[slug] for slug in COMMISSIONING_PARTNERS]
    for row in MOUS:
        mou = MemorandumOfUnderstanding.objects.filter(board=board, version=row.version).first()
        if mou is None:
            rules: dict[str, Any] = dict(row.rules)
            mou = actions.mou_create(
                by=by,
                now=at(row.added_on or REGISTER_RECORDED_ON),
                board=board,
                required_signatories=partners,
                title=row.title,
                text=row.text,
                effective_from=row.effective_from,
                **rules,
            )
            if mou.version != row.version:
                raise RuntimeError(f"Memorandum version {row.version} was added as version {mou.version}")
        signed = set(mou.signatures.values_list("organisation__slug", flat=True))
        for org_slug, (signed_by, signed_on) in row.signatures.items():
            if org_slug not in signed:
                actions.mou_signature_record(
                    mou,
                    by=by,
                    now=at(signed_on, hour=12),
                    organisation=organisations[org_slug],
                    signed_by=signed_by,
                    signed_on=signed_on,
                )


def load() -> dict[str, User]:
    """Load (or refresh) the register: organisations, people, logins, partnerships,
    boards, seats, delegations and MoUs. Returns the demo logins by username."""
    organisations = load_organisations()
    people = load_people(organisations)
    users = load_users(people)
    actors = Actors(officer=users["officer"], administrator=users["admin"])
    partnerships = load_partnerships(organisations, by=actors.administrator)
    load_officers(partnerships, users)
    boards = load_boards(partnerships, actors)
    load_memberships(boards, people, organisations, actors)
    load_delegations(boards, people, organisations, actors)
    load_mous(boards, organisations, actors)
    return users
