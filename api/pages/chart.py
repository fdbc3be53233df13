"""Charts drawn on the server as plain geometry, rendered as inline SVG by the templates
(autoescaped; no chart library, no script). docs/adr/0013."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

WIDTH, HEIGHT = 760, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 24, 24, 40
_QUALIFIER = {"more_than": "more than", "at_least": "at least", "about": "about",
              "up_to": "up to", "at_most": "at most", "fewer_than": "fewer than",
              "less_than": "less than", "nearly": "nearly", "over": "over", "none": "no"}


_IRREGULAR = {"person": "people", "child": "children", "man": "men", "woman": "women"}


def qualifier_text(qualifier: str | None) -> str:
    if not qualifier or qualifier == "exact":
        return ""
    return _QUALIFIER.get(qualifier, qualifier.replace("_", " "))


def number_text(row: dict[str, Any]) -> str:
    """`more than 20`, `12-15`, `no`: a count's value as people write it."""
    if row.get("qualifier") == "none":
        return "no"

    def fmt(v: float | None) -> str:
        return "" if v is None else (f"{v:,.0f}" if float(v).is_integer() else f"{v:,}")

    value, low, high = row.get("value"), row.get("value_low"), row.get("value_high")
    if value is None and low is not None and high is not None and low != high:
        text = f"{fmt(low)}-{fmt(high)}"
    else:
        text = fmt(value if value is not None else (low if low is not None else high))
    q = qualifier_text(row.get("qualifier"))
    return f"{q} {text}".strip()


def _y_value(row: dict[str, Any]) -> float | None:
    for key in ("value", "value_low", "value_high"):
        if row.get(key) is not None:
            return float(row[key])
    return None


def counts_chart(rows: list[dict[str, Any]], event_date: date | None) -> dict[str, Any] | None:
    """Counts before, during and after an event as points on a time axis: each point at its
    window (drawn as a line over the window), linking to its citations (`#cite-N`, N the
    row's index). None when no row has a number."""
    values = [(i, r, _y_value(r)) for i, r in enumerate(rows)]
    numbered = [(i, r, v) for i, r, v in values if v is not None]
    if not numbered:
        return None
    days = [d for _, r, _ in numbered for d in (r.get("window_start"), r.get("window_end"))
            if isinstance(d, date)]
    if isinstance(event_date, date):
        days.append(event_date)
    lo = min(days) if days else date(2000, 1, 1)
    hi = max(days) if days else lo
    if lo == hi:
        lo, hi = lo - timedelta(days=1), hi + timedelta(days=1)
    span = (hi - lo).days
    top_value = max(y for _, _, y in numbered) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(d: date) -> float:
        return round(LEFT + plot_w * (d - lo).days / span, 1)

    def y(v: float) -> float:
        return round(TOP + plot_h * (1 - v / (top_value * 1.1)), 1)

    mid = event_date if isinstance(event_date, date) else lo + (hi - lo) / 2
    points = []
    for i, r, v in numbered:
        ws, we = r.get("window_start"), r.get("window_end")
        if isinstance(ws, date) and isinstance(we, date):
            x0, x1 = x(ws), x(we)
        elif isinstance(ws, date):
            x0, x1 = x(ws), x(hi)
        elif isinstance(we, date):
            x0, x1 = x(lo), x(we)
        else:
            side = {"before": -0.5, "after": 0.5}.get(r.get("period") or "", 0.0)
            x0 = x1 = round(x(mid) + side * (x(hi) - x(mid) if side > 0 else x(mid) - x(lo)), 1)
        px = round((x0 + x1) / 2, 1)
        label = number_text(r)
        window = " to ".join(str(d) for d in (ws, we) if d is not None) or "no window"
        points.append({
            "index": i, "x": px, "y": y(v), "x0": x0, "x1": x1, "label": label,
            "period": r.get("period") or "unknown",
            "title": f"{r.get('period')}: {label} {r.get('unit') or ''} ({window}); "
                     f"{r.get('article_count')} article(s)"})
    ticks = [{"y": y(v), "label": f"{v:,.0f}"} for v in (0.0, top_value / 2, top_value)]
    return {"width": WIDTH, "height": HEIGHT, "points": points, "ticks": ticks,
            "left": LEFT, "right": WIDTH - RIGHT, "top": TOP, "bottom": HEIGHT - BOTTOM,
            "event_x": x(event_date) if isinstance(event_date, date) else None,
            "event_anchor": _anchor(x(event_date)) if isinstance(event_date, date) else "middle",
            "event_date": event_date, "lo": lo, "hi": hi}


def _anchor(px: float) -> str:
    """Where a label at x starts, so that it stays inside the chart."""
    if px > WIDTH - RIGHT - 80:
        return "end"
    return "start" if px < LEFT + 80 else "middle"


def plural(unit: str | None, row: dict[str, Any]) -> str:
    """The unit as a reader says it after the number: `1 attack`, `20 attacks`."""
    if not unit:
        return ""
    value = next((row.get(k) for k in ("value", "value_low", "value_high")
                  if row.get(k) is not None), None)
    if value == 1 and row.get("qualifier") in (None, "exact", "about"):
        return unit
    if unit in _IRREGULAR:
        return _IRREGULAR[unit]
    if unit.endswith(("s", "x", "z", "ch", "sh")):
        return unit if unit.endswith("s") else unit + "es"
    if unit.endswith("y") and unit[-2:-1] not in "aeiou":
        return unit[:-1] + "ies"
    return unit + "s"


def bars(items: list[tuple[Any, int]]) -> dict[str, Any] | None:
    """A small bar chart of (label, number) pairs, in the given order."""
    if not items:
        return None
    width, height, left, bottom = 760, 160, 40, 32
    top_n = max(n for _, n in items) or 1
    step = (width - left - 8) / len(items)
    bar_w = max(min(step * 0.7, 60), 2)
    out = []
    for k, (label, n) in enumerate(items):
        h = (height - bottom - 12) * n / top_n
        out.append({"x": round(left + k * step + (step - bar_w) / 2, 1), "w": round(bar_w, 1),
                    "y": round(height - bottom - h, 1), "h": round(h, 1), "n": n,
                    "label": str(label), "cx": round(left + k * step + step / 2, 1)})
    return {"width": width, "height": height, "bars": out, "base": height - bottom,
            "show_labels": len(items) <= 12}
