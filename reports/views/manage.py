"""The officer's pages of the scrutiny reports (SPEC §7): one page per partnership with
its themes, indicators, targets and risks, and the forms that change them.

Only officers of the partnership and administrators reach these pages
(access.get_*_for_writer: everyone else is refused with its reason, scrutiny
councillors included; they read the reports). Every view has one shape: decorators →
access → form → one action → redirect with a success banner; a rule the action refuses
comes back on the form (status 400)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Case, CharField, F, Q, Value, When
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from decisions.models import Proposal
from governance.forms import add_action_errors
from governance.http import AuthenticatedHttpRequest
from meetings.models import Action
from partnerships.models import Board, Partnership

from .. import access, actions, imports, queries
from ..forms import (
    ChainLinkForm,
    ChainTargetForm,
    FigureForm,
    IndicatorForm,
    LinkChoices,
    RiskAddForm,
    RiskCloseForm,
    RiskForm,
    RiskReviewForm,
    TargetValueForm,
    ThemeForm,
    ValueForm,
    ValuesUploadForm,
    figure,
    long_date,
    recent_periods,
)
from ..models import Indicator, IndicatorTarget, IndicatorValue, Risk, Target, Theme
from ..periods import QUARTER, Period, ReportSpan

# Periods offered as radios: for an actual, the current period and those before it;
# for a target, a few before and the ones ahead.
ACTUAL_QUARTERS, ACTUAL_YEARS = 7, 4
TARGET_QUARTERS_BEFORE, TARGET_QUARTERS_AFTER = 3, 4
TARGET_YEARS_BEFORE, TARGET_YEARS_AFTER = 1, 3


def _index(partnership: Partnership | str) -> str:
    slug = partnership if isinstance(partnership, str) else partnership.slug
    return reverse("reports:manage_index", args=[slug])


def _data(request: AuthenticatedHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _form_page(
    request: AuthenticatedHttpRequest,
    form: BaseForm,
    *,
    partnership: Partnership,
    title: str,
    submit: str,
    template: str = "reports/manage/form.html",
    caption: str = "",
    **extra: Any,
) -> HttpResponse:
    context = {
        "form": form,
        "partnership": partnership,
        "title": title,
        "caption": caption or partnership.name,
        "submit_label": submit,
        "back": _index(partnership),
        **extra,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, template, context, status=status)


# ---------------------------------------------------------------------------
# The partnership's page


def _current_span(today: dt.date) -> ReportSpan:
    """The four quarters to the current one: an actual just recorded shows at once."""
    return ReportSpan.rolling(Period.containing(today, QUARTER))


@login_required
@require_safe
def manage_index(request: AuthenticatedHttpRequest, partnership: str) -> HttpResponse:
    """Themes, indicators with their latest actual and target, targets and their
    delivery chains, risks with their latest rating and the reviews overdue; a fixed
    number of queries whatever their number (reports/queries.py)."""
    chosen = access.get_partnership_for_writer(request.user, partnership)
    today = timezone.localdate()
    themes = list(Theme.objects.filter(partnership=chosen).order_by("position", "name"))
    indicators = queries.indicators_of([chosen], visible=access.visible_indicators(request.user))
    statuses = queries.indicator_statuses(indicators, _current_span(today))
    register = queries.risk_register([chosen], today)
    indicator_counts: dict[int | None, int] = defaultdict(int)
    for status in statuses:
        indicator_counts[status.indicator.theme_id] += 1
    risk_counts = {group.theme.pk: len(group.risks) for group in register}
    context = {
        "partnership": chosen,
        "themes": [(theme, indicator_counts[theme.pk], risk_counts.get(theme.pk, 0)) for theme in themes],
        "statuses": statuses,
        "targets": queries.targets_with_chains(chosen),
        "register": register,
        "overdue": sorted(
            (status for group in register for status in group.risks if status.overdue),
            key=lambda status: status.latest.next_review_on,
        ),
        "today": today,
        "upload_max_rows": imports.MAX_ROWS,
    }
    return render(request, "reports/manage/index.html", context)


# ---------------------------------------------------------------------------
# Themes


@login_required
@require_http_methods(["GET", "POST"])
def theme_new(request: AuthenticatedHttpRequest, partnership: str) -> HttpResponse:
    chosen = access.get_partnership_for_writer(request.user, partnership)
    form = ThemeForm(_data(request), partnership=chosen)
    if form.is_bound and form.is_valid():
        try:
            theme = actions.theme_add(chosen, by=request.user, now=timezone.now(), **form.values())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"The theme '{theme.name}' has been added.")
            return redirect(_index(chosen))
    return _form_page(request, form, partnership=chosen, title="Add a strategy theme", submit="Add the theme")


# ---------------------------------------------------------------------------
# Indicators


@login_required
@require_http_methods(["GET", "POST"])
def indicator_new(request: AuthenticatedHttpRequest, partnership: str) -> HttpResponse:
    chosen = access.get_partnership_for_writer(request.user, partnership)
    form = IndicatorForm(_data(request), partnership=chosen)
    if form.is_bound and form.is_valid():
        try:
            indicator = actions.indicator_add(chosen, by=request.user, now=timezone.now(), **form.values())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"The indicator {indicator} has been added.")
            return redirect(_index(chosen))
    return _form_page(request, form, partnership=chosen, title="Add an indicator", submit="Add the indicator")


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: AuthenticatedHttpRequest, partnership: str, pk: int) -> HttpResponse:
    indicator = access.get_indicator_for_writer(request.user, partnership, pk)
    chosen = indicator.partnership
    form = IndicatorForm(_data(request), partnership=chosen, indicator=indicator)
    if form.is_bound and form.is_valid():
        try:
            actions.indicator_update(indicator, form.values(), by=request.user, now=timezone.now())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"The indicator {indicator} has been changed.")
            return redirect(_index(chosen))
    return _form_page(
        request,
        form,
        partnership=chosen,
        title=f"Change the indicator {indicator.code}",
        caption=f"{chosen.name}: {indicator.title}",
        submit="Save the changes",
    )


# ---------------------------------------------------------------------------
# Figures: actuals and targets


def _latest_by_period(model: type[IndicatorValue] | type[IndicatorTarget], indicator: Indicator) -> dict[dt.date, Any]:
    """What counts now for each period of the indicator: the latest row of each (one query)."""
    latest: dict[dt.date, Any] = {}
    for row in model.objects.filter(indicator=indicator).order_by("period_start", "recorded_at", "pk"):
        latest[row.period_start] = row
    return latest


def _figure_errors(form: FigureForm, error: ValidationError) -> None:
    """A refusal about the period goes on the radios, or on the period typed in."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, errors in error.error_dict.items():
        if key == "period":
            form.add_error(form.period_field, errors)
        else:
            form.add_error(key if key in form.fields and key != NON_FIELD_ERRORS else None, errors)


