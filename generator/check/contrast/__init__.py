"""`charterkit check contrast`: the colour contrast of every palette the theme offers.

The check is in three parts: pairs.py says what is checked (thresholds, palettes, colour pairs, and how a
pair names its colours), styles.py reads the stylesheets and works out the value the CSS gives a property,
colour.py does the maths. This module evaluates each pair's expression in each palette and reports.

Adding a palette or a pair is one line in PALETTES or PAIRS. The check also looks for palettes the theme
offers that the table does not list (a colour scheme in the theme's settings or CSS, a stylesheet in
theme/assets/ or theme/print/ that no palette reads) and reports them, so none is left unchecked.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ...diagnostics import Issue
from ..harness import report_dir
from ..result import CheckResult
from .colour import RGBA, WHITE, contrast, floor2, luminance, parse_colour  # noqa: F401 - also imported from here
from .pairs import (EASY_READ_TEXT, KINDS, PAIRS, PALETTES, PRINT, TEXT_KINDS, WEB_SHEETS, Pair,  # noqa: F401
                    Palette, needed_ratio)
from .styles import (Decl, PaletteContext, Rule, Unresolved, _colour_in, _NotSet, normalise_selector,  # noqa: F401
                     parse_css, specificity, split_top)

_CSS_CALL = re.compile(r"^css\((.*)\)$", re.S)


def _number(value: str) -> float:
    text = value.strip()
    if text.endswith("%"):
        return float(text[:-1]) / 100
    return float(text)


class Evaluator:
    """Works out a pair's colour from its expression (see the module's help)."""

    def __init__(self, ctx: PaletteContext):
        self.ctx = ctx

    def _css_value(self, call: str) -> tuple[str, int]:
        args = [a.strip() for a in split_top(call, ";")]
        if len(args) < 2:
            raise Unresolved(f"css({call}) needs a selector and a property")
        selectors = [s.strip() for s in split_top(args[0], "|")]
        layer = 1
        properties = []
        for p in split_top(args[1], "|"):
            p = p.strip().lower()
            if "#" in p:
                p, _, n = p.partition("#")
                layer = int(n)
            properties.append(p)
        media = args[2] if len(args) > 2 else ""
        return self.ctx.substitute(self.ctx.lookup(selectors, properties, media)), layer

    def term(self, text: str) -> RGBA:
        text = text.strip()
        m = _CSS_CALL.match(text)
        if m:
            value, layer = self._css_value(m.group(1))
            return _colour_in(value, layer)
        value = self.ctx.substitute(text if not text.startswith("--") else f"var({text})")
        return _colour_in(value)

    def layer(self, text: str) -> RGBA:
        parts = split_top(text, " at ")
        colour = self.term(parts[0])
        for opacity in parts[1:]:
            opacity = opacity.strip()
            m = _CSS_CALL.match(opacity)
            if m:
                value, _ = self._css_value(m.group(1))
                colour = colour.with_opacity(_number(value))
            else:
                colour = colour.with_opacity(_number(opacity))
        return colour

    def choice(self, text: str) -> RGBA:
        reasons = []
        for alt in split_top(text, " else "):
            try:
                return self.layer(alt)
            except _NotSet as exc:
                reasons.append(str(exc))
        raise Unresolved("; ".join(reasons))

    def colour(self, text: str) -> RGBA:
        """The colour an expression gives: "over" joins layers (the last at the bottom), each layer may
        have alternatives ("else"), each alternative an opacity ("at")."""
        layers = [self.choice(part) for part in split_top(text, " over ")]
        colour = layers[-1]
        for above in reversed(layers[:-1]):
            colour = above.over(colour)
        return colour


# ---- running the check ----------------------------------------------------------------------------

@dataclass
class Result:
    palette: str
    pair: Pair
    needed: float
    fg: RGBA | None = None
    bg: RGBA | None = None
    ratio: float | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.ratio is not None and self.ratio >= self.needed


@dataclass
class Problem:
    """Something wrong with the theme's colours, said in plain English."""

    palette: str
    element: str
    message: str

    def __str__(self) -> str:
        where = f"{self.palette}: {self.element}" if self.element else self.palette
        return f"{where}: {self.message}"


