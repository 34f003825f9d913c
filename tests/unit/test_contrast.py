"""The contrast check: the theme passes, the maths is right, and lowered or missing colours are caught."""
from __future__ import annotations

import json
import types
from pathlib import Path

import pytest

from generator.check.contrast import (PAIRS, PALETTES, Pair, Palette, check_theme, contrast, evaluate, floor2,
                                      luminance, parse_colour, run)
from generator.web.theme import PALETTE

ROOT = Path(__file__).resolve().parents[2]
CSS = Path("theme/assets/charterkit.css")
PRINT_CSS = Path("theme/print/print.css")


def replace_in(root: Path, rel: Path, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {rel}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def failing(problems) -> set[tuple[str, str]]:
    return {(p.palette, p.element) for p in problems}


# ---- the default theme ----------------------------------------------------------------------------

def test_default_theme_passes_every_pair():
    problems = check_theme(ROOT)
    assert problems == [], "\n".join(str(p) for p in problems)


def test_every_pair_is_worked_out_in_every_palette_it_belongs_to():
    outcome = evaluate(ROOT)
    for palette in PALETTES:
        expected = {pair.element for pair in PAIRS if pair.group in palette.groups}
        assert expected, f"no pair belongs to {palette.name}"
        got = {r.pair.element for r in outcome.results if r.palette == palette.name and r.error is None}
        assert got == expected, palette.name


def test_every_palette_the_theme_offers_is_in_the_results():
    outcome = evaluate(ROOT)
    checked = {r.palette for r in outcome.results}
    by_name = {p.name: p for p in PALETTES}
    schemes = {p.get("scheme", "default") for p in ([PALETTE] if isinstance(PALETTE, dict) else PALETTE)}
    for scheme in schemes:
        assert any(by_name[name].scheme == scheme for name in checked), f"colour scheme {scheme} not checked"
    for folder in ("theme/assets", "theme/print"):
        for css in (ROOT / folder).glob("*.css"):
            rel = css.relative_to(ROOT).as_posix()
            assert any(rel in by_name[name].sheets for name in checked), f"{rel} is read by no checked palette"
    assert any(by_name[name].easy_read and by_name[name].medium == "screen" for name in checked)
    assert any(by_name[name].easy_read and by_name[name].medium == "print" for name in checked)
    assert {"website", "easy-read pages", "standard print pack", "large print pack", "easy-read print pack",
            "staff tools pack", "easy-read survey pack"} <= checked


def test_run_prints_a_table_and_passes(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # its report goes to reports/ in the current folder
    assert run(ROOT, types.SimpleNamespace()) == 0
    out = capsys.readouterr().out
    assert "website" in out and "easy-read pages" in out and "standard print pack" in out
    assert "links" in out and "FAIL" not in out
    assert "0 below the contrast they need" in out
    report = json.loads((tmp_path / "reports" / "contrast.json").read_text(encoding="utf-8"))
    assert report["result"]["ok"] and report["result"]["checked"] == len(report["pairs"]) > 200


def test_the_command_runs_it(capsys, monkeypatch, tmp_path):
    from generator.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["--project", str(ROOT), "check", "contrast"]) == 0
    assert "Contrast check:" in capsys.readouterr().out


# ---- the maths ------------------------------------------------------------------------------------

def test_black_on_white_is_21_to_1():
    assert contrast("#000", "#fff") == pytest.approx(21.0)
    assert contrast("#fff", "#000") == pytest.approx(21.0)
    assert contrast("#fff", "#fff") == pytest.approx(1.0)


def test_known_ratios():
    assert contrast("#777", "#fff") == pytest.approx(4.48, abs=0.005)
    assert contrast("#777777", "white") < 4.5          # the usual "looks fine but fails" grey
    assert contrast("#767676", "#fff") >= 4.5          # the lightest grey that passes on white
    assert contrast("#1d4f91", "#ffffff") == pytest.approx(8.14, abs=0.005)
    assert luminance(parse_colour("#fff")) == pytest.approx(1.0)
    assert luminance(parse_colour("#000")) == pytest.approx(0.0)


def test_alpha_colours_are_blended_over_their_background():
    # black at 50 % on white is mid grey; white at 70 % on navy is lighter than navy but less than white
    assert contrast("rgba(0, 0, 0, 0.5)", "#fff") == pytest.approx(contrast("rgb(50% 50% 50%)", "#fff"))
    assert 1 < contrast("#ffffffb3", "#0b3b60") < contrast("#ffffff", "#0b3b60")
    # a translucent background is painted on white first
    assert contrast("#000", "#00000000") == pytest.approx(21.0)


def test_ratios_are_shown_without_rounding_up():
    assert floor2(4.4999) == "4.49"
    assert floor2(21.0) == "21.00"


# ---- lowered and missing colours ------------------------------------------------------------------

def test_a_lowered_link_colour_fails_with_the_right_pair_named(project_copy):
    replace_in(project_copy, CSS, "--ck-link: #1d4f91;", "--ck-link: #7f9cc8;")
    problems = check_theme(project_copy)
    names = failing(problems)
    assert ("website", "links") in names
    assert ("easy-read pages", "easy-read links") in names
    assert ("website", "body text") not in names
    assert ("website", "visited links") not in names
    message = next(str(p) for p in problems if (p.palette, p.element) == ("website", "links"))
    assert "#7f9cc8" in message and "needs 7:1" in message


def test_easy_read_pages_need_7_to_1_where_the_website_needs_4_5(project_copy):
    # 5.1:1 on white: enough for secondary text on the website, not for any text on an easy-read page
    replace_in(project_copy, CSS, "--ck-ink-2: #474c50;", "--ck-ink-2: #6a6e72;")
    names = failing(check_theme(project_copy))
    assert ("website", "picture credit") not in names
    assert ("easy-read pages", "picture credit") in names


def test_large_text_gets_no_allowance_in_easy_read_packs(project_copy):
    # 4.1:1 on white: enough for large headings in a standard pack (3:1), not for smaller text (4.5:1),
    # and not for anything in an easy-read pack (7:1)
    replace_in(project_copy, PRINT_CSS, "--ck-accent: #1d4f91;", "--ck-accent: #5a7fb0;")
    names = failing(check_theme(project_copy))
    assert ("standard print pack", "main headings (large)") not in names
    assert ("standard print pack", "line above the title") in names
    assert ("easy-read print pack", "main headings (large)") in names
    assert ("easy-read print pack", "word list: the words") in names


def test_a_lowered_interface_colour_fails(project_copy):
    replace_in(project_copy, CSS, "--ck-rule: #6f777b;", "--ck-rule: #c0c4c8;")
    names = failing(check_theme(project_copy))
    assert ("website", "edge of a table that scrolls sideways") in names
    assert ("website", "'Back to top' button: its edge") in names


def test_a_rule_that_sets_its_own_colour_is_followed(project_copy):
    # not a variable: the rule itself changes, and the check reads the rule
    replace_in(project_copy, CSS, ".md-nav__title { color: var(--ck-ink-2); }", ".md-nav__title { color: #aaaaaa; }")
    problems = check_theme(project_copy)
    assert ("website", "menu section titles") in failing(problems)


def test_a_missing_variable_is_reported_clearly(project_copy, capsys, monkeypatch):
    monkeypatch.chdir(project_copy)
    replace_in(project_copy, CSS, "  --ck-link: #1d4f91;", "")
    problems = check_theme(project_copy)
    texts = [str(p) for p in problems]
    assert any("website: links:" in t and "--ck-link is not set" in t for t in texts), texts
    assert run(project_copy, types.SimpleNamespace()) == 1
    captured = capsys.readouterr()
    assert "NOT CHECKED" in captured.out
    assert "--ck-link is not set" in captured.err


def test_a_missing_stylesheet_is_reported(project_copy):
    (project_copy / "theme" / "print" / "tools.css").unlink()
    problems = check_theme(project_copy)
    assert any(p.palette == "staff tools pack" and "theme/print/tools.css was not found" in str(p)
               for p in problems)


# ---- palettes cannot be added unchecked -----------------------------------------------------------

def test_a_new_colour_scheme_in_the_css_is_reported(project_copy):
    path = project_copy / CSS
    path.write_text(path.read_text(encoding="utf-8") + '\n[data-md-color-scheme="slate"] { --ck-ink: #fff; }\n',
                    encoding="utf-8")
    problems = check_theme(project_copy)
    assert any('"slate"' in str(p) and "no palette" in str(p) for p in problems)


def test_a_new_stylesheet_is_reported(project_copy):
    (project_copy / "theme" / "print" / "high-contrast.css").write_text(":root { --ck-ink: #000; }\n")
    (project_copy / "theme" / "assets" / "dark.css").write_text("body { color: #eee; }\n")
    texts = [str(p) for p in check_theme(project_copy)]
    assert any("theme/print/high-contrast.css" in t and "not read by any palette" in t for t in texts)
    assert any("theme/assets/dark.css" in t and "not read by any palette" in t for t in texts)


# ---- the CSS reading ------------------------------------------------------------------------------

def test_cascade_var_fallbacks_media_and_shorthands(tmp_path):
    (tmp_path / "theme" / "assets").mkdir(parents=True)
    (tmp_path / "theme" / "assets" / "t.css").write_text("""
        :root { --ink: #000; --paper: var(--none, #fff); --soft: rgba(0, 0, 0, 0.5); }
        [data-md-color-scheme="default"] { --ink: #111; }
        p { color: #999 !important; }
        .x p { color: #222; }
        p { color: #333; }
        .box { border: 1px solid #ccc; box-shadow: 0 1px #eee, 0 2px var(--ink); }
        @media screen and (min-width: 60em) { .box { border: 2px solid var(--soft); } }
        .gone { color: var(--missing); }
    """)
    palette = Palette("test", "screen", ("theme/assets/t.css",), ("t",), scheme="default")
    pairs = (
        Pair("t", "variable set on the scheme wins over :root", "var(--ink)", "var(--paper)", "text", ""),
        Pair("t", "important wins", "css(p; color)", "#fff", "text", ""),
        Pair("t", "border outside the media query", "css(.box; border)", "#fff", "interface", ""),
        Pair("t", "border inside the media query", "css(.box; border; min-width:60em)", "#fff", "interface", ""),
        Pair("t", "second shadow", "css(.box; box-shadow#2)", "#fff", "interface", ""),
        Pair("t", "missing", "css(.gone; color)", "#fff", "text", ""),
        Pair("t", "not set falls back", "css(.nothing; color) else #000", "#fff", "text", ""),
    )
    outcome = evaluate(tmp_path, palettes=(palette,), pairs=pairs)
    got = {r.pair.element: r for r in outcome.results}
    assert got["variable set on the scheme wins over :root"].fg.hex() == "#111111"
    assert got["variable set on the scheme wins over :root"].bg.hex() == "#ffffff"
    assert got["important wins"].fg.hex() == "#999999"
    assert got["border outside the media query"].fg.hex() == "#cccccc"
    assert got["border inside the media query"].fg.hex() == "#808080"  # black at 50 % on white
    assert got["second shadow"].fg.hex() == "#111111"
    assert "--missing is not set" in got["missing"].error
    assert got["not set falls back"].ok
