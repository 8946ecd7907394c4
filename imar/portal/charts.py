"""A progress curve as SVG coordinates: drawn by the server, no script on the page."""

from dataclasses import dataclass

WIDTH, HEIGHT, PAD = 600, 200, 24


@dataclass(frozen=True)
class Curve:
    points: str  # the SVG polyline's "x,y x,y ..."
    dots: list[tuple[float, float, str, str]]  # x, y, date, percent (for labels)
    width: int = WIDTH
    height: int = HEIGHT


def progress_curve(readings: list[tuple]) -> Curve | None:
    """(date, percent) readings, oldest first → a curve; None when there are none."""
    if not readings:
        return None
    first, last = readings[0][0], readings[-1][0]
    span = max((last - first).days, 1)
    dots = []
    for day, percent in readings:
        x = PAD + (WIDTH - 2 * PAD) * ((day - first).days / span if len(readings) > 1 else 0.5)
        y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * float(percent) / 100
        dots.append((round(x, 1), round(y, 1), day.isoformat(), f"{percent:.0f}"))
    return Curve(points=" ".join(f"{x},{y}" for x, y, _, _ in dots), dots=dots)
