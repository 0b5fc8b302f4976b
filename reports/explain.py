"""How a rating was reached, in words (SPEC §7): councillors ask who set the tolerance
behind a RAG rating, so every rating on a page says it. Pure, no database."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from . import rag
from .periods import Period


def number(value: Decimal | float, unit: str = "") -> str:
    """67.5000 -> '67.5'; 1200 -> '1,200'; with '%' units written straight after."""
    quantized = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    text = f"{quantized:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if unit == "%":
        return f"{text}%"
    return text


def share(value: Decimal | float) -> str:
    """0.05 -> '5%'; 0.0333 -> '3.3%' (to one decimal place)."""
    percent = (Decimal(str(value)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return number(percent, "%")


def explain_rating(
    rating: str,
    *,
    actual: Decimal | None,
    target: Decimal | None,
    period: Period,
    unit: str,
    higher_is_better: bool,
    amber_tolerance: Decimal,
    tolerance_set_by: str = "",
) -> str:
    """'Amber: 116 is 3.3% below the target of 120 for Q2 2025/26, within the 5%
    tolerance (set by the Public Service Board, April 2008).'"""
    if actual is None:
        return f"No data: no figure has been recorded for {period}."
    if target is None:
        return f"No rating: {number(actual, unit)} for {period}, but no target was set for it."
    shown, goal = number(actual, unit), number(target, unit)
    if rating == rag.GREEN:
        if actual == target:
            return f"Green: {shown} for {period} is exactly on the target of {goal}."
        better = "above" if higher_is_better else "below"
        return f"Green: {shown} for {period} is {better} the target of {goal}."
    worse = "below" if higher_is_better else "above"
    gap = abs(actual - target)
    relative = f"{share(gap / abs(target))} " if target != 0 else ""
    by = f"{relative}{worse}" if relative else f"{number(gap, unit)} {worse}"
    tolerance = f"the {share(amber_tolerance)} tolerance"
    if tolerance_set_by:
        tolerance += f" (set by {tolerance_set_by})"
    if rating == rag.AMBER:
        return f"Amber: {shown} for {period} is {by} the target of {goal}, within {tolerance}."
    return f"Red: {shown} for {period} is {by} the target of {goal}, outside {tolerance}."