def _figure_page(
    request: AuthenticatedHttpRequest,
    form: FigureForm,
    indicator: Indicator,
    *,
    title: str,
    submit: str,
    correction: Any,
    actual: bool,
) -> HttpResponse:
    """The actual or target form; ``correction``: the figure a typed-in period would
    replace, which the page asks the officer to confirm."""
    return _form_page(
        request,
        form,
        partnership=indicator.partnership,
        title=title,
        caption=f"{indicator.code} {indicator.title}",
        submit=submit,
        template="reports/manage/figure.html",
        indicator=indicator,
        period_field=form["period"],
        other_field=form["other_period"],
        other_chosen=form["period"].value() == "other",
        correction=correction,
        correction_of=form.chosen if correction is not None else None,
        correction_value=figure(correction.value) if correction is not None else "",
        actual=actual,
    )


@login_required
@require_http_methods(["GET", "POST"])
def value_record(request: AuthenticatedHttpRequest, partnership: str, pk: int) -> HttpResponse:
    """Record an actual. For a period that has one already it is a correction: the radio
    says what it replaces, and a period typed in is confirmed first."""
    indicator = access.get_indicator_for_writer(request.user, partnership, pk)
    now = timezone.now()
    kind = indicator.period_kind
    periods = recent_periods(
        kind, timezone.localdate(now), before=ACTUAL_QUARTERS if kind == QUARTER else ACTUAL_YEARS, after=0
    )
    existing = _latest_by_period(IndicatorValue, indicator)
    form = ValueForm(
        _data(request),
        indicator=indicator,
        periods=periods,
        existing=existing,
        initial=FigureForm.initial_for(periods, request.GET.get("period", "")[:40]),
    )
    correction = None
    if form.is_bound and form.is_valid() and form.chosen is not None:
        correction = form.unconfirmed_correction()
        if correction is None:
            replaced = form.replaces()
            data = form.cleaned_data
            try:
                actions.value_record(
                    indicator,
                    period=form.chosen,
                    value=data["value"],
                    provisional=data["provisional"],
                    note=data["note"],
                    by=request.user,
                    now=now,
                )
            except ValidationError as error:
                _figure_errors(form, error)
            else:
                what = f"{indicator.code} for {form.chosen}: {figure(data['value'])}"
                if replaced is not None:
                    messages.success(request, f"Corrected {what}, in place of {figure(replaced.value)}.")
                else:
                    messages.success(request, f"Recorded {what}.")
                return redirect(_index(indicator.partnership))
    return _figure_page(
        request,
        form,
        indicator,
        title="Record an actual",
        submit="Record the correction" if correction is not None else "Record the actual",
        correction=correction,
        actual=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_record(request: AuthenticatedHttpRequest, partnership: str, pk: int) -> HttpResponse:
    """Set the target for a period; a new target for a period replaces the old one."""
    indicator = access.get_indicator_for_writer(request.user, partnership, pk)
    now = timezone.now()
    if indicator.period_kind == QUARTER:
        before, after = TARGET_QUARTERS_BEFORE, TARGET_QUARTERS_AFTER
    else:
        before, after = TARGET_YEARS_BEFORE, TARGET_YEARS_AFTER
    periods = recent_periods(indicator.period_kind, timezone.localdate(now), before=before, after=after)
    existing = _latest_by_period(IndicatorTarget, indicator)
    form = TargetValueForm(
        _data(request),
        indicator=indicator,
        periods=periods,
        existing=existing,
        initial=FigureForm.initial_for(periods, request.GET.get("period", "")[:40]),
    )
    correction = None
    if form.is_bound and form.is_valid() and form.chosen is not None:
        correction = form.unconfirmed_correction()
        if correction is None:
            replaced = form.replaces()
            data = form.cleaned_data
            try:
                actions.target_record(
                    indicator, period=form.chosen, value=data["value"], note=data["note"], by=request.user, now=now
                )
            except ValidationError as error:
                _figure_errors(form, error)
            else:
                what = f"the target of {indicator.code} for {form.chosen}: {figure(data['value'])}"
                if replaced is not None:
                    messages.success(request, f"Changed {what}, in place of {figure(replaced.value)}.")
                else:
                    messages.success(request, f"Set {what}.")
                return redirect(_index(indicator.partnership))
    return _figure_page(
        request,
        form,
        indicator,
        title="Set a target",
        submit="Replace the target" if correction is not None else "Set the target",
        correction=correction,
        actual=False,
    )


# ---------------------------------------------------------------------------
# Upload of actuals


@login_required
@require_http_methods(["GET", "POST"])
def values_upload(request: AuthenticatedHttpRequest, partnership: str) -> HttpResponse:
    """A CSV file of actuals: every problem listed with its row number, and nothing
    imported unless every row is right (actions.values_import: all or none)."""
    chosen = access.get_partnership_for_writer(request.user, partnership)
    now = timezone.now()
    form = ValuesUploadForm(
        _data(request), request.FILES if request.method == "POST" else None, partnership=chosen, now=now
    )
    row_errors: list[imports.RowError] = []
    if form.is_bound and form.is_valid() and form.checked is not None:
        row_errors = list(form.checked.errors)
        if not row_errors:
            try:
                count = actions.values_import(chosen, form.checked.rows, by=request.user, now=now)
            except ValidationError as error:
                row_errors = imports.row_errors_from(error)
            else:
                messages.success(request, f"{count:,} figure{'s' if count != 1 else ''} uploaded for {chosen.name}.")
                return redirect(_index(chosen))
        rows = len({error.line for error in row_errors})
        form.add_error(
            "file",
            f"The file has problems in {rows:,} row{'s' if rows != 1 else ''}, so nothing has been imported. "
            "Correct the rows listed and upload the file again",
        )
    return _form_page(
        request,
        form,
        partnership=chosen,
        title="Upload actuals from a CSV file",
        submit="Upload the file",
        template="reports/manage/upload.html",
        row_errors=row_errors,
        header=imports.HEADER,
        max_rows=imports.MAX_ROWS,
        multipart=True,
    )


@login_required
@require_safe
def values_template(request: AuthenticatedHttpRequest, partnership: str) -> HttpResponse:
    """A CSV file to fill in: the header, and a row for each indicator's last period."""
    chosen = access.get_partnership_for_writer(request.user, partnership)
    indicators = Indicator.objects.filter(partnership=chosen).order_by("code")
    response = HttpResponse(
        imports.template_csv(indicators, timezone.localdate()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{chosen.slug}-actuals.csv"'
    return response


# ---------------------------------------------------------------------------
# Targets and their delivery chains


@login_required
@require_http_methods(["GET", "POST"])
def chain_target_new(request: AuthenticatedHttpRequest, partnership: str) -> HttpResponse:
    chosen = access.get_partnership_for_writer(request.user, partnership)
    form = ChainTargetForm(_data(request), partnership=chosen)
    if form.is_bound and form.is_valid():
        try:
            target = actions.chain_target_add(chosen, by=request.user, now=timezone.now(), **form.values())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"The target {target} has been added. Now set its delivery chain.")
            return redirect("reports:chain_links", partnership=chosen.slug, pk=target.pk)
    return _form_page(request, form, partnership=chosen, title="Add a target", submit="Add the target")


@login_required
@require_http_methods(["GET", "POST"])
def chain_target_edit(request: AuthenticatedHttpRequest, partnership: str, pk: int) -> HttpResponse:
    target = access.get_target_for_writer(request.user, partnership, pk)
    chosen = target.partnership
    form = ChainTargetForm(_data(request), partnership=chosen, target=target)
    if form.is_bound and form.is_valid():
        try:
            actions.chain_target_update(target, form.values(), by=request.user, now=timezone.now())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"The target {target} has been changed.")
            return redirect(_index(chosen))
    return _form_page(
        request, form, partnership=chosen, title=f"Change the target {target.code}", submit="Save the changes"
    )


def _chain_choices(partnership: Partnership) -> list[LinkChoices]:
    """What a target's delivery chain may link to, in groups: the partnership's
    indicators by theme; the boards of the partnership and of its child partnerships
    (its delivery groups); their decisions and their meeting actions by board. One
    query for each kind, whatever the number of options."""
    boards_q = Q(partnership=partnership) | Q(partnership__parent=partnership)
    indicators = Indicator.objects.filter(partnership=partnership)
    boards = Board.objects.filter(boards_q)
    decisions = Proposal.objects.filter(board__in=boards)
    meeting_actions = Action.objects.filter(meeting__board__in=boards)

    by_theme: dict[str, list[Any]] = defaultdict(list)
    for indicator in indicators.select_related("theme").order_by("theme__position", "theme__name", "code"):
        by_theme[indicator.theme.name if indicator.theme else "Not in a theme"].append(
            (indicator, f"{indicator.code} {indicator.title}", "")
        )
    by_partnership: dict[str, list[Any]] = defaultdict(list)
    own_first = Case(When(partnership=partnership, then=0), default=1)
    for board in boards.select_related("partnership").order_by(own_first, "partnership__name", "name"):
        by_partnership[board.partnership.name].append((board, board.name, board.get_layer_display()))
    by_board: dict[str, list[Any]] = defaultdict(list)
    for proposal in decisions.select_related("board__partnership").order_by(
        "board__partnership__name", "board__name", "-created_at", "-pk"
    ):
        by_board[f"{proposal.board.name}, {proposal.board.partnership.name}"].append(
            (proposal, proposal.title, f"{proposal.get_status_display()}, put on {long_date(proposal.created_at)}")
        )
    actions_by_board: dict[str, list[Any]] = defaultdict(list)
    for action in meeting_actions.select_related("meeting__board__partnership", "owner").order_by(
        "meeting__board__partnership__name", "meeting__board__name", "-due_date", "-pk"
    ):
        board = action.meeting.board
        actions_by_board[f"{board.name}, {board.partnership.name}"].append(
            (
                action,
                str(action),
                f"{action.owner.name}; due {long_date(action.due_date)}; {action.get_status_display().lower()}",
            )
        )
    return [
        LinkChoices(
            "indicators",
            "Indicators that measure it",
            f"The indicators of {partnership.name}, by theme.",
            indicators,
            list(by_theme.items()),
        ),
        LinkChoices(
            "delivery_groups",
            "Delivery groups",
            f"The boards of {partnership.name} and of the partnerships under it.",
            boards,
            list(by_partnership.items()),
        ),
        LinkChoices(
            "decisions",
            "Decisions that serve it",
            "Proposals put to those boards, by board.",
            decisions,
            list(by_board.items()),
        ),
        LinkChoices(
            "actions",
            "Actions that serve it",
            "Actions agreed at meetings of those boards, by board.",
            meeting_actions,
            list(actions_by_board.items()),
        ),
    ]


CHAIN_LINKS = {
    "indicators": "indicator_id",
    "delivery_groups": "board_id",
    "decisions": "proposal_id",
    "actions": "action_id",
}


def _links_of(target: Target) -> dict[str, list[int]]:
    """The ids the target's delivery chain links to, by kind: one UNION of its four
    link tables."""
    tables = [
        getattr(Target, name)
        .through.objects.filter(target=target)
        .annotate(kind=Value(name, output_field=CharField()), linked=F(column))
        .values_list("kind", "linked")
        .order_by()
        for name, column in CHAIN_LINKS.items()
    ]
    links: dict[str, list[int]] = {name: [] for name in CHAIN_LINKS}
    for kind, linked in tables[0].union(*tables[1:], all=True):
        links[kind].append(linked)
    return links


@login_required
@require_http_methods(["GET", "POST"])
def chain_links(request: AuthenticatedHttpRequest, partnership: str, pk: int) -> HttpResponse:
    """Set the delivery chain of a target (actions.chain_link replaces the links)."""
    target = access.get_target_for_writer(request.user, partnership, pk)
    chosen = target.partnership
    form = ChainLinkForm(_data(request), kinds=_chain_choices(chosen), initial=_links_of(target))
    if form.is_bound and form.is_valid():
        try:
            actions.chain_link(target, by=request.user, now=timezone.now(), **form.values())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"The delivery chain of {target} has been saved.")
            return redirect(_index(chosen))
    return _form_page(
        request,
        form,
        partnership=chosen,
        title="Set the delivery chain",
        caption=f"{target.code} {target.title}",
        submit="Save the delivery chain",
        template="reports/manage/chain.html",
        kinds=form.grouped(),
    )


