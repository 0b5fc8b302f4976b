"""reports/charts.py: server-side SVG that parses as XML, carries no script and no style
(strict CSP), is an accessible image named and described in words, escapes every label,
and keeps its scales sane whatever the figures."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils.safestring import SafeString

from reports.charts import RAG_FILLS, axis, chart_summary, rag_bars, rag_summary, trend_chart

SVG = "{http://www.w3.org/2000/svg}"
POINTS = [
    ("Q1 2023/24", 61.0, 70),
    ("Q2 2023/24", None, 70),
    ("Q3 2023/24", 63.2, 70),
    ("Q4 2023/24", 64.0, 70),
    ("Q1 2024/25", 65.0, None),
    ("Q2 2025/26", 67.5, 70),
]
COORDINATES = ("x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "width", "height", "r")


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def assert_safe_and_accessible(svg: str, title: str) -> ET.Element:
    assert isinstance(svg, SafeString)
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("viewBox", "").startswith("0 0 ")
    assert root.get("width") == "100%"
    labelled_by = root.get("aria-labelledby", "").split()
    ids = {element.get("id"): element for element in root.iter() if element.get("id")}
    assert [ids[name].tag for name in labelled_by] == [f"{SVG}title", f"{SVG}desc"]
    assert root[0].tag == f"{SVG}title" and root[0].text == title
    assert root[1].tag == f"{SVG}desc" and root[1].text
    for element in root.iter():
        assert element.tag not in (f"{SVG}script", f"{SVG}style", f"{SVG}foreignObject")
        assert "style" not in element.attrib
        assert not [name for name in element.attrib if name.lower().startswith("on")]
        assert not [value for value in element.attrib.values() if "javascript:" in value.lower()]
    assert "<script" not in svg and "style=" not in svg
    return root


def assert_geometry_within_the_view(root: ET.Element) -> None:
    _, _, width, height = (float(part) for part in root.get("viewBox", "").split())
    for element in root.iter():
        for name in COORDINATES:
            if name in element.attrib and element.attrib[name] != "100%":
                value = float(element.attrib[name])
                assert math.isfinite(value)
                assert -1 <= value <= max(width, height) + 1, (element.tag, name, value)
        if "d" in element.attrib:
            numbers = [float(number) for number in re.findall(r"-?[\d.]+(?:e[-+]?\d+)?", element.attrib["d"])]
            assert numbers and all(math.isfinite(number) and -1 <= number <= width + 1 for number in numbers)
        assert "nan" not in " ".join(element.attrib.values()).lower()


def relative_luminance(colour: str) -> float:
    channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_on_white(colour: str) -> float:
    return 1.05 / (relative_luminance(colour) + 0.05)


def assert_text_meets_wcag_aa(root: ET.Element) -> None:
    """Every text is drawn on white (the bars' counts sit beside them, not on them)."""
    default = root.get("fill", "#000000")
    for element in root.iter(f"{SVG}text"):
        assert contrast_on_white(element.get("fill", default)) >= 4.5


# --- trend_chart ------------------------------------------------------------------------


def test_trend_chart_is_an_accessible_image_of_the_figures() -> None:
    svg = trend_chart(POINTS, title="NI 8: adults in sport", unit="%", higher_is_better=True, chart_id="ni-8")
    root = assert_safe_and_accessible(svg, "NI 8: adults in sport")
    assert root[1].text == chart_summary(POINTS, unit="%", higher_is_better=True)
    assert root.get("id") == "ni-8"
    assert_geometry_within_the_view(root)
    assert_text_meets_wcag_aa(root)
    words = texts(root)
    assert "Actual" in words and "Target" in words
    assert "Latest, Q2 2025/26: Amber" in words  # the rating in words as well as colour
    assert "Q2 2025/26" in words  # the latest period is always labelled
    assert any(word.endswith("%") for word in words)  # the y axis
    # The actuals break where a period has no figure; the targets are dashed.
    actual = root.find(f"{SVG}g[@class='app-chart__actual']")
    target = root.find(f"{SVG}g[@class='app-chart__target']")
    assert actual is not None and target is not None
    # Q1's figure stands alone (Q2 has none): a marker without a line; Q3 to Q2 2025/26 one line.
    assert len(actual.findall(f"{SVG}path")) == 1
    assert actual.findall(f"{SVG}path")[0].get("d", "").count("L") == 3
    assert len(actual.findall(f"{SVG}circle")) == 5  # one marker per figure
    assert actual.findall(f"{SVG}circle")[-1].get("fill") == RAG_FILLS["amber"]
    assert [path.get("stroke-dasharray") for path in target.findall(f"{SVG}path")] == ["6 4", "6 4"]


def test_chart_summary_says_what_the_chart_shows() -> None:
    points = [("Q1 2023/24", 61.0, 70), ("Q2 2025/26", 67.5, 70)]
    assert chart_summary(points, unit="%", higher_is_better=True) == (
        "Actual rose from 61.0% in Q1 2023/24 to 67.5% in Q2 2025/26; target 70.0%. "
        "Rated amber for Q2 2025/26 (higher is better)."
    )
    lower = [("2023/24", 120, 100), ("2024/25", 95, 100)]
    assert chart_summary(lower, unit="", higher_is_better=False) == (
        "Actual fell from 120 in 2023/24 to 95 in 2024/25; target 100. Rated green for 2024/25 (lower is better)."
    )
    assert chart_summary(POINTS, unit="%", higher_is_better=True).endswith(" No figure for 1 of 6 periods.")


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([], "There are no periods to show."),
        ([("Q1 2025/26", None, None)], "There are no actual figures for Q1 2025/26; no target set. There is no figure"),
        ([("Q1", None, 5), ("Q2", None, 6)], "There are no actual figures for Q1 to Q2; target 6 in Q2."),
        ([("Q1", 5, None)], "Actual 5 in Q1; no target set. There is no target for Q1, so it has no rating."),
        ([("Q1", 5, 4), ("Q2", 5, 4)], "Actual unchanged at 5 from Q1 to Q2; target 4. Rated green"),
        (
            [("Q1", 5, 4), ("Q2", None, 4)],
            "Actual 5 in Q1; target 4. Rated green for Q1 (higher is better). No figure for 1 of 2 periods.",
        ),
        ([("Q1", 1500000, None)], "Actual 1,500,000 in Q1"),
    ],
)
def test_chart_summary_edge_cases(points: list, expected: str) -> None:
    assert chart_summary(points, unit="number", higher_is_better=True).startswith(expected)


