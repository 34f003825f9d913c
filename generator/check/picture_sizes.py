"""How big the easy-read pictures are drawn on the web, measured in headless Chromium.

Issue #14 asks for easy-read pictures at least 120 CSS px wide beside the text on a desktop (1280 px wide)
and at least 80 px on a phone (320 px wide), with no sideways scroll at 320 px. picture_sizes.js (next to
this file) loads each easy-read page at both widths and reports the width of every picture; this module
serves the site, runs it and says what is too small. Used by tests/browser/test_easy_read_pictures.py.
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from .harness import CheckError, Harness

SCRIPT = Path(__file__).with_name("picture_sizes.js")
SELECTOR = "img.ck-er-picture"

#: the smallest width, in CSS px, of an easy-read picture at each window width
MIN_WIDTH = {"1280": 120, "320": 80}
VIEWPORTS = {"1280": {"width": 1280, "height": 800}, "320": {"width": 320, "height": 640}}


def easy_read_paths(site: Path) -> list[str]:
    """Every easy-read page of the built site, as paths from the site folder ("en/doc/easy-read/")."""
    return sorted(f"{p.parent.relative_to(site).as_posix()}/" for p in Path(site).glob("*/*/easy-read/index.html"))


def measure(root: Path, site: Path, paths: list[str]) -> dict:
    """{path: {"1280": {"widths": [...], "textWidths": [...], "sideways": bool}, "320": {...}}}"""
    from .browser import CHROMIUM_ARGS
    from .harness import node_modules

    harness = Harness(Path(root).resolve(), Path(site).resolve())
    harness.require_site()
    puppeteer = node_modules(harness.root) / "puppeteer"
    if not puppeteer.exists():
        raise CheckError(f"puppeteer is not installed ({puppeteer} is missing). Run `make node-tools`.")
    with harness.serve(light_search=True) as server, tempfile.TemporaryDirectory() as work:
        host = server.base.split("//", 1)[1].rstrip("/").split(":")[0]
        config = {"puppeteer": str(puppeteer), "chromium": harness.chromium(),
                  "args": list(CHROMIUM_ARGS) + [f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {host}"],
                  "viewports": VIEWPORTS, "timeoutMs": 30_000, "selector": SELECTOR,
                  "pages": [server.base + p for p in paths]}
        out = harness.node().run(SCRIPT, config, Path(work), 60 + 10 * len(paths), "picture measurements")
    if "fatal" in out:
        raise CheckError(f"The picture measurements stopped: {out['fatal']}")
    if out.get("errors"):
        raise CheckError("Some pages could not be measured: " + "; ".join(f"{u}: {e}" for u, e in out["errors"].items()))
    return {re.sub(r"^https?://[^/]+/", "", url): sizes for url, sizes in out["results"].items()}


def too_small(results: dict) -> list[str]:
    """What is wrong, one line each: a picture narrower than MIN_WIDTH, or a page that scrolls sideways at 320 px."""
    problems = []
    for path, by_width in sorted(results.items()):
        for viewport, least in MIN_WIDTH.items():
            sizes = by_width[viewport]
            small = [w for w in sizes["widths"] if w < least]
            if small:
                problems.append(f"{path} at {viewport} px: {len(small)} of {len(sizes['widths'])} pictures are narrower "
                                f"than {least} px (smallest {min(small)} px)")
        if by_width["320"]["sideways"]:
            problems.append(f"{path} scrolls sideways at 320 px")
    return problems