# ---------------------------------------------------------------------------
# Risks


@login_required
@require_http_methods(["GET", "POST"])
def risk_new(request: AuthenticatedHttpRequest, partnership: str) -> HttpResponse:
    chosen = access.get_partnership_for_writer(request.user, partnership)
    today = timezone.localdate()
    initial: dict[str, Any] = {"reviewed_on": today}
    if (theme := request.GET.get("theme", "")).isdigit():
        initial["theme"] = int(theme[:18])
    form = RiskAddForm(_data(request), partnership=chosen, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            risk = actions.risk_add(form.cleaned_data["theme"], by=request.user, now=timezone.now(), **form.values())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"The risk '{risk.title}' has been added to the register.")
            return redirect(_index(chosen))
    return _form_page(request, form, partnership=chosen, title="Add a risk", submit="Add the risk")


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request: AuthenticatedHttpRequest, partnership: str, pk: int) -> HttpResponse:
    risk = access.get_risk_for_writer(request.user, partnership, pk)
    chosen = risk.theme.partnership
    form = RiskForm(_data(request), partnership=chosen, risk=risk)
    if form.is_bound and form.is_valid():
        try:
            actions.risk_update(risk, form.values(), by=request.user, now=timezone.now())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"The risk '{risk.title}' has been changed.")
            return redirect(_index(chosen))
    return _form_page(
        request, form, partnership=chosen, title="Change the risk", caption=risk.title, submit="Save the changes"
    )


