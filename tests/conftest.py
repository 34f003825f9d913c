"""Shared fixtures. The default site is built once per test run and shared by every test that needs it (or
once before several test runs, by tests/prebuild.py: make test does that).

Tests never write into this checkout's own caches or site/: builds of the default project keep their caches
in a folder of the test run's own (test_cache), and a check at the end of the run fails if anything under
.charterkit-cache/ or site/ was changed (checkout_untouched)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import prebuild  # tests/prebuild.py: the default site built once before make test's runs

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "projects" / "minimal"
BROKEN = FIXTURES / "broken"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.pop("CHARTERKIT_CACHE_DIR", None)  # every build in a test keeps its caches where the test says

#: What the tests must never change in the checkout (see checkout_untouched).
CHECKOUT_OUTPUTS = (".charterkit-cache", "site")


#: (test, seconds, processor seconds) of each test, for the table CHARTERKIT_TEST_CPU=N asks for (make test).
_TIMES: list[tuple[str, float, float]] = []


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    before = os.times()
    yield
    after = os.times()
    cpu = sum(after[i] - before[i] for i in range(4))  # user and system, of pytest and of the programs it waited for
    _TIMES.append((item.nodeid, after.elapsed - before.elapsed, cpu))


def pytest_terminal_summary(terminalreporter):
    """With CHARTERKIT_TEST_CPU=N: the N slowest tests (setup, call and teardown) with the processor time each
    used, so a test that mostly waits (seconds well above its processor time) shows. Processor time counts
    pytest and the programs it waited for, not a browser's page processes (tests/timed.py counts those for a
    whole run)."""
    try:
        count = int(os.environ.get("CHARTERKIT_TEST_CPU", "0"))
    except ValueError:
        count = 0
    if count <= 0 or not _TIMES:
        return
    write = terminalreporter.write_line
    terminalreporter.section(f"{count} slowest tests: seconds, processor seconds")
    for nodeid, seconds, cpu in sorted(_TIMES, key=lambda t: -t[1])[:count]:
        write(f"{seconds:8.2f} {cpu:8.2f}  {nodeid}")
    write(f"{sum(t[1] for t in _TIMES):8.2f} {sum(t[2] for t in _TIMES):8.2f}  all {len(_TIMES)} tests")


@pytest.fixture(scope="session")
def test_cache(tmp_path_factory) -> Path:
    """The cache folder of the test run's builds of the default project: the pre-built one's
    (CHARTERKIT_TEST_PREBUILT, see tests/prebuild.py), or a new one that starts with links to the packs, fonts
    and easy-read audio a `make build` left in the checkout's cache (prebuild.fill_cache), so a test run after a
    build does not render them again; a build never writes into a cached file (it writes a new one and renames
    it into place), so the checkout's files stay as they are."""
    folder = prebuild.prebuilt()
    if folder is not None:
        cache = folder / "cache"
        assert cache.is_dir(), (f"{prebuild.PREBUILT} names {folder}, which has no cache/ folder: make it with "
                                "python tests/prebuild.py FOLDER, or leave the variable unset")
        return cache
    cache = tmp_path_factory.mktemp("cache") / "cache"
    prebuild.fill_cache(cache)
    return cache


@pytest.fixture(scope="session")
def shared_fonts(tmp_path_factory) -> Path:
    """One folder of fonts for every project a test makes (make_project, project_copy): the language menu's
    cut fonts (web/assets.py) and the packs' unpacked fonts (print/pdf_engine.py prepare_fonts). Both are
    filed under a hash of what they are made from, so projects can share them; cutting the menu's fonts took
    about 12 of the 13 seconds of a small project's first build, and tests make over a hundred builds.

    With CHARTERKIT_TEST_FONTS set (make test: tests/make_test.sh), the folder it names, shared by all the test
    runs of make test (each font is written to a file of its own and renamed into place, so runs at the same
    time do not mix their files)."""
    shared = os.environ.get("CHARTERKIT_TEST_FONTS", "").strip()
    if shared:
        folder = Path(shared).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    folder = tmp_path_factory.mktemp("shared-fonts") / "fonts"
    folder.mkdir()
    return folder


def _share_fonts(root: Path, fonts: Path) -> None:
    """root's .charterkit-cache/fonts is the test run's shared_fonts folder (a link)."""
    cache = root / ".charterkit-cache"
    cache.mkdir(exist_ok=True)
    (cache / "fonts").symlink_to(fonts, target_is_directory=True)


