"""The default site built once before `make test`'s test runs, for all of them to share.

    python tests/prebuild.py FOLDER

builds the default project (this repository), every language with its packs and audio, exactly as the
default_build fixture does (tests/conftest.py), into FOLDER:

    FOLDER/site          the site
    FOLDER/cache         the build's cache folder (the test_cache fixture)
    FOLDER/report.json   whether the build succeeded, and every problem and warning it reported

and exits 1, showing every problem, if the build failed. FOLDER must be outside this checkout's site/ and
.charterkit-cache/ (the tests must never change those: checkout_untouched in tests/conftest.py).

With CHARTERKIT_TEST_PREBUILT=FOLDER set, the fixtures default_build, built_site and test_cache use FOLDER
instead of building the site again, so several pytest processes share one build (`make test` does this:
tests/make_test.sh). Without it, `pytest tests/...` builds the site itself, as before.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: The environment variable that names a folder made by this script.
PREBUILT = "CHARTERKIT_TEST_PREBUILT"


def _link_or_copy(src, dst):
    try:
        os.link(src, dst)
    except OSError:  # another disk
        shutil.copy2(src, dst)


def fill_cache(cache: Path) -> None:
    """Start the cache folder with links to the packs, fonts and easy-read audio a `make build` left in the
    checkout's cache, so a test run after a build does not render them again. A build never writes into a cached
    file (it writes a new one and renames it into place), so the checkout's files stay as they are."""
    cache.mkdir(parents=True, exist_ok=True)
    for name in ("packs", "fonts", "audio"):
        source = ROOT / ".charterkit-cache" / name
        if source.is_dir() and not (cache / name).exists():
            shutil.copytree(source, cache / name, copy_function=_link_or_copy)


def build_default(out: Path, cache: Path):
    """Build the default project into out with the cache folder cache: (succeeded, report)."""
    from generator.diagnostics import Report
    from generator.pipeline import build

    report = Report()
    ok = build(ROOT, report, out=str(out), cache_dir=cache)
    return ok, report


def save_report(path: Path, ok: bool, report) -> None:
    data = {"ok": bool(ok), "issues": [asdict(issue) for issue in report.issues]}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")


def load_report(path: Path):
    """(succeeded, report) as save_report wrote them."""
    from generator.diagnostics import Issue, Report

    data = json.loads(path.read_text(encoding="utf-8"))
    return data["ok"], Report(issues=[Issue(**issue) for issue in data["issues"]])


def prebuilt() -> Path | None:
    """The folder CHARTERKIT_TEST_PREBUILT names, or None when it is not set. Set to "none" (make test's run of
    the tests that do not use the default site), a test that uses it fails: its file must go in the runs of
    the default site's tests (tests/make_test.sh sorts files by the fixtures they name)."""
    value = os.environ.get(PREBUILT, "").strip()
    if value == "none":
        raise RuntimeError(
            f"This test uses the default site, but make test ran it with the tests that do not ({PREBUILT}=none), "
            "which would build the whole site a second time. Name one of the fixtures tests/make_test.sh looks "
            "for (built_site, default_build, packs_site, ur_packs_site, test_cache) in the test's file.")
    return Path(value).resolve() if value else None


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[0]).resolve()
    for name in ("site", ".charterkit-cache"):
        inside = ROOT / name
        if folder == inside or inside in folder.parents:
            print(f"The folder {folder} is inside the checkout's {name}/, which the tests must never change: "
                  "give a folder elsewhere (for example one made with mktemp -d).", file=sys.stderr)
            return 2
    folder.mkdir(parents=True, exist_ok=True)
    fill_cache(folder / "cache")
    ok, report = build_default(folder / "site", folder / "cache")
    save_report(folder / "report.json", ok, report)
    if not ok:
        print(report.format(), file=sys.stderr)
        print(f"The default site could not be built for the tests: {report.summary()}", file=sys.stderr)
        return 1
    print(f"The default site is built for the tests in {folder / 'site'}: {report.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