def test_chart_summary_units() -> None:
    assert chart_summary([("Q1", -1200, None)], unit="£", higher_is_better=True).startswith("Actual -£1,200 in Q1")
    # Half away from zero, as the tables and downloads round (3.25 is 3.2 to Python's format).
    assert chart_summary([("Q1", 3.25, None)], unit="per 1,000", higher_is_better=True).startswith(
        "Actual 3.3 per 1,000 in Q1"
    )
    assert chart_summary([("Q1", 3.25, None)], unit="%", higher_is_better=True, places=2).startswith("Actual 3.25%")


EDGE_CASES = {
    "no periods": [],
    "all None": [("Q1", None, None), ("Q2", None, None)],
    "one point": [("Q1 2025/26", 67.5, 70.0)],
    "one lone target": [("Q1", None, 70.0)],
    "all equal": [("Q1", 5, 5), ("Q2", 5, 5), ("Q3", 5, 5)],
    "all zero": [("Q1", 0, 0), ("Q2", 0, None)],
    "negative": [("Q1", -12.5, -10), ("Q2", 3, -10), ("Q3", -0.5, None)],
    "huge": [("Q1", 1.5e15, 2e15), ("Q2", 2.5e15, 2e15)],
    "enormous": [("Q1", 1e300, None), ("Q2", -1e300, 1e308)],
    "tiny": [("Q1", 1e-9, None), ("Q2", 2e-9, None)],
    "not finite": [("Q1", float("nan"), float("inf")), ("Q2", 4, float("-inf"))],
    "decimals": [("Q1", Decimal("61.5000"), Decimal("70")), ("Q2", Decimal("NaN"), None)],
    "many periods": [(f"Q{n % 4 + 1} {2000 + n // 4}/{(2001 + n // 4) % 100:02d}", n * 1.5, 50) for n in range(80)],
}


