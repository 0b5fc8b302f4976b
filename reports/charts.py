"""Charts for the report pages, drawn on the server as SVG: no script, and no style
attribute or element (the site's Content Security Policy allows neither). Colours and
lines are SVG presentation attributes (fill, stroke, stroke-dasharray), which the
project's CSS can override through the class names.

Each chart is an image to assistive technology (role="img") named by its <title> and
described by its <desc>: the text summary that ``chart_summary`` / ``rag_summary``
return, which a page can print too. Ratings are written as words as well as shown in
colour, and every text is dark on white (WCAG AA) whatever the colour beside it.
Every label is escaped: they come from users.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import rag

Point = tuple[str, float | Decimal | None, float | Decimal | None]  # (period label, actual, target)

# GOV.UK colours. Text is always TEXT on white (19:1); the RAG colours are fills only.
TEXT = "#0b0c0c"
SECONDARY_TEXT = "#505a5f"  # 7:1 on white
GRID = "#b1b4b6"
ACTUAL = "#1d70b8"  # GOV.UK blue
TARGET = "#0b0c0c"
RAG_FILLS = {rag.GREEN: "#00703c", rag.AMBER: "#f47738", rag.RED: "#d4351c", rag.NO_DATA: "#505a5f"}
RAG_ORDER = (rag.RED, rag.AMBER, rag.GREEN, rag.NO_DATA)  # as every table of ratings lists them
NO_TARGET = "no target"

WIDTH, HEIGHT = 640, 340
LEFT, RIGHT, TOP, BOTTOM = 80, 40, 84, 56  # the plot area's margins (below the legend, the latest rating and the unit)
PRINTED_TOP = 36  # printed: room for the unit only
FONT_SIZE = 14
FONT_FAMILY = "arial, sans-serif"  # the portal's own (assets/scss/accord.scss); SVG text is serif otherwise
CHAR_WIDTH = 8  # roughly, at FONT_SIZE: to keep the period labels apart
INSET = 16  # the first and last points sit this far inside the plot area
CLAMP = 1e300  # beyond any figure, and far enough from overflow
_UNITLESS = {"", "number", "numbers", "count", "no.", "n"}
_CURRENCIES = ("£", "$", "€")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ID = re.compile(r"[^A-Za-z0-9_-]+")


# --- Text --------------------------------------------------------------------------------


def _esc(text: object) -> str:
    """Text for SVG: escaped for XML and HTML, without characters XML cannot hold."""
    return str(escape(_NOT_XML.sub("", str(text))))


def _chart_id(chart_id: str) -> str:
    cleaned = _ID.sub("-", chart_id).strip("-")
    return cleaned if cleaned[:1].isalpha() else f"chart-{cleaned}".rstrip("-")


def _value(value: object) -> float | None:
    """A figure as a float; None for no figure (None, NaN, infinity, not a number)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    return max(-CLAMP, min(CLAMP, number))


def _places(values: Sequence[float]) -> int:
    """Whole numbers are written without decimals, anything else to one place."""
    return 0 if all(value == int(value) for value in values) else 1


def _with_unit(value: float, number: str, unit: str) -> str:
    """``number`` (the absolute value, written) with its sign and unit: "-£1,200", "61.0%",
    "3 per 1,000"."""
    sign = "-" if value < 0 and any(digit in "123456789" for digit in number) else ""
    unit = unit.strip()
    if unit in _CURRENCIES:
        return f"{sign}{unit}{number}"
    if unit == "%":
        return f"{sign}{number}%"
    if unit.casefold() in _UNITLESS:
        return f"{sign}{number}"
    return f"{sign}{number} {unit}"


def format_figure(value: float, unit: str, places: int) -> str:
    """61.04 with "%" -> "61.0%"; 1200 with "£" -> "£1,200"; 3 with "per 1,000" -> "3 per 1,000"."""
    exact = Decimal(repr(abs(value)))  # as written, so that 3.25 rounds up as it reads
    with localcontext() as context:
        context.prec = max(28, exact.adjusted() + places + 2)
        rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return _with_unit(value, f"{rounded:,f}", unit)


