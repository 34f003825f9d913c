"""The website's pictures are published with their path coordinates rounded (generator/pictures.py,
compact_svg; issue #15): every point of every carried picture stays within half a rounding step of where it was
(0.05 of a unit of an 850-unit Mulberry symbol), no path, command or other part of the picture is lost, the
pictures stay safe, and they get smaller. A picture whose units may be scaled inside it is left as it is."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.pictures import (MULBERRY_DIR, SITE_STEPS, _PATH_DATA, _path_segments, carried_files, check_svg,
                                compact_svg, round_path_data, site_picture)

ROOT = Path(__file__).resolve().parents[2]


def absolute(d: bytes) -> list[tuple[bytes, tuple[float, ...]]]:
    """Each command of path data (in lower case) with the absolute positions it draws to (arcs: radii, rotation
    and flags first), so that two ways of writing the same path compare equal."""
    segments = _path_segments(d)
    assert segments is not None, d[:80]
    out, x, y, sx, sy = [], 0.0, 0.0, 0.0, 0.0
    for cmd, n in segments:
        lower = cmd.lower()
        bx, by = (x, y) if cmd != cmd.upper() else (0.0, 0.0)
        if lower == b"z":
            x, y = sx, sy
            out.append((lower, (x, y)))
        elif lower == b"h":
            x = bx + n[0]
            out.append((lower, (x,)))
        elif lower == b"v":
            y = by + n[0]
            out.append((lower, (y,)))
        else:
            values: list[float] = []
            if lower == b"a":
                values += [abs(n[0]), abs(n[1]), n[2], n[3], n[4]]
                points = [tuple(n[5:])]
            else:
                points = list(zip(n[0::2], n[1::2]))
            for px, py in points:
                x, y = bx + px, by + py
                values += [x, y]
            if lower == b"m":
                sx, sy = x, y
            out.append((lower, tuple(values)))
    return out


def worst_move(before: bytes, after: bytes) -> float:
    """How far, at most, a point of path data `after` is from the same point of `before` (the same commands
    required)."""
    a, b = absolute(before), absolute(after)
    assert [c for c, _ in a] == [c for c, _ in b], "the commands of the path changed"
    worst = 0.0
    for (_, va), (_, vb) in zip(a, b):
        assert len(va) == len(vb)
        worst = max([worst] + [abs(p - q) for p, q in zip(va, vb)])
    return worst


def test_every_carried_picture_keeps_every_point_within_half_a_step():
    files = carried_files(ROOT)
    assert len(files) > 50
    before = after = paths = 0
    for file in files:
        data = file.read_bytes()
        out = compact_svg(data)
        assert check_svg(out) == check_svg(data) == [], file.name
        original = [m.group(3) for m in _PATH_DATA.finditer(data)]
        rounded = [m.group(3) for m in _PATH_DATA.finditer(out)]
        assert len(original) == len(rounded) > 0, file.name  # no path lost
        # everything but the path data is the same, byte for byte
        assert _PATH_DATA.sub(b"", out) == _PATH_DATA.sub(b"", data), file.name
        for d_before, d_after in zip(original, rounded):
            # an 850-unit picture: a step of 0.1 of a unit (at most 1/SITE_STEPS of its size)
            assert worst_move(d_before, d_after) <= 0.05 + 1e-9, (file.name, d_before[:60], d_after[:60])
        before += len(data)
        after += len(out)
        paths += len(original)
    assert paths > 1000
    assert after < before * 0.92, (before, after)  # at least 8% lighter (measured: 12%)


def test_rounding_never_adds_up_along_a_relative_path():
    d = b"M0 0" + b"l.04 .04" * 1000 + b"h.04" * 1000
    out = round_path_data(d, 1)
    assert worst_move(d, out) <= 0.05 + 1e-9
    end = absolute(out)[-1][1][0]
    assert end == pytest.approx(80.0, abs=0.05)  # 2000 steps of 0.04: each rounded alone would give 0 or 0.1


def test_arcs_keep_their_flags_and_rotation():
    d = b"M10 10a5.55 5.55 12.5 015.04 5.04A3 3 0 1 1 20.06 20.06z"
    out = round_path_data(d, 1)
    segments = _path_segments(out)
    assert [s[0] for s in segments] == [b"M", b"a", b"A", b"z"]
    assert segments[1][1][2:5] == [12.5, 0.0, 1.0] and segments[2][1][2:5] == [0.0, 1.0, 1.0]
    assert worst_move(d, out) <= 0.05 + 1e-9


@pytest.mark.parametrize("svg", [
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 850 850"><g transform="scale(10)">'
    b'<path d="M1.234 5.678l1.111 1.111z"/></g></svg>',  # a unit here is ten of the viewBox's
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 850 850"><path d="M1.234 5.678 Q"/></svg>',  # unreadable
    b'<svg xmlns="http://www.w3.org/2000/svg" width="850" height="850"><path d="M1.234 5.678l1.1 1.1z"/></svg>',
])
def test_a_picture_it_cannot_round_safely_is_left_as_it_is(svg):
    assert compact_svg(svg) == svg


def test_the_step_follows_the_size_of_the_picture():
    small = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 72 72">'
             b'<path d="M50.5951 41.6401c.0123 1.5397-.2838 3.0662-.8701 4.4901z"/></svg>')
    out = compact_svg(small)
    d = _PATH_DATA.search(out).group(3)
    # 72 units: a step of 0.01 (72 / SITE_STEPS is 0.0144), so two decimals at most, and no point moves more
    # than 0.005
    assert d.startswith(b"M50.6 41.64c") and max(len(n.split(b".")[1]) for n in re.findall(rb"[\d.]+", d)
                                                   if b"." in n) == 2, d
    assert worst_move(_PATH_DATA.search(small).group(3), d) <= 0.005 + 1e-9


def test_site_picture_keeps_its_result_between_builds(tmp_path):
    source = ROOT / MULBERRY_DIR / "heart-shape.svg"
    first = site_picture(source, tmp_path)
    kept = list((tmp_path / "pictures").glob("*.svg"))
    assert len(kept) == 1 and kept[0].read_bytes() == first == compact_svg(source.read_bytes())
    assert site_picture(source, tmp_path) == first
    assert len(first) < source.stat().st_size