@pytest.mark.parametrize("points", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_trend_chart_scales_hold_for_awkward_figures(points: list) -> None:
    svg = trend_chart(points, title="Awkward", unit="%", higher_is_better=True, chart_id="awkward")
    root = assert_safe_and_accessible(svg, "Awkward")
    assert_geometry_within_the_view(root)
    assert_text_meets_wcag_aa(root)
    if points:
        assert points[-1][0] in texts(root)


def test_trend_chart_says_so_when_there_is_nothing_to_draw() -> None:
    root = parse(trend_chart(EDGE_CASES["all None"], title="T", unit="%", higher_is_better=True, chart_id="c"))
    assert "There are no figures to show." in texts(root)
    assert "Latest, Q2: No data" in texts(root)
    assert root.find(f".//{SVG}path") is None


def test_trend_chart_thins_period_labels_so_they_do_not_overlap() -> None:
    points = EDGE_CASES["many periods"]
    root = parse(trend_chart(points, title="T", unit="", higher_is_better=True, chart_id="c"))
    x_axis = root.find(f"{SVG}g[@class='app-chart__axis app-chart__axis--x']")
    assert x_axis is not None
    labels = x_axis.findall(f"{SVG}text")
    assert 2 <= len(labels) <= 10
    assert labels[-1].text == points[-1][0]
    xs = [float(label.get("x", "0")) for label in labels]
    assert min(b - a for a, b in zip(xs, xs[1:], strict=False)) >= len(points[0][0]) * 7


def test_trend_chart_escapes_labels() -> None:
    points = [("<b>&Q1", 1, 2), ('Q2 "quoted" </text><script>', 2, 2)]
    svg = trend_chart(points, title="<b>& title", unit="<i>", higher_is_better=True, chart_id='x" onload="alert(1)')
    root = assert_safe_and_accessible(svg, "<b>& title")
    assert "&lt;b&gt;&amp;" in svg
    assert root.find(f".//{SVG}b") is None and root.find(f".//{SVG}script") is None
    assert "<b>&Q1" in texts(root)
    assert root.get("id") == "x-onload-alert-1"
    assert "\x00" not in trend_chart([("a\x00b", 1, 1)], title="t\x07", unit="", higher_is_better=True, chart_id="c")


def test_axis_ends_are_round_and_hold_the_values() -> None:
    low, high, ticks, places = axis([61.0, 67.5, 70])
    assert (low, high) == (60.0, 70.0) and ticks == [60.0, 62.5, 65.0, 67.5, 70.0] and places == 1
    low, high, ticks, _ = axis([5])
    assert low < 5 < high
    low, high, ticks, _ = axis([-3, 7])
    assert low <= -3 and high >= 7 and 0.0 in ticks
    assert len(axis([1e300, -1e300])[2]) <= 21


# --- rag_bars -------------------------------------------------------------------------


def test_rag_bars_write_ratings_and_counts_in_words() -> None:
    counts = {"green": 12, "amber": 3, "red": 1, "no data": 0}
    svg = rag_bars(counts, title="Indicators by rating <Q2>", chart_id="rag-q2")
    root = assert_safe_and_accessible(svg, "Indicators by rating <Q2>")
    assert root[1].text == rag_summary(counts) == "Red 1, amber 3, green 12, no data 0: 16 in all."
    assert_geometry_within_the_view(root)
    assert_text_meets_wcag_aa(root)
    assert texts(root) == ["Red", "1", "Amber", "3", "Green", "12", "No data", "0"]  # as the tables list them
    fills = [rect.get("fill") for rect in root.iter(f"{SVG}rect")]
    assert fills == ["#d4351c", "#f47738", "#00703c"]  # none for a count of nought
    widths = [float(rect.get("width", "0")) for rect in root.iter(f"{SVG}rect")]
    assert 0 < widths[0] < widths[1] < widths[2]


def test_rag_bars_with_nothing_counted_and_missing_ratings() -> None:
    root = assert_safe_and_accessible(rag_bars({}, title="None", chart_id="c"), "None")
    assert texts(root) == ["Red", "0", "Amber", "0", "Green", "0", "No data", "0"]
    assert root.find(f".//{SVG}rect") is None


def test_rag_bars_refuse_what_is_not_a_rating_or_a_count() -> None:
    with pytest.raises(ValueError, match="not a RAG rating"):
        rag_bars({"purple": 1}, title="T", chart_id="c")
    with pytest.raises(ValueError, match="negative"):
        rag_bars({"green": -1}, title="T", chart_id="c")


def test_the_colours_a_word_sits_on_or_beside_meet_wcag() -> None:
    # The RAG fills are never behind text; as graphics beside their word they need 3:1,
    # except amber, which is always named in words next to it.
    assert contrast_on_white("#0b0c0c") >= 4.5
    for rating in ("green", "red", "no data"):
        assert contrast_on_white(RAG_FILLS[rating]) >= 4.5