def _state(folder: Path) -> dict[str, tuple[int, int, int]]:
    out = {}
    for path, dirs, files in os.walk(folder):
        for name in files:
            full = os.path.join(path, name)
            try:
                st = os.lstat(full)
            except OSError:
                continue
            out[os.path.relpath(full, ROOT)] = (st.st_ino, st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture(scope="session", autouse=True)
def checkout_untouched():
    """Fails the run if any test wrote into the checkout's .charterkit-cache/ or site/ (issue 11)."""
    before = {name: _state(ROOT / name) for name in CHECKOUT_OUTPUTS}
    yield
    for name in CHECKOUT_OUTPUTS:
        after = _state(ROOT / name)
        changed = sorted(p for p in set(before[name]) | set(after) if before[name].get(p) != after.get(p))
        assert not changed, (f"The tests changed {len(changed)} file(s) under {name}/ in the checkout, for example "
                             f"{changed[:5]}: tests must build with a cache and output folder of their own.")


@pytest.fixture(scope="session")
def corpus():
    """The default project (this repository) read and validated once per test run, for the tests that read it
    (it is frozen: a test that needs a changed one makes a copy with dataclasses.replace)."""
    from generator.diagnostics import Report
    from generator.validate.project import load_project

    report = Report()
    loaded = load_project(ROOT, report)
    assert loaded is not None, report.format()
    return loaded


@pytest.fixture(scope="session")
def default_build(tmp_path_factory, test_cache):
    """The default project (this repository) built once per test run into a temporary folder, every language
    with its packs and audio: (site folder, the build's report). The only whole build of the default site in a
    test run: a test that needs the default site uses this (or built_site); one that must build, builds a small
    project (make_project).

    With CHARTERKIT_TEST_PREBUILT set (make test), the site was built once before the test runs by
    tests/prebuild.py, in the same way, and its report is read back from the report.json it saved."""
    folder = prebuild.prebuilt()
    if folder is not None:
        saved = folder / "report.json"
        assert saved.is_file() and (folder / "site").is_dir(), (
            f"{prebuild.PREBUILT} names {folder}, which has no report.json and site/: make it with "
            "python tests/prebuild.py FOLDER, or leave the variable unset")
        ok, report = prebuild.load_report(saved)
        assert ok, report.format()
        return folder / "site", report
    out = tmp_path_factory.mktemp("default-site") / "site"
    ok, report = prebuild.build_default(out, test_cache)
    assert ok, report.format()
    return out, report


@pytest.fixture(scope="session")
def built_site(default_build) -> Path:
    """The default site (default_build): its folder."""
    return default_build[0]


@pytest.fixture
def project_copy(tmp_path, shared_fonts) -> Path:
    """A writable copy of the default project's inputs, for tests that change them (sharing the test run's
    fonts, shared_fonts)."""
    dest = tmp_path / "project"
    dest.mkdir()
    for name in ("site_config.yml", "framework_data", "content", "theme"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.exists():
            shutil.copy2(src, dest / name)
    nm = ROOT / "node_modules"
    if nm.exists():
        (dest / "node_modules").symlink_to(nm)
    _share_fonts(dest, shared_fonts)
    return dest


@pytest.fixture(scope="session")
def make_project(tmp_path_factory, shared_fonts):
    """The one way a test makes a small project of its own: a copy of tests/fixtures/projects/minimal (two
    small documents, in English), in a new temporary folder each time.

    make_project(theme=True, node_modules=True, languages=(), broken=(), where=None) -> the project folder
      theme         True: a copy of the whole theme/; False: none; or the names of theme/'s folders to copy
      node_modules  a link to this checkout's node_modules (fonts and pictures), when there is one
      languages     (code, name, direction) of each language to add after English in site_config.yml
      broken        files of tests/fixtures/broken to copy into framework_data/documents/
      where         the folder to make (by default a new one under the test run's temporary folder)
    Its .charterkit-cache/fonts is the run's shared_fonts folder.
    """
    def make(*, theme=True, node_modules=True, languages=(), broken=(), where=None) -> Path:
        root = Path(where) if where is not None else tmp_path_factory.mktemp("project") / "project"
        shutil.copytree(MINIMAL, root)
        if theme is True:
            shutil.copytree(ROOT / "theme", root / "theme")
        elif theme:
            for name in theme:
                shutil.copytree(ROOT / "theme" / name, root / "theme" / name)
        if node_modules and (ROOT / "node_modules").exists():
            (root / "node_modules").symlink_to(ROOT / "node_modules")
        if languages:
            config = root / "site_config.yml"
            english = "languages:\n  - code: en\n    name: English\n"
            text = config.read_text(encoding="utf-8")
            assert english in text, "tests/fixtures/projects/minimal/site_config.yml has changed: update make_project"
            added = "".join(f"  - code: {code}\n    name: {name}\n    dir: {direction}\n"
                            for code, name, direction in languages)
            config.write_text(text.replace(english, english + added), encoding="utf-8")
        for name in broken:
            shutil.copy(BROKEN / name, root / "framework_data" / "documents" / name)
        _share_fonts(root, shared_fonts)
        return root

    return make


@pytest.fixture
def minimal_project(make_project) -> Path:
    """tests/fixtures/projects/minimal with the theme, ready to build."""
    return make_project()