def _rating(actual: float | None, target: float | None, higher_is_better: bool, amber_tolerance: float) -> str:
    if actual is None:
        return rag.NO_DATA
    if target is None:
        return NO_TARGET
    return rag.indicator_rag(actual, target, higher_is_better=higher_is_better, amber_tolerance=amber_tolerance)


def _clean_points(points: Sequence[Point]) -> list[tuple[str, float | None, float | None]]:
    return [(str(label), _value(actual), _value(target)) for label, actual, target in points]


def _latest(cleaned: Sequence[tuple[str, float | None, float | None]]) -> int:
    """The index of the latest period with an actual (a period begun but not yet
    reported, with only its target, is not "the latest"); the last when none has one."""
    with_actual = [index for index, (_, actual, _) in enumerate(cleaned) if actual is not None]
    return with_actual[-1] if with_actual else len(cleaned) - 1


def chart_summary(
    points: Sequence[Point],
    *,
    unit: str,
    higher_is_better: bool,
    places: int | None = None,
    amber_tolerance: float = 0.05,
) -> str:
    """The trend chart in words, as its <desc> says it: "Actual rose from 61.0% in Q1
    2023/24 to 67.5% in Q2 2025/26; target 70.0%. Rated amber for Q2 2025/26 (higher is
    better)." Figures are written to ``places`` (default: none when every figure is whole,
    otherwise one)."""
    cleaned = _clean_points(points)
    if not cleaned:
        return "There are no periods to show."
    figures = [value for _, actual, target in cleaned for value in (actual, target) if value is not None]
    places = _places(figures) if places is None else places

    def fmt(value: float) -> str:
        return format_figure(value, unit, places)

    actuals = [(label, actual) for label, actual, _ in cleaned if actual is not None]
    first_label, last_label = cleaned[0][0], cleaned[-1][0]
    span = first_label if len(cleaned) == 1 else f"{first_label} to {last_label}"
    if not actuals:
        sentence = f"There are no actual figures for {span}"
    elif len(actuals) == 1:
        sentence = f"Actual {fmt(actuals[0][1])} in {actuals[0][0]}"
    else:
        (start_label, start), (end_label, end) = actuals[0], actuals[-1]
        if fmt(start) == fmt(end):
            sentence = f"Actual unchanged at {fmt(end)} from {start_label} to {end_label}"
        else:
            verb = "rose" if end > start else "fell"
            sentence = f"Actual {verb} from {fmt(start)} in {start_label} to {fmt(end)} in {end_label}"

    targets = [(label, target) for label, _, target in cleaned if target is not None]
    if not targets:
        sentence += "; no target set."
    elif len({fmt(target) for _, target in targets}) == 1:
        sentence += f"; target {fmt(targets[-1][1])}."
    else:
        sentence += f"; target {fmt(targets[-1][1])} in {targets[-1][0]}."

    last_label, last_actual, last_target = cleaned[_latest(cleaned)]
    rating = _rating(last_actual, last_target, higher_is_better, amber_tolerance)
    better = "higher" if higher_is_better else "lower"
    if rating == rag.NO_DATA:
        sentence += f" There is no figure for {last_label}, so it has no rating."
    elif rating == NO_TARGET:
        sentence += f" There is no target for {last_label}, so it has no rating."
    else:
        sentence += f" Rated {rating} for {last_label} ({better} is better)."
    missing = sum(1 for _, actual, _ in cleaned if actual is None)
    if actuals and missing:
        sentence += f" No figure for {missing} of {len(cleaned)} periods."
    return sentence


def rag_summary(counts: Mapping[str, int]) -> str:
    """ "Red 1, amber 3, green 12, no data 2: 18 in all." """
    checked = _rag_counts(counts)
    parts = ", ".join(f"{rating} {checked[rating]}" for rating in RAG_ORDER)
    total = sum(checked.values())
    return f"{parts[0].upper()}{parts[1:]}: {total} in all."


def _rag_counts(counts: Mapping[str, int]) -> dict[str, int]:
    unknown = set(counts) - set(RAG_ORDER)
    if unknown:
        raise ValueError(f"not a RAG rating: {', '.join(sorted(map(repr, unknown)))}")
    checked = {rating: int(counts.get(rating, 0)) for rating in RAG_ORDER}
    if any(count < 0 for count in checked.values()):
        raise ValueError("a count cannot be negative")
    return checked


