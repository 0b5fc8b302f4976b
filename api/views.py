# mypy: disallow-subclassing-any=False
"""The open data API (SPEC §6, §9): read-only JSON of published data under /api/v1/,
its OpenAPI description, a docs page and CSV bulk downloads.

Every response says its licence (a ``Link: <...>; rel="license"`` header); every JSON
200 carries a weak ETag of its body and answers If-None-Match with a 304. There is no
Last-Modified: a body also shows rows other than its own (a renamed board, a person),
so no one row's time could say whether it changed; the ETag can. Anonymous clients
(everyone: there is no sign-in) are throttled per address (API_ANON_RATE). A bad query
parameter is a 400 that names it and says why.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, ClassVar, cast

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.text import compress_string
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions, serializers
from rest_framework.generics import GenericAPIView
from rest_framework.mixins import ListModelMixin
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from governance.http import accepts_gzip
from governance.pagecache import cached_for_address
from governance.site import site_url

from . import queries
from . import serializers as api
from .queries import Filters
from .throttling import rate_text

# ---------------------------------------------------------------------------
# Throttling, errors, pagination


def _messages(detail: Any) -> list[str]:
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in _messages(value)]
    if isinstance(detail, list):
        return [message for value in detail for message in _messages(value)]
    return [str(detail)]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's answer, with every error as {"detail": reason}; a 400 also lists the reason
    for each query parameter refused in "errors"."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"query": exc.detail}
        errors = {str(name): _messages(value) for name, value in detail.items()}
        reasons = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items())
        response.data = {"detail": f"The query was not understood. {reasons}", "errors": errors}
    elif not isinstance(response.data, dict) or "detail" not in response.data:
        response.data = {"detail": " ".join(_messages(response.data))}
    if isinstance(exc, NoSuchFormat):
        response.data["formats"] = exc.formats
    return response


class NoSuchFormat(exceptions.NotAcceptable):
    """A 406 that names the formats the address offers."""

    def __init__(self, detail: str, formats: list[str]) -> None:
        super().__init__(detail)
        self.formats = formats


class Negotiation(DefaultContentNegotiation):
    """DRF's content negotiation, except that a ?format= or an Accept header the address
    cannot answer is a 406 whose JSON reason names the formats it offers (DRF answers
    an unknown ?format= with a bare 404, and a bad Accept with "Could not satisfy the
    request Accept header."). The reason itself is written in JSON: DRF renders an
    error with the view's first renderer when negotiation fails."""

    def select_renderer(
        self, request: Request, renderers: list[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        formats = sorted({str(renderer.format) for renderer in renderers})
        media_types = ", ".join(dict.fromkeys(str(renderer.media_type) for renderer in renderers))
        offered = f"Formats offered: {', '.join(formats)} (format={formats[0]}, or no format; {media_types})."
        try:
            selected: tuple[BaseRenderer, str] = super().select_renderer(request, renderers, format_suffix)
        except Http404:
            asked = str(format_suffix or request.query_params.get(api_settings.URL_FORMAT_OVERRIDE, ""))[:40]
            raise NoSuchFormat(f'There is no format "{asked}" here. {offered}', formats) from None
        except exceptions.NotAcceptable:
            raise NoSuchFormat(f"Nothing here matches the Accept header. {offered}", formats) from None
        return selected


class Pagination(PageNumberPagination):
    page_size = settings.API_PAGE_SIZE
    max_page_size = settings.API_MAX_PAGE_SIZE
    page_size_query_param = "page_size"
    page_size_query_description = f"Rows a page, up to {settings.API_MAX_PAGE_SIZE} (default {settings.API_PAGE_SIZE})."
    invalid_page_message = "There is no page {page_number} of these results."

    def get_page_size(self, request: Request) -> int:
        """The page size asked for, or the default; anything but a whole number from 1
        is a 400 that says so (larger ones are capped at max_page_size)."""
        given = str(request.query_params.get(self.page_size_query_param, ""))
        if given == "":
            return int(settings.API_PAGE_SIZE)
        if not given.isdigit() or int(given) < 1:
            raise exceptions.ValidationError(
                {self.page_size_query_param: [f"Give a whole number of rows from 1 to {self.max_page_size}."]}
            )
        return min(int(given), int(settings.API_MAX_PAGE_SIZE))

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        given = request.query_params.get(self.page_query_param, "")
        if given not in ("", "last") and (not given.isdigit() or int(given) < 1):
            raise exceptions.ValidationError({self.page_query_param: ["Give a page number from 1."]})
        return super().paginate_queryset(queryset, request, view)


# ---------------------------------------------------------------------------
# The base views


def body_etag(body: bytes) -> str:
    """A weak ETag of a JSON body (the same data could be written other ways)."""
    return f'W/"{hashlib.sha256(body).hexdigest()[:40]}"'


class ApiView(APIView):
    """Read-only, the same for everyone, JSON; the licence on every response; ETags."""

    authentication_classes: ClassVar[list[Any]] = []
    content_negotiation_class = Negotiation
    http_method_names: ClassVar[list[str]] = ["get", "head", "options"]

    def throttled(self, request: Request, wait: float | None) -> None:
        raise exceptions.Throttled(
            wait, detail=f"Too many requests from this address: anonymous clients may make {rate_text()}."
        )

    def rendered(self, data: Callable[[], Any]) -> HttpResponse:
        """The answer in the format negotiated, rendered once for everyone and kept until
        the content changes, as the public pages are (governance/pagecache.py): the
        throttle and the negotiation still run for each request, and a refusal (a bad
        parameter, no such row) raised by `data` is never kept."""
        renderer = self.request.accepted_renderer
        media_type = str(self.request.accepted_media_type)

        def render() -> tuple[bytes, str]:
            body = bytes(renderer.render(data(), media_type, self.get_renderer_context()))
            return body, body_etag(body)

        def compressed() -> tuple[bytes, str]:
            body, etag = cached_for_address(self.request._request, render, variant=media_type)
            return compress_string(body), etag

        # Kept compressed too, for the clients that accept gzip: a list of 400 KB is not
        # compressed again on every request (the open data holds no secret to guard
        # against BREACH; GZipMiddleware leaves a response already encoded alone).
        gzipped = accepts_gzip(self.request._request)
        if gzipped:
            body, etag = cached_for_address(self.request._request, compressed, variant=f"{media_type}:gzip")
        else:
            body, etag = cached_for_address(self.request._request, render, variant=media_type)
        charset = getattr(renderer, "charset", None)
        response = HttpResponse(body, content_type=f"{media_type}; charset={charset}" if charset else media_type)
        response["ETag"] = etag
        if gzipped:
            response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ("Accept-Encoding",))
        return response

    def finalize_response(self, request: Request, given: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = cast(HttpResponseBase, super().finalize_response(request, given, *args, **kwargs))
        response["Link"] = f'<{settings.API_LICENCE_URL}>; rel="license"'
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if not isinstance(response, HttpResponse):  # a streamed download
            return response
        if isinstance(response, Response):
            response.render()
        # Revalidated on every use: an item made exempt must vanish at once, not linger
        # in a cache; the ETag makes the revalidation a cheap 304.
        response["Cache-Control"] = "no-cache"
        etag = response.get("ETag") or body_etag(response.content)
        response["ETag"] = etag
        conditional: HttpResponseBase | None = get_conditional_response(request._request, etag=etag, response=response)
        return conditional if conditional is not None else response


ERRORS = {
    400: OpenApiResponse(api.ErrorSerializer, description="A query parameter was refused: the reason is given."),
    404: OpenApiResponse(api.ErrorSerializer, description="No such published row, or no such page."),
    406: OpenApiResponse(
        api.ErrorSerializer, description="A ?format= or Accept header not offered: the formats offered are given."
    ),
    429: OpenApiResponse(api.ErrorSerializer, description="Too many requests: try again after Retry-After seconds."),
}


class ListView(ListModelMixin, ApiView, GenericAPIView):
    """A paged list: the query parameters validated by ``filters_class``, the rows read
    by ``read`` and turned into values by ``build`` one page at a time."""

    pagination_class = Pagination
    filters_class: ClassVar[type[serializers.Serializer]]

    def read(self, filters: Filters) -> Any:
        raise NotImplementedError

    def build(self, page: Sequence[Any]) -> list[Any]:
        raise NotImplementedError

    def filters(self) -> Filters:
        # A parameter left empty (a form's blank field) is no filter.
        data = {name: value for name, value in self.request.query_params.items() if value != ""}
        parameters = self.filters_class(data=data)
        parameters.is_valid(raise_exception=True)
        return api.to_filters(dict(parameters.validated_data))

    def list_response(self) -> HttpResponse:
        return self.rendered(self.list_data)

    def list_data(self) -> Any:
        rows = self.read(self.filters())
        page = self.paginate_queryset(rows)
        assert page is not None  # every list is paged
        data = self.get_serializer(self.build(page), many=True).data
        return self.get_paginated_response(data).data


class DetailView(ApiView, GenericAPIView):
    """One row by its API id ("<kind>-<n>"); 404 with the reason when there is none."""

    kind: ClassVar[str]
    noun: ClassVar[str]

    def find(self, pk: int) -> Any:
        raise NotImplementedError

    def build(self, rows: Sequence[Any]) -> list[Any]:
        raise NotImplementedError

    def get_row(self, id: str) -> Any:
        number = queries.parse_id(self.kind, id)
        row = self.find(number) if number is not None else None
        if row is None:
            raise exceptions.NotFound(f"There is no published {self.noun} with the id {id}.")
        return self.build([row])[0]

    def detail_response(self, id: str) -> HttpResponse:
        return self.rendered(lambda: self.get_serializer(self.get_row(id)).data)


def _id_parameter(pattern: str, example: str) -> OpenApiParameter:
    return OpenApiParameter(
        "id", OpenApiTypes.STR, OpenApiParameter.PATH, description=f"The row's id, e.g. {example}.", pattern=pattern
    )


def _list_schema(
    tag: str, summary: str, description: str, serializer: type[serializers.Serializer], filters: type
) -> Callable[[Any], Any]:
    return extend_schema(
        tags=[tag],
        summary=summary,
        description=description,
        parameters=[filters],
        responses={200: serializer(many=True), **ERRORS},
    )


def _detail_schema(
    tag: str, summary: str, serializer: type[serializers.Serializer], pattern: str, example: str
) -> Callable[[Any], Any]:
    return extend_schema(
        tags=[tag],
        summary=summary,
        parameters=[_id_parameter(pattern, example)],
        responses={200: serializer, 404: ERRORS[404], 406: ERRORS[406], 429: ERRORS[429]},
    )


# ---------------------------------------------------------------------------
# Organizations


class OrganizationList(ListView):
    serializer_class = api.OrganizationSerializer
    filters_class = api.OrganizationFilters

    def read(self, filters: Filters) -> Any:
        return queries.organizations(filters)

    def build(self, rows: Sequence[Any]) -> list[Any]:
        return [queries.organization_row(row) for row in rows]

    @_list_schema(
        "organizations",
        "Partner bodies, partnerships and boards",
        "Partner bodies first, then partnerships, then boards, each by name. A board's parent is its "
        "partnership; a partnership's parent is the partnership above it in the tree.",
        api.OrganizationSerializer,
        api.OrganizationFilters,
    )
    def get(self, request: Request) -> Response:
        return self.list_response()


class OrganizationDetail(DetailView):
    serializer_class = api.OrganizationSerializer
    noun = "organization"

    def get_row(self, id: str) -> Any:
        parsed = queries.parse_organization_id(id)
        row = queries.organization(*parsed) if parsed is not None else None
        if row is None:
            raise exceptions.NotFound(f"There is no organization with the id {id}.")
        return queries.organization_row(row)

    @_detail_schema(
        "organizations", "A partner body, partnership or board", api.OrganizationSerializer,
        f"^{queries.ORGANIZATION_ID}$", "board-7",
    )  # fmt: skip
    def get(self, request: Request, id: str) -> Response:
        return self.detail_response(id)


# ---------------------------------------------------------------------------
# People and memberships


class PersonList(ListView):
    serializer_class = api.PersonSerializer
    filters_class = api.PersonFilters

    def read(self, filters: Filters) -> Any:
        return queries.people(filters)

    def build(self, rows: Sequence[Any]) -> list[Any]:
        return [queries.person_row(row) for row in rows]

    @_list_schema(
        "people",
        "People who sit on boards, deputise or hold delegations",
        "By name. partnership/board: those who hold or held a seat there, or deputised for one.",
        api.PersonSerializer,
        api.PersonFilters,
    )
    def get(self, request: Request) -> Response:
        return self.list_response()


class PersonDetail(DetailView):
    serializer_class = api.PersonSerializer
    kind, noun = queries.PERSON, "person"

    def find(self, pk: int) -> Any:
        return queries.person(pk)

    def build(self, rows: Sequence[Any]) -> list[Any]:
        return [queries.person_row(row) for row in rows]

    @_detail_schema("people", "A person", api.PersonSerializer, r"^person-[0-9]{1,18}$", "person-12")
    def get(self, request: Request, id: str) -> Response:
        return self.detail_response(id)


class MembershipList(ListView):
    serializer_class = api.MembershipSerializer
    filters_class = api.MembershipFilters

    def read(self, filters: Filters) -> Any:
        return queries.memberships(filters)

    def build(self, rows: Sequence[Any]) -> list[Any]:
        return [queries.membership_row(row) for row in rows]

    @_list_schema(
        "memberships",
        "Seats on boards, current and former, with their deputies",
        "By board, then start date. since/until: seats held at some time in the range.",
        api.MembershipSerializer,
        api.MembershipFilters,
    )
    def get(self, request: Request) -> Response:
        return self.list_response()


class MembershipDetail(DetailView):
    serializer_class = api.MembershipSerializer
    kind, noun = queries.MEMBERSHIP, "membership"

    def find(self, pk: int) -> Any:
        return queries.membership(pk)

    def build(self, rows: Sequence[Any]) -> list[Any]:
        return [queries.membership_row(row) for row in rows]

    @_detail_schema("memberships", "A seat", api.MembershipSerializer, r"^membership-[0-9]{1,18}$", "membership-9")
    def get(self, request: Request, id: str) -> Response:
        return self.detail_response(id)


# ---------------------------------------------------------------------------
# Events, vote events and decisions


class EventList(ListView):
    serializer_class = api.EventSerializer
    filters_class = api.EventFilters

    def read(self, filters: Filters) -> Any:
        return queries.events(filters)

    def build(self, rows: Sequence[Any]) -> list[Any]:
        return queries.event_rows(rows)

    @_list_schema(
        "events",
        "Meetings whose agenda is published",
        "By start. since/until: the meeting's date. updated_since: meetings changed since then (their "
        "updated_at, which every change raises) or with a paper published since.",
        api.EventSerializer,
        api.EventFilters,
    )
    def get(self, request: Request) -> Response:
        return self.list_response()


class EventDetail(DetailView):
    serializer_class = api.EventSerializer
    kind, noun = queries.EVENT, "event"

    def find(self, pk: int) -> Any:
        return queries.event(pk)

    def build(self, rows: Sequence[Any]) -> list[Any]:
        return queries.event_rows(rows)

    @_detail_schema("events", "A meeting", api.EventSerializer, r"^event-[0-9]{1,18}$", "event-4")
    def get(self, request: Request, id: str) -> Response:
        return self.detail_response(id)


class VoteEventList(ListView):
    serializer_class = api.VoteEventSerializer
    filters_class = api.VoteEventFilters

    def read(self, filters: Filters) -> Any:
        return queries.vote_events(filters)

    def build(self, rows: Sequence[Any]) -> list[Any]:
        return queries.vote_event_rows(rows)

    @_list_schema(
        "vote_events",
        "Rounds of decisions at published meetings",
        "One per round, by meeting start. The voters are partner organisations (or, where the memorandum "
        "gives one vote per member, the members). since/until: the meeting's date. updated_since: rounds "
        "opened, closed or with a position recorded since then.",
        api.VoteEventSerializer,
        api.VoteEventFilters,
    )
    def get(self, request: Request) -> Response:
        return self.list_response()


class VoteEventDetail(DetailView):
    serializer_class = api.VoteEventSerializer
    kind, noun = queries.VOTE_EVENT, "vote event"

    def find(self, pk: int) -> Any:
        return queries.vote_event(pk)

    def build(self, rows: Sequence[Any]) -> list[Any]:
        return queries.vote_event_rows(rows)

    @_detail_schema("vote_events", "A round", api.VoteEventSerializer, r"^vote-event-[0-9]{1,18}$", "vote-event-11")
    def get(self, request: Request, id: str) -> Response:
        return self.detail_response(id)


class DecisionList(ListView):
    serializer_class = api.DecisionSerializer
    filters_class = api.DecisionFilters

    def read(self, filters: Filters) -> Any:
        return queries.decisions(filters)

    def build(self, rows: Sequence[Any]) -> list[Any]:
        return queries.decision_rows(rows)

    @_list_schema(
        "decisions",
        "Decisions on public agenda items, with their route and history",
        "By creation. since/until: the date decided. updated_since: decisions created, with an event in "
        "their history, a ratification or a position recorded since then.",
        api.DecisionSerializer,
        api.DecisionFilters,
    )
    def get(self, request: Request) -> Response:
        return self.list_response()


class DecisionDetail(DetailView):
    serializer_class = api.DecisionSerializer
    kind, noun = queries.DECISION, "decision"

    def find(self, pk: int) -> Any:
        return queries.decision(pk)

    def build(self, rows: Sequence[Any]) -> list[Any]:
        return queries.decision_rows(rows)

    @_detail_schema("decisions", "A decision", api.DecisionSerializer, r"^decision-[0-9]{1,18}$", "decision-5")
    def get(self, request: Request, id: str) -> Response:
        return self.detail_response(id)


# ---------------------------------------------------------------------------
# Indicators


class IndicatorList(ListView):
    serializer_class = api.IndicatorSerializer
    filters_class = api.IndicatorFilters

    def read(self, filters: Filters) -> Any:
        return queries.indicators(filters)

    def build(self, rows: Sequence[Any]) -> list[Any]:
        return queries.indicator_rows(rows)

    @_list_schema(
        "indicators",
        "The indicators partnerships publish, with their figures and ratings",
        "Only the indicators a partnership has marked public. By partnership, theme and code. Each lists every "
        "period with an actual or a target, oldest first: the figures that count (the latest recorded for the "
        "period), rated as on the indicator's page. updated_since: indicators with an actual or a target "
        "recorded since then, or added since (a change to what an indicator is, or its publication, is not "
        "dated: compare the ETag).",
        api.IndicatorSerializer,
        api.IndicatorFilters,
    )
    def get(self, request: Request) -> Response:
        return self.list_response()


class IndicatorDetail(DetailView):
    serializer_class = api.IndicatorDetailSerializer
    kind, noun = queries.INDICATOR, "indicator"

    def find(self, pk: int) -> Any:
        return queries.indicator(pk)

    def build(self, rows: Sequence[Any]) -> list[Any]:
        return queries.indicator_rows(rows, recorded=True)

    @_detail_schema(
        "indicators", "A published indicator, with every actual as recorded", api.IndicatorDetailSerializer,
        r"^indicator-[0-9]{1,18}$", "indicator-12",
    )  # fmt: skip
    def get(self, request: Request, id: str) -> Response:
        return self.detail_response(id)


# ---------------------------------------------------------------------------
# The root, the docs page and the CSV downloads

ENDPOINTS = [
    ("organizations", "api:organization_list", "Partner bodies, partnerships and boards."),
    ("people", "api:person_list", "People who sit on boards or deputise."),
    ("memberships", "api:membership_list", "Seats on boards, with the organisation represented and deputies."),
    ("events", "api:event_list", "Published meetings with their agenda and documents."),
    ("vote_events", "api:vote_event_list", "Rounds of decisions: votes by partner organisation, the rule applied."),
    ("decisions", "api:decision_list", "Decisions with their route and history."),
    ("indicators", "api:indicator_list", "Published indicators: figures, targets and RAG ratings per period."),
]
DOWNLOADS = [
    ("register", "api:register_csv", "The partnership register (CSV)."),
    ("memberships", "api:memberships_csv", "Every seat on every board (CSV)."),
    ("decisions", "api:decisions_csv", "The decisions register (CSV)."),
    ("indicators", "api:indicators_csv", "Published indicators: one row per indicator and period (CSV)."),
]


class Root(ApiView):
    @extend_schema(
        tags=["root"],
        summary="The API's endpoints, licence and docs",
        description=f"Every response is released under the {settings.API_LICENCE_NAME}.",
        responses={200: api.RootSerializer, 406: ERRORS[406], 429: ERRORS[429]},
    )
    def get(self, request: Request) -> Response:
        base = site_url(request)

        def listed(entries: Iterable[tuple[str, str, str]]) -> list[dict[str, str]]:
            return [{"name": n, "url": base + reverse(u), "description": d} for n, u, d in entries]

        data = {
            "name": settings.SPECTACULAR_SETTINGS["TITLE"],
            "version": "v1",
            "licence": {"name": settings.API_LICENCE_NAME, "url": settings.API_LICENCE_URL},
            "docs": base + reverse("api:docs"),
            "openapi": base + reverse("api:openapi"),
            "endpoints": listed(ENDPOINTS),
            "downloads": listed(DOWNLOADS),
        }
        return Response(api.RootSerializer(data).data)


class OpenApi(SpectacularJSONAPIView):
    """The OpenAPI description; an unknown ?format= is a 406 naming the formats offered."""

    content_negotiation_class = Negotiation


class Docs(SpectacularSwaggerSplitView):
    """The browsable description, its assets served from this site (drf-spectacular-
    sidecar) and no inline script or style, so it runs under the site's CSP."""

    template_name = "api/docs.html"
    template_name_js = "api/docs.js"
    url_name = "api:openapi"
    title = "Accord open data API"


# Spreadsheet programs run a cell that starts with one of these (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell's text: a number (a figure, which may be negative) is written as a number,
    in full (Decimal("1200.0000") -> "1200"); any text a spreadsheet would run as a
    formula gets a leading apostrophe."""
    if isinstance(value, Decimal) and value.is_finite():
        text = f"{value:f}"
        text = text.rstrip("0").rstrip(".") if "." in text else text
        return "0" if text in ("-0", "") else text
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Line:
    """A file-like object that hands back what the csv writer writes."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list[object]]) -> Iterator[str]:
    writer = csv.writer(_Line())
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


class CsvDownload(ApiView):
    """A streamed CSV file: rows are read and written a chunk at a time."""

    filename: ClassVar[str]

    def rows(self, base: str) -> Iterator[list[object]]:
        raise NotImplementedError

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        return super().perform_content_negotiation(request, force=True)  # errors in JSON whatever is asked

    def download(self) -> StreamingHttpResponse:
        response = StreamingHttpResponse(
            csv_lines(self.rows(site_url(self.request))), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        response["Cache-Control"] = "no-cache"
        return response


def _csv_schema(summary: str) -> Callable[[Any], Any]:
    return extend_schema(
        tags=["downloads"],
        summary=summary,
        description=f"Streamed CSV with a header row, under the {settings.API_LICENCE_NAME} ({settings.API_LICENCE_URL}).",
        responses={(200, "text/csv"): OpenApiTypes.STR, 429: ERRORS[429]},
    )


class RegisterCsv(CsvDownload):
    filename = "partnership-register.csv"

    def rows(self, base: str) -> Iterator[list[object]]:
        return queries.register_csv(base)

    @_csv_schema("The partnership register")
    def get(self, request: Request) -> StreamingHttpResponse:
        return self.download()


class MembershipsCsv(CsvDownload):
    filename = "memberships.csv"

    def rows(self, base: str) -> Iterator[list[object]]:
        return queries.memberships_csv(base)

    @_csv_schema("Every seat on every board, current and former")
    def get(self, request: Request) -> StreamingHttpResponse:
        return self.download()


class DecisionsCsv(CsvDownload):
    filename = "decisions-register.csv"

    def rows(self, base: str) -> Iterator[list[object]]:
        return queries.decisions_csv(base)

    @_csv_schema("The decisions register: settled decisions")
    def get(self, request: Request) -> StreamingHttpResponse:
        return self.download()


class IndicatorsCsv(CsvDownload):
    filename = "indicators.csv"

    def rows(self, base: str) -> Iterator[list[object]]:
        return queries.indicators_csv(base)

    @_csv_schema("Published indicators: one row per indicator and period, rated")
    def get(self, request: Request) -> StreamingHttpResponse:
        return self.download()
