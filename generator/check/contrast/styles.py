"""How the contrast check reads styles: the rules of a stylesheet (tinycss2), the specificity of a selector
(cssselect2, with a small fallback for the selectors it cannot read), and one palette's cascade: its custom
properties, var() and the value the CSS gives a property for a selector (PaletteContext).

The cascade lookup matches selectors as they are written, not elements: a pair asks for "the value the CSS
gives `.md-typeset a`", and a rule counts when one of its selectors is that one (after normalise_selector).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .colour import RGBA, parse_colour
from .pairs import Palette

# ---- reading the CSS ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Decl:
    name: str
    value: str        # serialised CSS, var() not yet substituted
    important: bool


@dataclass(frozen=True)
class Rule:
    selectors: tuple[str, ...]   # normalised, one per comma
    specificities: tuple[tuple[int, int, int], ...]  # of each selector, as written (see specificity)
    media: str                   # normalised condition of the @media blocks around it ("" if none)
    decls: tuple[Decl, ...]
    sheet: str
    order: int                   # position in its stylesheet


_SPACES = re.compile(r"\s+")


def normalise_selector(text: str) -> str:
    """One way of writing a selector: no quotes in attribute selectors, no spaces around > + ~ or inside
    brackets, single spaces elsewhere."""
    s = _SPACES.sub(" ", text.strip())
    s = re.sub(r"\s*([>+~,])\s*", r"\1", s)
    s = re.sub(r"\[\s*([^\]=\s]+)\s*=\s*[\"']?([^\"'\]]*?)[\"']?\s*\]", r"[\1=\2]", s)
    s = re.sub(r"\(\s+", "(", s)
    s = re.sub(r"\s+\)", ")", s)
    return s


def split_top(text: str, sep: str) -> list[str]:
    """Split on `sep` where it is not inside brackets."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0 and text.startswith(sep, i):
            parts.append(text[start:i])
            i += len(sep)
            start = i
            continue
        i += 1
    parts.append(text[start:])
    return parts


def _norm_media(text: str) -> str:
    return _SPACES.sub("", text).lower()


def parse_css(text: str, sheet: str) -> tuple[list[Rule], list[str]]:
    """The rules of a stylesheet (with @media, @supports and @page flattened) and any parse errors."""
    rules, errors = _parse_css(text, sheet)
    return list(rules), list(errors)


@functools.lru_cache(maxsize=16)
def _parse_css(text: str, sheet: str) -> tuple[tuple[Rule, ...], tuple[str, ...]]:
    """parse_css, kept for the same text: the check reads the same stylesheets (Material's are large) for
    each palette, and the tests run it many times. The rules are frozen, so sharing them is safe."""
    import tinycss2

    rules: list[Rule] = []
    errors: list[str] = []

    def declarations(content) -> tuple[list[Decl], list]:
        decls, nested = [], []
        for node in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
            if node.type == "declaration":
                name = node.name if node.name.startswith("--") else node.lower_name
                decls.append(Decl(name, tinycss2.serialize(node.value).strip(), bool(node.important)))
            elif node.type in ("at-rule", "qualified-rule"):
                nested.append(node)
            elif node.type == "error":
                errors.append(f"{sheet}:{node.source_line}: {node.message}")
        return tuple(decls), nested

    def walk(nodes, media: str, prefix: str = "") -> None:
        for node in nodes:
            if node.type == "error":
                errors.append(f"{sheet}:{node.source_line}: {node.message}")
            elif node.type == "qualified-rule":
                selector_text = tinycss2.serialize(node.prelude)
                written = [s for s in split_top(selector_text, ",") if s.strip()]
                decls, _ = declarations(node.content)
                rules.append(Rule(tuple(normalise_selector(s) for s in written), tuple(specificity(s) for s in written),
                                  media, decls, sheet, len(rules)))
            elif node.type == "at-rule" and node.content is not None:
                keyword = node.lower_at_keyword
                prelude = tinycss2.serialize(node.prelude).strip()
                if keyword in ("media", "supports", "layer", "container"):
                    condition = _norm_media(prelude) if keyword == "media" else ""
                    inner = " and ".join(c for c in (media, condition) if c)
                    walk(tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True), inner)
                elif keyword == "page":
                    decls, nested = declarations(node.content)
                    name = normalise_selector(f"@page {prelude}")
                    rules.append(Rule((name,), (fallback_specificity(name),), media, decls, sheet, len(rules)))
                    for box in nested:
                        if box.type == "at-rule" and box.content is not None:
                            box_decls, _ = declarations(box.content)
                            box_name = f"{name} @{box.lower_at_keyword}"
                            rules.append(Rule((box_name,), (fallback_specificity(box_name),), media, box_decls,
                                              sheet, len(rules)))
                # @font-face, @keyframes and the like hold no colours of elements

    walk(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True), "")
    return tuple(rules), tuple(errors)