@dataclass
class Outcome:
    results: list[Result] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    palettes: list[str] = field(default_factory=list)

    def result(self) -> CheckResult:
        """As the result every check reports through: each problem an error at its palette and pair (coded
        contrast.ratio for a pair below what it needs, contrast.unresolved when its colours cannot be
        worked out, contrast.table for a palette or stylesheet the table does not cover)."""
        def code(p: Problem) -> str:
            if p.element and p.message.startswith("contrast "):
                return "contrast.ratio"
            return "contrast.unresolved" if p.message.startswith("cannot work out") else "contrast.table"
        return CheckResult("contrast", len(self.results), "pairs",
                           findings=tuple(Issue(code(p), p.message, file=p.palette, key=p.element or None)
                                          for p in self.problems))


def _material_sheet(root: Path, name: str) -> Path | None:
    """Material's own built CSS (main or palette), from the installed mkdocs-material, or else a built site."""
    places = []
    try:
        import material

        places.append(Path(material.__file__).parent / "templates" / "assets" / "stylesheets")
    except ImportError:
        pass
    places += sorted((root / "site").glob("*/assets/stylesheets"))
    for place in places:
        found = sorted(place.glob(f"{name}.*.min.css"))
        if found:
            return found[0]
    return None


def _theme_palettes() -> list[dict]:
    from ...web.theme import PALETTE

    return [PALETTE] if isinstance(PALETTE, dict) else list(PALETTE)


def _offered(root: Path, palettes) -> list[Problem]:
    """Palettes the theme offers that PALETTES does not check."""
    problems = []
    schemes = {p.get("scheme", "default") for p in _theme_palettes()}
    for css in sorted((root / "theme").rglob("*.css")) + sorted((root / "theme" / "overrides").rglob("*.html")):
        text = css.read_text(encoding="utf-8", errors="replace")
        schemes |= set(re.findall(r"data-md-color-scheme\s*=\s*[\"']?([\w-]+)", text))
    checked = {p.scheme for p in palettes if p.scheme}
    for scheme in sorted(schemes - checked):
        problems.append(Problem(f'colour scheme "{scheme}"', "",
                                "the theme offers this colour scheme but no palette in the contrast table "
                                "checks it. Add a line for it to PALETTES in generator/check/contrast/pairs.py."))
    read = {sheet for p in palettes for sheet in p.sheets}
    for folder in ("theme/assets", "theme/print"):
        for css in sorted((root / folder).glob("*.css")):
            rel = css.relative_to(root).as_posix()
            if rel not in read:
                problems.append(Problem(rel, "", "this stylesheet is not read by any palette in the contrast "
                                        "table, so its colours are not checked. Add it to PALETTES in "
                                        "generator/check/contrast/pairs.py."))
    if (root / "theme" / "assets" / "easy-read.css").exists() and not any(
            p.easy_read and p.medium == "screen" for p in palettes):
        problems.append(Problem("easy-read pages", "", "the theme has easy-read page styles but no easy-read "
                                "palette in the contrast table."))
    return problems


