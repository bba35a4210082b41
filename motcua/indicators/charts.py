"""Server-side SVG charts, hand-written (no JavaScript, no dependency): horizontal bars and a line chart.

Values are shares in [0, 1] (None = no data). Every chart carries a <title> and an aria-label; the tables
next to them hold the same figures for screen readers and for copying.

Each chart is drawn twice, for a wide screen and for a phone (labels above the bars, a narrower canvas, so
the text stays at about its nominal size on a 375-px screen); the stylesheet shows one of the two
(`.chart-wide`, `.chart-narrow` in site.css).
"""

from html import escape

COLOURS = ["#0b4f9c", "#b3001b", "#0b6b2e", "#8a5a00"]
NARROW = 360


def _pct(v):
    return "—" if v is None else f"{v * 100:.1f}%".replace(".", ",")


def _open(width, height, title, layout, *, links=False):
    # A chart with links is a group of named links; one without is a single image (role="img" hides children).
    role = "group" if links else "img"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="{role}" '
            f'aria-label="{escape(title)}" class="chart chart-{layout}"><title>{escape(title)}</title>')


def _bar(href, label, value, rect):
    # A bar that links to its dossiers is named by its label and value (an unnamed link is unusable by ear).
    if not href:
        return rect
    return f'<a href="{escape(href)}" aria-label="{escape(label)}: {_pct(value)}">{rect}</a>'


def bar_chart(items, *, title, width=640, bar=18, gap=6, label_width=230):
    """items: [(label, value, href or None)]."""
    return _bars_wide(items, title, width, bar, gap, label_width) + _bars_narrow(items, title, bar, gap)


def _bars_wide(items, title, width, bar, gap, label_width):
    height = len(items) * (bar + gap) + 30
    plot = width - label_width - 60
    out = [_open(width, height, title, "wide", links=any(href for *_, href in items))]
    for i, (label, value, href) in enumerate(items):
        y = 10 + i * (bar + gap)
        w = 0 if value is None else max(1, round(plot * value))
        text = f'<text x="{label_width - 6}" y="{y + bar - 5}" text-anchor="end" font-size="12">{escape(label[:38])}</text>'
        rect = _bar(href, label, value, f'<rect x="{label_width}" y="{y}" width="{w}" height="{bar}" fill="{COLOURS[0]}"/>')
        out.append(text + rect + f'<text x="{label_width + w + 4}" y="{y + bar - 5}" font-size="12">{_pct(value)}</text>')
    out.append("</svg>")
    return "".join(out)


def _bars_narrow(items, title, bar, gap):
    row = bar + gap + 16
    height = len(items) * row + 10
    plot = NARROW - 56
    out = [_open(NARROW, height, title, "narrow", links=any(href for *_, href in items))]
    for i, (label, value, href) in enumerate(items):
        y = 4 + i * row
        w = 0 if value is None else max(1, round(plot * value))
        text = f'<text x="0" y="{y + 12}" font-size="13">{escape(label[:48])}</text>'
        rect = _bar(href, label, value, f'<rect x="0" y="{y + 16}" width="{w}" height="{bar}" fill="{COLOURS[0]}"/>')
        out.append(text + rect + f'<text x="{w + 4}" y="{y + 16 + bar - 5}" font-size="13">{_pct(value)}</text>')
    out.append("</svg>")
    return "".join(out)


def line_chart(labels, series, *, title, width=640, height=220):
    """series: {name: [value or None per label]} drawn on a 0–100% axis."""
    return (_lines(labels, series, title, width, height, "wide")
            + _lines(labels, series, title, NARROW, height, "narrow"))


def _lines(labels, series, title, width, height, layout):
    narrow = layout == "narrow"
    legend = 16 * len(series) if narrow else 0
    left, right, top, bottom = 34 if narrow else 44, 12, 12, 40 + legend
    pw, ph = width - left - right, height - top - 40
    height += legend
    n = max(1, len(labels) - 1)
    font = 12 if narrow else 11
    out = [_open(width, height, title, layout)]
    for tick in (0, 0.25, 0.5, 0.75, 1):
        y = top + ph * (1 - tick)
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                   f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="{font}">{int(tick * 100)}%</text>')
    step = 2 if narrow and len(labels) > 6 else 1  # every other month on a phone, so labels do not overlap
    for i, label in enumerate(labels):
        if i % step == 0:
            x = left + pw * i / n
            out.append(f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="{font}">'
                       f'{escape(label)}</text>')
    for k, (name, values) in enumerate(series.items()):
        colour = COLOURS[k % len(COLOURS)]
        points = [(left + pw * i / n, top + ph * (1 - v)) for i, v in enumerate(values) if v is not None]
        if points:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2.5" points="{path}"/>')
            out.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in points)
        lx, ly = (left, height - legend + 16 * k + 2) if narrow else (left + 160 * k, height - 14)
        out.append(f'<rect x="{lx}" y="{ly}" width="10" height="10" fill="{colour}"/>'
                   f'<text x="{lx + 14}" y="{ly + 9}" font-size="{font}">{escape(name)}</text>')
    out.append("</svg>")
    return "".join(out)