_SPECIFICITY_PART = re.compile(
    r"#[\w-]+|\.[\w-]+|\[[^\]]*\]|::?[\w-]+(?:\((?:[^()]|\([^()]*\))*\))?|\*|[a-zA-Z][\w-]*|@[\w-]+")
_LEGACY_PSEUDO_ELEMENTS = {"before", "after", "first-line", "first-letter"}


@functools.lru_cache(maxsize=8192)
def specificity(selector: str) -> tuple[int, int, int]:
    """The (ids, classes, elements) specificity of one selector as written in a stylesheet, from cssselect2
    (pinned; WeasyPrint needs it too). For the few selectors cssselect2 cannot read (vendor pseudo-elements
    such as ::-webkit-scrollbar, :valid), fallback_specificity's count."""
    import cssselect2
    import tinycss2

    try:
        compiled = cssselect2.compile_selector_list(tinycss2.parse_component_value_list(selector))
    except cssselect2.SelectorError:
        compiled = []
    if not compiled:
        return fallback_specificity(normalise_selector(selector))
    return tuple(max(c.specificity for c in compiled))


def fallback_specificity(selector: str) -> tuple[int, int, int]:
    """The fallback for selectors cssselect2 cannot read (and for the @page rules, which are not selectors):
    the (ids, classes, elements) specificity counted from the selector's parts, :is()/:not()/:has() counting
    their most specific argument and :where() nothing. It agrees with cssselect2 on every selector both read
    (tests/unit/test_contrast_styles.py)."""
    a = b = c = 0
    for part in _SPECIFICITY_PART.findall(selector):
        if part.startswith("#"):
            a += 1
        elif part.startswith((".", "[")):
            b += 1
        elif part.startswith("::"):
            c += 1
        elif part.startswith(":"):
            name, _, args = part[1:].partition("(")
            name = name.lower()
            if name == "where":
                continue
            if name in ("is", "not", "has", "matches", "-webkit-any", "-moz-any"):
                inner = [fallback_specificity(s) for s in split_top(args[:-1], ",") if s.strip()]
                if inner:
                    x, y, z = max(inner)
                    a, b, c = a + x, b + y, c + z
            elif name in _LEGACY_PSEUDO_ELEMENTS:
                c += 1
            else:
                b += 1
        elif part == "*" or part.startswith("@"):
            continue
        else:
            c += 1
    return a, b, c


# ---- resolving a palette's colours ----------------------------------------------------------------

class Unresolved(Exception):
    """A colour cannot be worked out: the message says why, in plain English."""


class _NotSet(Exception):
    """The lookup found nothing, or only inherit/currentcolor: the colour comes from somewhere else."""


_ROOT_SELECTORS = {":root", "html"}
_BODY_SELECTORS = {"body", ":root>*"}
_SIMPLE_ATTR = re.compile(r"\[[^\]]+\]|:not\(\[[^\]]+\]\)")


