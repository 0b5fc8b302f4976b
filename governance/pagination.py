"""One paginator for every list page, shaped for the GOV.UK pagination component
(``templates/includes/pagination.html``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None for an ellipsis
    href: str = ""
    current: bool = False

    @property
    def ellipsis(self) -> bool:
        return self.number is None


@dataclass(frozen=True)
class Pagination:
    label: str
    previous: str
    next: str
    items: list[PageLink] = field(default_factory=list)


def paginate(
    request: HttpRequest, rows: Any, *, per_page: int, param: str = "page", anchor: str = ""
) -> tuple[Page[Any], Pagination | None]:
    """The requested page of ``rows`` (a bad or out-of-range number gives the nearest page)
    and its pagination links, which keep every other query parameter."""
    page = Paginator(rows, per_page).get_page(request.GET.get(param))
    return page, pagination(request, page, param=param, anchor=anchor)


def pagination(request: HttpRequest, page: Page[Any], *, param: str = "page", anchor: str = "") -> Pagination | None:
    """Links for the GOV.UK pagination component, or None when there is one page."""
    if page.paginator.num_pages <= 1:
        return None

    def href(number: int) -> str:
        query = request.GET.copy()
        query[param] = str(number)
        return f"?{query.urlencode()}" + (f"#{anchor}" if anchor else "")

    items = [
        PageLink(int(number), href(int(number)), current=number == page.number)
        if isinstance(number, int)
        else PageLink(None)  # Paginator.ELLIPSIS
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
    return Pagination(
        label=anchor.replace("-", " ") or "results",
        previous=href(page.previous_page_number()) if page.has_previous() else "",
        next=href(page.next_page_number()) if page.has_next() else "",
        items=items,
    )
