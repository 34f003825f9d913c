"""The contrast check's specificity comes from cssselect2; the fallback kept for the selectors cssselect2
cannot read agrees with cssselect2 on every selector both read, in every stylesheet the check reads."""
from __future__ import annotations

from pathlib import Path

import cssselect2
import tinycss2

from generator.check.contrast import PALETTES, _material_sheet
from generator.check.contrast.styles import fallback_specificity, normalise_selector, parse_css, specificity, split_top

ROOT = Path(__file__).resolve().parents[2]


def written_selectors():
    """Every selector of every stylesheet a palette reads, as written (before normalising)."""
    sheets = sorted({sheet for palette in PALETTES for sheet in palette.sheets})
    assert len(sheets) >= 8, sheets
    found = []
    for sheet in sheets:
        path = _material_sheet(ROOT, sheet.split(":", 1)[1]) if sheet.startswith("material:") else ROOT / sheet
        assert path is not None and path.exists(), f"{sheet} was not found"
        for node in tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"), skip_comments=True,
                                              skip_whitespace=True):
            stack = [node]
            while stack:
                node = stack.pop()
                if node.type == "qualified-rule":
                    found += [s for s in split_top(tinycss2.serialize(node.prelude), ",") if s.strip()]
                elif node.type == "at-rule" and node.content is not None and node.lower_at_keyword in (
                        "media", "supports", "layer", "container"):
                    stack += tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)
    return found


def test_fallback_agrees_with_cssselect2_wherever_both_read_the_selector():
    selectors = written_selectors()
    compared, unread, different = 0, [], []
    for selector in selectors:
        try:
            theirs = max(c.specificity for c in cssselect2.compile_selector_list(
                tinycss2.parse_component_value_list(selector)))
        except cssselect2.SelectorError:
            unread.append(selector.strip())
            continue
        compared += 1
        ours = fallback_specificity(normalise_selector(selector))
        if tuple(theirs) != ours:
            different.append((selector.strip(), tuple(theirs), ours))
        assert specificity(selector) == tuple(theirs)
    assert compared > 1500, compared
    assert different == []
    # What cssselect2 cannot read is a small, known kind of selector: vendor pseudo-elements and a few
    # pseudo-classes it does not know. If this grows, look at what is new before raising the number.
    assert 0 < len(unread) < 60, unread
    assert all("::-" in s or ":-" in s or ":valid" in s or ":invalid" in s or ":autofill" in s
               or ":indeterminate" in s for s in unread), unread


def test_each_rule_keeps_the_specificity_of_each_selector_as_written():
    rules, errors = parse_css('img[src$="#only-dark"], .a .b:hover { color: red }\n'
                              "input::-webkit-search-cancel-button { color: blue }", "test.css")
    assert errors == []
    assert rules[0].selectors == ("img[src$=#only-dark]", ".a .b:hover")
    assert rules[0].specificities == ((0, 1, 1), (0, 3, 0))
    assert rules[1].specificities == ((0, 0, 2),)  # cssselect2 cannot read it: the fallback's count