# --- Scales ------------------------------------------------------------------------------


def _nice_step(raw: float) -> tuple[float, int]:
    """A round step (1, 2, 2.5 or 5 times a power of ten) of at least ``raw``, and the
    decimal places its multiples need."""
    exponent = math.floor(math.log10(raw))
    fraction = raw / 10.0**exponent
    for nice in (1.0, 2.0, 2.5, 5.0, 10.0):
        if fraction <= nice * (1 + 1e-9):
            break
    if nice == 10.0:
        nice, exponent = 1.0, exponent + 1
    places = max(0, -exponent) + (1 if nice == 2.5 else 0)
    return nice * 10.0**exponent, places


def axis(values: Sequence[float], ticks: int = 5) -> tuple[float, float, list[float], int]:
    """The low and high ends of a y axis that holds ``values``, its tick values and the
    places their labels need. One value, or all equal, get room around them; the ends
    are round numbers."""
    low, high = min(values), max(values)
    size = max(abs(low), abs(high))
    if high - low <= size * 1e-9 or high - low < 1e-300:
        pad = size * 0.1 or 1.0
        low, high = low - pad, high + pad
    step, places = _nice_step((high - low) / (ticks - 1))
    start = math.floor(low / step) * step
    stop = math.ceil(high / step) * step
    count = min(20, round((stop - start) / step))
    return start, start + count * step, [start + index * step for index in range(count + 1)], places


def tick_label(value: float, unit: str, places: int, size: float) -> str:
    """A y-axis label: "60%", "£1,200", "1.5m", "2bn" (big numbers compact); a unit other
    than % or a currency is written once, above the axis, not on every label."""
    shown = unit.strip() if unit.strip() in (*_CURRENCIES, "%") else ""
    if abs(value) < 1e-9 * size:
        value = 0.0  # not -0.0 or 1e-17 from adding up steps
    for divisor, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if size >= divisor:
            scaled = abs(value) / divisor
            if size >= divisor * 1e6:
                return _with_unit(value, f"{scaled * divisor:.1e}", shown)
            decimals = next(d for d in (0, 1, 2, 3) if d == 3 or abs(scaled * 10**d - round(scaled * 10**d)) < 1e-6)
            return _with_unit(value, f"{scaled:,.{decimals}f}{suffix}", shown)
    return format_figure(value, shown, places)


# --- Drawing -----------------------------------------------------------------------------


def _f(number: float) -> str:
    return f"{number:.1f}".rstrip("0").rstrip(".")


def _svg_open(chart_id: str, kind: str, height: int, title: str, summary: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'preserveAspectRatio="xMidYMid meet" role="img" id="{chart_id}" class="app-chart app-chart--{kind}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="{FONT_FAMILY}" font-size="{FONT_SIZE}" '
        f'fill="{TEXT}">',
        f'<title id="{chart_id}-title">{_esc(title)}</title>',
        f'<desc id="{chart_id}-desc">{_esc(summary)}</desc>',
    ]


def _runs(values: Sequence[tuple[float, float | None]]) -> list[list[tuple[float, float]]]:
    """The unbroken stretches of (x, y) where y is not None: a gap breaks the line."""
    runs: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for x, y in values:
        if y is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((x, y))
    if current:
        runs.append(current)
    return runs