def evaluate(root: Path, palettes=PALETTES, pairs=PAIRS) -> Outcome:
    """Every pair in every palette: the results (one a pair and palette) and the problems."""
    root = Path(root)
    outcome = Outcome()
    outcome.problems += _offered(root, palettes)
    cache: dict[str, list[Rule]] = {}
    theme_palettes = _theme_palettes()
    for palette in palettes:
        outcome.palettes.append(palette.name)
        rules: list[tuple[int, Rule]] = []
        missing = False
        for index, sheet in enumerate(palette.sheets):
            if sheet not in cache:
                path = _material_sheet(root, sheet.split(":", 1)[1]) if sheet.startswith("material:") \
                    else root / sheet
                if path is None or not path.exists():
                    where = "Material's stylesheet" if sheet.startswith("material:") else "the stylesheet"
                    outcome.problems.append(Problem(palette.name, "", f"{where} {sheet} was not found, so this "
                                                    "palette cannot be checked. Run `make build` to install "
                                                    "everything, or fix PALETTES."))
                    missing = True
                    continue
                parsed, errors = parse_css(path.read_text(encoding="utf-8"), sheet)
                cache[sheet] = parsed
                for error in errors:
                    outcome.problems.append(Problem(palette.name, "", f"CSS that cannot be read: {error}"))
            rules += [(index, rule) for rule in cache[sheet]]
        if missing:
            continue
        attributes = set()
        if palette.scheme:
            attributes.add(f"[data-md-color-scheme={palette.scheme}]")
            for p in theme_palettes:
                if p.get("scheme", "default") == palette.scheme:
                    attributes.add(f"[data-md-color-primary={p.get('primary', 'indigo')}]")
                    attributes.add(f"[data-md-color-accent={p.get('accent', 'indigo')}]")
        evaluator = Evaluator(PaletteContext(palette, rules, attributes))
        groups = set(palette.groups)
        for pair in pairs:
            if pair.group not in groups:
                continue
            if pair.kind not in KINDS:
                outcome.problems.append(Problem(palette.name, pair.element, f'unknown kind "{pair.kind}"; use one '
                                                f"of {', '.join(KINDS)}"))
                continue
            result = Result(palette.name, pair, needed_ratio(pair, palette))
            try:
                bg = evaluator.colour(pair.bg)
                bg = bg if bg.a >= 1 else bg.over(WHITE)
                fg = evaluator.colour(pair.fg)
                fg = fg if fg.a >= 1 else fg.over(bg)
                result.fg, result.bg, result.ratio = fg, bg, contrast(fg, bg)
            except Unresolved as exc:
                result.error = str(exc)
            outcome.results.append(result)
            if result.error:
                outcome.problems.append(Problem(palette.name, pair.element, f"cannot work out the colours: "
                                                f"{result.error}"))
            elif not result.ok:
                outcome.problems.append(Problem(
                    palette.name, pair.element,
                    f"contrast {floor2(result.ratio)}:1 ({result.fg.hex()} on {result.bg.hex()}), needs "
                    f"{result.needed:g}:1 ({pair.kind}, {KINDS[pair.kind][1]}"
                    + (", easy read" if palette.easy_read and pair.kind in TEXT_KINDS else "") + ")"))
    return outcome


def check_theme(root: Path) -> list[Problem]:
    """Every contrast problem in the theme of the project at `root` (an empty list when all is well)."""
    return evaluate(root).problems


def format_table(outcome: Outcome) -> str:
    lines = []
    width = max([len(r.pair.element) for r in outcome.results] + [30])
    width = min(width, 62)
    for name in outcome.palettes:
        rows = [r for r in outcome.results if r.palette == name]
        if not rows:
            continue
        lines.append(f"\n{name}")
        lines.append(f"  {'pair':{width}} {'text or part':12} {'background':10} {'ratio':>7} {'needed':>6}  result")
        for r in rows:
            element = r.pair.element if len(r.pair.element) <= width else r.pair.element[:width - 1] + "…"
            if r.error:
                lines.append(f"  {element:{width}} {'?':12} {'?':10} {'?':>7} {r.needed:>5g}:1  NOT CHECKED")
                continue
            lines.append(f"  {element:{width}} {r.fg.hex():12} {r.bg.hex():10} {floor2(r.ratio):>5}:1 "
                         f"{r.needed:>4g}:1  {'pass' if r.ok else 'FAIL'}")
    return "\n".join(lines)


def run(root: Path, args) -> int:
    outcome = evaluate(root)
    print("Colour contrast of every palette the theme offers (text 4.5:1, body text and links 7:1, "
          "large text 3:1, interface parts and focus 3:1; all text 7:1 on easy-read pages and packs).")
    print(format_table(outcome))
    print()
    checked = len([r for r in outcome.results if not r.error])
    failed = len([r for r in outcome.results if r.error is None and not r.ok])
    if outcome.problems:
        print("Problems:", file=sys.stderr)
        for problem in outcome.problems:
            print(f"  - {problem}", file=sys.stderr)
        print(file=sys.stderr)
    print(f"Contrast check: {checked} pairs in {len(outcome.palettes)} palettes worked out, {failed} below the "
          f"contrast they need, {len(outcome.problems)} problems in all.")
    result = outcome.result()
    result.write(report_dir(args), {"palettes": outcome.palettes, "pairs": [
        {"palette": r.palette, "pair": r.pair.element, "kind": r.pair.kind, "needed": r.needed,
         "fg": r.fg.hex() if r.fg else None, "bg": r.bg.hex() if r.bg else None,
         "ratio": floor2(r.ratio) if r.ratio is not None else None, "error": r.error} for r in outcome.results]})
    return result.exit_code