def _risk_facts(risk: Risk) -> list[tuple[str, str]]:
    latest = risk.reviews.order_by("-reviewed_on", "-recorded_at", "-pk").first()
    facts = [("Theme", risk.theme.name), ("Owner", risk.owner), ("Opened", long_date(risk.opened_on))]
    if latest is not None:
        facts += [
            ("Last review", long_date(latest.reviewed_on)),
            ("Rating then", f"Likelihood {latest.likelihood} × impact {latest.impact} = {latest.score} ({latest.rag})"),
            ("Next review due", long_date(latest.next_review_on)),
        ]
    if risk.closed_on:
        facts.append(("Closed", long_date(risk.closed_on)))
    return facts


@login_required
@require_http_methods(["GET", "POST"])
def risk_review(request: AuthenticatedHttpRequest, partnership: str, pk: int) -> HttpResponse:
    risk = access.get_risk_for_writer(request.user, partnership, pk)
    chosen = risk.theme.partnership
    latest = risk.reviews.order_by("-reviewed_on", "-recorded_at", "-pk").first()
    initial: dict[str, Any] = {"reviewed_on": timezone.localdate()}
    if latest is not None:
        initial |= {"likelihood": latest.likelihood, "impact": latest.impact, "mitigation": latest.mitigation}
    form = RiskReviewForm(_data(request), initial=initial)
    if form.is_bound and form.is_valid():
        try:
            review = actions.risk_review(risk, by=request.user, now=timezone.now(), **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request,
                f"The review of '{risk.title}' is recorded: likelihood {review.likelihood} × impact "
                f"{review.impact} = {review.score}. Next review {long_date(review.next_review_on)}.",
            )
            return redirect(_index(chosen))
    return _form_page(
        request,
        form,
        partnership=chosen,
        title="Review the risk",
        caption=risk.title,
        submit="Record the review",
        facts=_risk_facts(risk),
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_close(request: AuthenticatedHttpRequest, partnership: str, pk: int) -> HttpResponse:
    risk = access.get_risk_for_writer(request.user, partnership, pk)
    chosen = risk.theme.partnership
    form = RiskCloseForm(_data(request), initial={"closed_on": timezone.localdate()})
    if form.is_bound and form.is_valid():
        try:
            actions.risk_close(risk, closed_on=form.cleaned_data["closed_on"], by=request.user, now=timezone.now())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"The risk '{risk.title}' is closed. It stays on record with its reviews.")
            return redirect(_index(chosen))
    return _form_page(
        request,
        form,
        partnership=chosen,
        title="Close the risk",
        caption=risk.title,
        submit="Close the risk",
        facts=_risk_facts(risk),
    )
