"""Server-side SVG charts, hand-written (no JavaScript, no dependency): horizontal bars and a line chart.

Values are shares in [0, 1] (None = no data). Every chart carries a <title> and an aria-label; the tables
next to them hold the same figures for screen readers and for copying.
"""

from html import escape

COLOURS = ["#0b4f9c", "#b3001b", "#0b6b2e", "#8a5a00"]


def _pct(v):
    return "—" if v is None else f"{v * 100:.1f}%".replace(".", ",")


def bar_chart(items, *, title, width=640, bar=18, gap=6, label_width=230):
    """items: [(label, value, href or None)]."""
    height = len(items) * (bar + gap) + 30
    plot = width - label_width - 60
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
           f'aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>']
    for i, (label, value, href) in enumerate(items):
        y = 10 + i * (bar + gap)
        w = 0 if value is None else max(1, round(plot * value))
        text = f'<text x="{label_width - 6}" y="{y + bar - 5}" text-anchor="end" font-size="12">{escape(label[:38])}</text>'
        rect = f'<rect x="{label_width}" y="{y}" width="{w}" height="{bar}" fill="{COLOURS[0]}"/>'
        if href:
            rect = f'<a href="{escape(href)}">{rect}</a>'
        out.append(text + rect + f'<text x="{label_width + w + 4}" y="{y + bar - 5}" font-size="12">{_pct(value)}</text>')
    out.append("</svg>")
    return "".join(out)


def line_chart(labels, series, *, title, width=640, height=220):
    """series: {name: [value or None per label]} drawn on a 0–100% axis."""
    left, right, top, bottom = 44, 12, 12, 40
    pw, ph = width - left - right, height - top - bottom
    n = max(1, len(labels) - 1)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
           f'aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>']
    for tick in (0, 0.25, 0.5, 0.75, 1):
        y = top + ph * (1 - tick)
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                   f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{int(tick * 100)}%</text>')
    for i, label in enumerate(labels):
        x = left + pw * i / n
        out.append(f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="11">{escape(label)}</text>')
    for k, (name, values) in enumerate(series.items()):
        colour = COLOURS[k % len(COLOURS)]
        points = [(left + pw * i / n, top + ph * (1 - v)) for i, v in enumerate(values) if v is not None]
        if points:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2.5" points="{path}"/>')
            out.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in points)
        out.append(f'<rect x="{left + 160 * k}" y="{height - 14}" width="10" height="10" fill="{colour}"/>'
                   f'<text x="{left + 160 * k + 14}" y="{height - 5}" font-size="11">{escape(name)}</text>')
    out.append("</svg>")
    return "".join(out)
