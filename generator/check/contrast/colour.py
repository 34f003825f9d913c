"""Colour maths for the contrast check: colours as RGBA, WCAG 2.x relative luminance and contrast ratio.

Relative luminance and contrast ratio as WCAG 2.x defines them (sRGB, with the 0.04045 threshold of the sRGB
standard; for 8-bit colours it gives the same results as WCAG's 0.03928). Ratios are not rounded up: 4.499:1
fails 4.5:1. CSS colours are read with tinycss2 (pinned, WeasyPrint needs it too).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

@dataclass(frozen=True)
class RGBA:
    r: float  # 0 to 1, sRGB
    g: float
    b: float
    a: float = 1.0

    def over(self, below: "RGBA") -> "RGBA":
        """This colour painted over `below` (simple alpha compositing, as browsers do in sRGB)."""
        a = self.a + below.a * (1 - self.a)
        if a == 0:
            return RGBA(0, 0, 0, 0)
        mix = lambda top, bottom: (top * self.a + bottom * below.a * (1 - self.a)) / a  # noqa: E731
        return RGBA(mix(self.r, below.r), mix(self.g, below.g), mix(self.b, below.b), a)

    def with_opacity(self, opacity: float) -> "RGBA":
        return RGBA(self.r, self.g, self.b, self.a * opacity)

    def hex(self) -> str:
        parts = [round(c * 255) for c in (self.r, self.g, self.b)]
        text = "#" + "".join(f"{p:02x}" for p in parts)
        return text if self.a >= 1 else text + f"{round(self.a * 255):02x}"


WHITE = RGBA(1, 1, 1, 1)


def parse_colour(text: str) -> RGBA | None:
    """A CSS colour (hex, rgb(), hsl(), a name, ...) as RGBA, or None if `text` is not one."""
    import tinycss2.color4

    try:
        colour = tinycss2.color4.parse_color(text.strip())
    except Exception:  # noqa: BLE001 - tinycss2 raises various errors on odd input
        return None
    if colour is None or isinstance(colour, str):
        return None
    try:
        srgb = colour.to("srgb")
    except NotImplementedError:
        return None
    r, g, b = (min(1.0, max(0.0, c)) for c in srgb.coordinates)
    return RGBA(r, g, b, float(srgb.alpha))


def luminance(colour: RGBA) -> float:
    """WCAG relative luminance of an opaque colour."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast(fg: RGBA | str, bg: RGBA | str) -> float:
    """WCAG contrast ratio of `fg` on `bg` (from 1 to 21). A translucent fg is blended over bg, a
    translucent bg over white. Either may be given as CSS text ("#777", "white")."""
    fg = parse_colour(fg) if isinstance(fg, str) else fg
    bg = parse_colour(bg) if isinstance(bg, str) else bg
    if fg is None or bg is None:
        raise ValueError("not a colour")
    if bg.a < 1:
        bg = bg.over(WHITE)
    if fg.a < 1:
        fg = fg.over(bg)
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def floor2(ratio: float) -> str:
    """A ratio shown without rounding up (4.497 shows as 4.49, so a failure never looks like a pass)."""
    return f"{math.floor(ratio * 100) / 100:.2f}"