def _path(run: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{'M' if index == 0 else 'L'}{_f(x)} {_f(y)}" for index, (x, y) in enumerate(run))


def trend_chart(
    points: Sequence[Point],
    *,
    title: str,
    unit: str,
    higher_is_better: bool,
    chart_id: str,
    amber_tolerance: float = 0.05,
    places: int | None = None,
    printed: bool = False,
) -> SafeString:
    """A line chart of an indicator's actuals (a solid line, broken where a period has
    no figure) against its targets (a dashed line), oldest period first. The latest
    period's rating is written as a word beside a marker in its colour. Figures are in
    ``unit`` as stored (61.0 with "%" is 61.0%). ``chart_id`` must be unique on the page.

    ``printed``: for the PDF, where a page holds many charts beside a table that gives
    each rating: no legend or latest rating (the page says them once, and its table
    rates each indicator) and no tooltips, which paper cannot show and WeasyPrint
    would still lay out."""
    cleaned = _clean_points(points)
    chart_id = _chart_id(chart_id)
    summary = chart_summary(
        points, unit=unit, higher_is_better=higher_is_better, places=places, amber_tolerance=amber_tolerance
    )
    parts = _svg_open(chart_id, "trend", HEIGHT, title, summary)
    x0, x1, y0, y1 = LEFT, WIDTH - RIGHT, PRINTED_TOP if printed else TOP, HEIGHT - BOTTOM

    figures = [value for _, actual, target in cleaned for value in (actual, target) if value is not None]
    rating = rag.NO_DATA
    latest = _latest(cleaned)
    if cleaned:
        last_label, last_actual, last_target = cleaned[latest]
        rating = _rating(last_actual, last_target, higher_is_better, amber_tolerance)
    if not printed:
        # The legend, and the latest period's rating in words.
        parts.append('<g class="app-chart__legend">')
        parts.append(f'<line x1="{LEFT}" y1="20" x2="{LEFT + 28}" y2="20" stroke="{ACTUAL}" stroke-width="3"/>')
        parts.append(f'<text x="{LEFT + 36}" y="25">Actual</text>')
        parts.append(
            f'<line x1="{LEFT + 110}" y1="20" x2="{LEFT + 138}" y2="20" stroke="{TARGET}" stroke-width="2" '
            'stroke-dasharray="6 4"/>'
        )
        parts.append(f'<text x="{LEFT + 146}" y="25">Target</text>')
        parts.append("</g>")
        if cleaned:
            word = "No data" if rating == rag.NO_DATA else rating.capitalize()
            fill = RAG_FILLS.get(rating, RAG_FILLS[rag.NO_DATA])
            parts.append(f'<g class="app-chart__latest app-chart__latest--{rating.replace(" ", "-")}">')
            parts.append(f'<circle cx="{LEFT + 6}" cy="46" r="6" fill="{fill}"/>')
            parts.append(f'<text x="{LEFT + 18}" y="51">Latest, {_esc(last_label)}: {_esc(word)}</text>')
            parts.append("</g>")

    # The y axis: grid lines and labels; a stronger line at zero when zero is in range.
    if figures:
        low, high, ticks, tick_places = axis(figures)
        size = max(abs(low), abs(high))

        def y_of(value: float) -> float:
            return y1 - (value - low) / (high - low) * (y1 - y0)

        parts.append('<g class="app-chart__axis app-chart__axis--y">')
        for tick in ticks:
            y = y_of(tick)
            parts.append(f'<line x1="{x0}" y1="{_f(y)}" x2="{x1}" y2="{_f(y)}" stroke="{GRID}" stroke-width="1"/>')
            parts.append(
                f'<text x="{x0 - 8}" y="{_f(y + 5)}" text-anchor="end">{_esc(tick_label(tick, unit, tick_places, size))}</text>'
            )
        if low < 0 < high:
            parts.append(
                f'<line x1="{x0}" y1="{_f(y_of(0))}" x2="{x1}" y2="{_f(y_of(0))}" stroke="{TEXT}" stroke-width="1"/>'
            )
        parts.append("</g>")
        if unit.strip() and unit.strip() not in (*_CURRENCIES, "%") and unit.strip().casefold() not in _UNITLESS:
            parts.append(
                f'<text class="app-chart__unit" x="{x0 - 8}" y="{y0 - 12}" fill="{SECONDARY_TEXT}">{_esc(unit)}</text>'
            )

    # The x axis: a tick per period, labels thinned so that they do not overlap (the
    # latest always shown).
    count = len(cleaned)
    inner0, inner1 = x0 + INSET, x1 - INSET

    def x_of(index: int) -> float:
        return (inner0 + inner1) / 2 if count == 1 else inner0 + index * (inner1 - inner0) / (count - 1)

    parts.append('<g class="app-chart__axis app-chart__axis--x">')
    parts.append(f'<line x1="{x0}" y1="{y1}" x2="{x1}" y2="{y1}" stroke="{TEXT}" stroke-width="1"/>')
    if count:
        longest = max(len(label) for label, _, _ in cleaned) * CHAR_WIDTH + 12
        room = (inner1 - inner0) / max(count - 1, 1)
        every = max(1, math.ceil(longest / room)) if count > 1 else 1
        for index, (label, _, _) in enumerate(cleaned):
            x = x_of(index)
            parts.append(f'<line x1="{_f(x)}" y1="{y1}" x2="{_f(x)}" y2="{y1 + 6}" stroke="{TEXT}" stroke-width="1"/>')
            if (count - 1 - index) % every == 0:
                parts.append(f'<text x="{_f(x)}" y="{y1 + 24}" text-anchor="middle">{_esc(label)}</text>')
    parts.append("</g>")

    if not figures:
        message = "There are no figures to show." if cleaned else "There are no periods to show."
        parts.append(f'<text x="{(x0 + x1) / 2}" y="{(y0 + y1) / 2}" text-anchor="middle">{message}</text>')
    else:
        actual_points = [
            (x_of(index), None if actual is None else y_of(actual)) for index, (_, actual, _) in enumerate(cleaned)
        ]
        target_points = [
            (x_of(index), None if target is None else y_of(target)) for index, (_, _, target) in enumerate(cleaned)
        ]
        # Targets: a dashed line; a target standing alone is a short dashed stroke.
        parts.append('<g class="app-chart__target">')
        for run in _runs(target_points):
            if len(run) == 1:
                (x, y) = run[0]
                run = [(x - 12, y), (x + 12, y)]
            parts.append(
                f'<path d="{_path(run)}" fill="none" stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/>'
            )
        parts.append("</g>")
        # Actuals: a solid line with a marker at each figure (so a lone figure shows).
        parts.append('<g class="app-chart__actual">')
        for run in _runs(actual_points):
            if len(run) > 1:
                parts.append(f'<path d="{_path(run)}" fill="none" stroke="{ACTUAL}" stroke-width="3"/>')
        figure_places = _places(figures) if places is None else places
        for index, (label, actual, target) in enumerate(cleaned):
            if actual is None:
                continue
            last = index == latest
            fill = RAG_FILLS.get(rating, ACTUAL) if last else ACTUAL
            radius = 6 if last else 4
            marker = f'<circle cx="{_f(x_of(index))}" cy="{_f(y_of(actual))}" r="{radius}" fill="{fill}" '
            if printed:
                marker += 'stroke="#ffffff" stroke-width="1.5"/>'
            else:
                tip = f"{label}: {format_figure(actual, unit, figure_places)}"
                if target is not None:
                    tip += f", target {format_figure(target, unit, figure_places)}"
                marker += f'stroke="#ffffff" stroke-width="1.5"><title>{_esc(tip)}</title></circle>'
            parts.append(marker)
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it is escaped by _esc


def rag_bars(counts: Mapping[str, int], *, title: str, chart_id: str) -> SafeString:
    """Horizontal bars of how many are green, amber, red and without data, each labelled
    with the rating and the count in words and figures (dark text on white, beside the
    bar, so that the colour is never the only sign). Unknown ratings or negative counts
    are a ValueError."""
    checked = _rag_counts(counts)
    chart_id = _chart_id(chart_id)
    row, bar, top = 40, 24, 8
    height = top * 2 + row * len(RAG_ORDER)
    label_end, bar_start, count_room = 96, 108, 72
    longest = max(checked.values()) or 1
    scale = (WIDTH - bar_start - count_room) / longest
    parts = _svg_open(chart_id, "rag", height, title, rag_summary(checked))
    for index, rating in enumerate(RAG_ORDER):
        count = checked[rating]
        y = top + index * row
        middle = y + row / 2
        width = count * scale
        word = "No data" if rating == rag.NO_DATA else rating.capitalize()
        parts.append(f'<g class="app-chart__bar app-chart__bar--{rating.replace(" ", "-")}">')
        parts.append(f'<text x="{label_end}" y="{_f(middle + 5)}" text-anchor="end">{word}</text>')
        if count:
            parts.append(
                f'<rect x="{bar_start}" y="{_f(middle - bar / 2)}" width="{_f(max(width, 2))}" height="{bar}" '
                f'fill="{RAG_FILLS[rating]}"/>'
            )
        parts.append(f'<text x="{_f(bar_start + width + 8)}" y="{_f(middle + 5)}">{count:,}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # the only texts are the escaped title and summary, words and counts
