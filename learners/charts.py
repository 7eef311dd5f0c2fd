"""Server-rendered SVG charts for the reports: no JavaScript, no CDN, print-friendly.

Each function is pure: numbers in, an SVG string out (``SafeString``, every label escaped).
Each chart has ``role="img"`` with a ``<title>`` and ``<desc>`` text alternative; the page
shows the same numbers in a table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Colours readable in greyscale print too (dark/light pair), and by most colour-blind people.
PRIMARY = "#1f5f8b"
SECONDARY = "#e69f00"
GRID = "#d0d0d0"
TEXT = "#222"
FONT = 'font-family="sans-serif" font-size="12"'


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _svg(width: int, height: int, title: str, desc: str, body: list[str]) -> SafeString:
    return mark_safe(  # noqa: S308 - every text below is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="report-chart" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px" '
        f"{FONT}>"
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>" + "".join(body) + "</svg>"
    )


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500):
        if value <= step * 4:
            return step * 4 if value > step * 2 else step * 2 if value > step else step
    magnitude = 10 ** (len(str(int(value))) - 1)
    return (int(value / magnitude) + 1) * magnitude


def monthly_trend_svg(
    months: Sequence[tuple[str, int, int]], *, title: str | None = None
) -> SafeString:
    """Grouped bars per month: (label, enrolments, completions)."""
    title = title or _("Enrolments and completions by month")
    width, height, left, bottom, top = 720, 260, 44, 40, 24
    plot_w, plot_h = width - left - 10, height - bottom - top
    top_value = _nice_max(max([max(e, c) for _m, e, c in months] or [0]))
    slot = plot_w / max(len(months), 1)
    bar = max(min(slot / 2 - 3, 24), 1)
    body = []
    for i in range(5):  # grid lines and axis labels
        value = top_value * i / 4
        y = top + plot_h - plot_h * i / 4
        body.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">'
            f"{_number(round(value, 1))}</text>"
        )
    for index, (label, enrolments, completions) in enumerate(months):
        x = left + slot * index + (slot - 2 * bar - 2) / 2
        for offset, value, colour in ((0, enrolments, PRIMARY), (bar + 2, completions, SECONDARY)):
            h = plot_h * value / top_value
            body.append(
                f'<rect x="{x + offset:.1f}" y="{top + plot_h - h:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{colour}"><title>{escape(label)}: {value}</title></rect>'
            )
        if len(months) <= 13 or index % 2 == 0:
            body.append(
                f'<text x="{left + slot * index + slot / 2:.1f}" y="{height - bottom + 16}" '
                f'text-anchor="middle" fill="{TEXT}">{escape(label)}</text>'
            )
    body.append(
        f'<rect x="{left}" y="4" width="12" height="12" fill="{PRIMARY}"/>'
        f'<text x="{left + 16}" y="14" fill="{TEXT}">{escape(_("Enrolments"))}</text>'
        f'<rect x="{left + 120}" y="4" width="12" height="12" fill="{SECONDARY}"/>'
        f'<text x="{left + 136}" y="14" fill="{TEXT}">{escape(_("Completions"))}</text>'
    )
    desc = "; ".join(
        _("%(month)s: %(e)s enrolments, %(c)s completions")
        % {"month": label, "e": enrolments, "c": completions}
        for label, enrolments, completions in months
    )
    return _svg(width, height, title, desc or _("No data."), body)


def horizontal_bars_svg(
    items: Sequence[tuple[str, float | None]],
    *,
    title: str,
    maximum: float | None = None,
    suffix: str = "",
) -> SafeString:
    """One horizontal bar per (label, value); ``maximum`` fixes the scale (100 for %)."""
    label_w, bar_w, row_h, width = 220, 400, 26, 700
    height = max(row_h * len(items) + 10, 30)
    top_value = maximum or max([v or 0 for _label, v in items] or [0]) or 1
    body = []
    for index, (label, value) in enumerate(items):
        y = 5 + row_h * index
        w = bar_w * (value or 0) / top_value
        shown = label if len(label) <= 32 else label[:31] + "…"
        body.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" fill="{TEXT}">'
            f"{escape(shown)}</text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="{row_h - 8}" '
            f'fill="none" stroke="{GRID}"/>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" '
            f'fill="{PRIMARY}"/>'
            f'<text x="{label_w + bar_w + 8}" y="{y + 16}" fill="{TEXT}">'
            f"{escape(_number(value))}{escape(suffix) if value is not None else ''}</text>"
        )
    desc = "; ".join(
        f"{label}: {_number(value)}{suffix if value is not None else ''}" for label, value in items
    )
    return _svg(width, height, title, desc or _("No data."), body)


def funnel_svg(steps: Sequence[tuple[str, int]]) -> SafeString:
    """Enrolled → started → half-way → completed, bars scaled to the first step."""
    return horizontal_bars_svg(
        steps, title=_("From enrolment to completion"), maximum=(steps[0][1] if steps else 0) or 1
    )


def module_completion_svg(modules: Sequence[tuple[str, float | None]]) -> SafeString:
    return horizontal_bars_svg(
        modules, title=_("Average completion by module"), maximum=100, suffix=" %"
    )


def question_pass_rate_svg(questions: Sequence[tuple[str, float | None]]) -> SafeString:
    return horizontal_bars_svg(
        questions, title=_("Share of correct answers by question"), maximum=100, suffix=" %"
    )