class PaletteContext:
    """The rules of one palette's stylesheets, its custom properties, and lookups in them."""

    def __init__(self, palette: Palette, rules: list[tuple[int, Rule]], attributes: set[str]):
        self.palette = palette
        self.rules = rules            # (sheet index, rule), in cascade order
        self.attributes = attributes  # e.g. {"[data-md-color-scheme=default]", ...}
        self.variables = self._collect_variables()
        # (sheet index, rule, specificity) of every rule with the selector, by selector, for lookup
        self.by_selector: dict[str, list[tuple[int, Rule, tuple[int, int, int]]]] = {}
        for sheet_index, rule in rules:
            for selector, spec in zip(rule.selectors, rule.specificities):
                self.by_selector.setdefault(selector, []).append((sheet_index, rule, spec))

    # which rules apply to the page as a whole (their custom properties reach every element)
    def _level(self, selector: str) -> int | None:
        if selector in _ROOT_SELECTORS:
            return 0
        if selector in _BODY_SELECTORS:
            return 1
        if selector and not re.sub(_SIMPLE_ATTR, "", selector):
            for part in _SIMPLE_ATTR.findall(selector):
                if part.startswith(":not("):
                    if part[5:-1] in self.attributes:
                        return None
                elif part not in self.attributes:
                    return None
            return 1
        scope = {normalise_selector(s) for s in self.palette.scope}
        if selector in scope:
            return 2
        return None

    def _media_applies(self, media: str, wanted: str = "") -> bool:
        if not media:
            return True
        if "forced-colors" in media or "prefers-" in media:
            return False
        if self.palette.medium == "print":
            return "print" in media and "screen" not in media
        if "print" in media:
            return False
        if media in ("screen", "all"):
            return True
        return bool(wanted) and wanted in media

    def _collect_variables(self) -> dict[str, str]:
        found = []
        for sheet_index, rule in self.rules:
            if not self._media_applies(rule.media):
                continue
            levels: dict[int, tuple[int, int, int]] = {}
            for selector, spec in zip(rule.selectors, rule.specificities):
                level = self._level(selector)
                if level is not None:
                    levels[level] = max(levels.get(level, (0, 0, 0)), spec)
            for level, spec in levels.items():
                for n, decl in enumerate(rule.decls):
                    if decl.name.startswith("--"):
                        found.append(((level, decl.important, spec, sheet_index, rule.order, n), decl))
        found.sort(key=lambda item: item[0])
        variables: dict[str, str] = {}
        for _, decl in found:
            variables[decl.name] = decl.value
        return variables

    # var() substitution
    def substitute(self, value: str, seen: tuple[str, ...] = ()) -> str:
        out, i = [], 0
        lower = value.lower()
        while True:
            j = lower.find("var(", i)
            if j < 0:
                out.append(value[i:])
                return "".join(out)
            out.append(value[i:j])
            depth, k = 0, j + 3
            while k < len(value):
                if value[k] == "(":
                    depth += 1
                elif value[k] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                k += 1
            inner = value[j + 4:k]
            name, _, fallback = inner.partition(",")
            name = name.strip()
            if name in seen:
                raise Unresolved(f"the variable {name} refers to itself ({' -> '.join(seen + (name,))})")
            if name in self.variables:
                out.append(self.substitute(self.variables[name], seen + (name,)))
            elif fallback.strip():
                out.append(self.substitute(fallback.strip(), seen))
            else:
                chain = " -> ".join(seen + (name,))
                raise Unresolved(f"the colour variable {name} is not set in any of this palette's stylesheets"
                                 + (f" (needed by {chain})" if seen else ""))
            i = k + 1

    # css(...) lookups
    def lookup(self, selectors: list[str], properties: list[str], media: str = "") -> str:
        wanted_selectors = {normalise_selector(s) for s in selectors}
        wanted_media = _norm_media(media)
        # each rule with one of the selectors, with the highest specificity of those it has
        found: dict[tuple[int, int], tuple[int, Rule, tuple[int, int, int]]] = {}
        for selector in wanted_selectors:
            for sheet_index, rule, spec in self.by_selector.get(selector, ()):
                seen = found.get((sheet_index, rule.order))
                if seen is None or spec > seen[2]:
                    found[(sheet_index, rule.order)] = (sheet_index, rule, spec)
        best = None
        for sheet_index, rule, spec in found.values():
            if not self._media_applies(rule.media, wanted_media):
                continue
            for n, decl in enumerate(rule.decls):
                if decl.name in properties:
                    key = (decl.important, spec, sheet_index, rule.order, n)
                    if best is None or key > best[0]:
                        best = (key, decl)
        if best is None:
            raise _NotSet(f"no rule for {' | '.join(selectors)} sets {' | '.join(properties)}")
        return best[1].value


def _colour_in(value: str, layer: int = 1) -> RGBA:
    """The colour in a (substituted) declaration value: the value itself, or the colour part of a
    shorthand (border, outline, box-shadow, background). `layer` picks one of several shadows."""
    import tinycss2

    layers = split_top(value, ",")
    if layer > len(layers):
        raise Unresolved(f"the value {value!r} has no layer {layer}")
    text = layers[layer - 1].strip()
    lowered = text.lower()
    if lowered in ("inherit", "unset", "currentcolor", "initial", "revert", "none"):
        raise _NotSet(f"the value is {text}")
    whole = parse_colour(text)
    if whole is not None:
        return whole
    for token in tinycss2.parse_component_value_list(text, skip_comments=True):
        if token.type == "whitespace":
            continue
        if token.type == "ident" and token.lower_value == "currentcolor":
            raise _NotSet("the colour is currentcolor")
        colour = parse_colour(tinycss2.serialize([token]))
        if colour is not None:
            return colour
    raise _NotSet(f"the value {text!r} has no colour (so it is currentcolor)")
