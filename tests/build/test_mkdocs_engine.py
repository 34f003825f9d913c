"""The MkDocs adapter (generator/web/mkdocs_engine/): MkDocs through its public API, and the guards for
what is not its API.

- the pages handed over in memory are listed in the order MkDocs lists a docs folder (public
  file_sort_key, not the private _file_sort_key);
- a rebuild never writes into a file of the published site (the built files are hard-linked into it):
  the plugin unlinks each file just before MkDocs writes it, in MkDocs' own events;
- MkDocs' version: what is not MkDocs' API (the theme-listing speed-up, the "dirty build" message) is
  checked against the version it was written for.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.diagnostics import Report
from generator.pipeline import build

pytestmark = pytest.mark.build


def test_mkdocs_is_the_version_the_adapter_was_written_for():
    import mkdocs

    assert mkdocs.__version__ == "1.6.1", (
        "MkDocs changed: check generator/web/mkdocs_engine/__init__.py SiteBuild (it relies on MkDocs "
        "listing the theme's templates with jinja2's FileSystemLoader.list_templates) and _Collect (it leaves "
        "out MkDocs' \"'dirty' build is being performed\" message by its words), then change this version")


def test_in_memory_pages_are_listed_as_mkdocs_lists_a_docs_folder(minimal_project, monkeypatch):
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files, get_files

    from generator.web.mkdocs_engine.plugin import InMemoryDocs

    monkeypatch.setenv("CHARTERKIT_EXPORT_MKDOCS", "1")
    assert build(minimal_project, Report(), packs=False, clean=True)
    plain = minimal_project / ".charterkit-cache" / "site" / "en" / "plain"
    config = load_config(str(plain / "mkdocs.yml"))
    docs = Path(config["docs_dir"])
    walked = [f.src_uri for f in get_files(config)]
    assert len(walked) > 10 and any("/" in uri for uri in walked), walked
    pages = {uri: (docs / uri).read_text(encoding="utf-8") for uri in walked if uri.endswith(".md")}
    others = {uri: docs / uri for uri in walked if not uri.endswith(".md")}
    # handed over in another order than the walk's, to see that add_files puts them in order
    in_memory = InMemoryDocs(dict(reversed(pages.items())), set(pages), dict(reversed(others.items())))
    config.plugins["charterkit"].config["site"] = in_memory  # as build_language hands them over
    listed = config.plugins.on_files(Files([]), config=config)  # MkDocs' own way of running the event
    assert [f.src_uri for f in listed] == walked


def test_a_rebuild_never_writes_into_a_file_of_the_published_site(minimal_project, tmp_path):
    """Keep a second link to every published file, rebuild after a change (a dirty build: MkDocs renders
    the changed pages again, the search index, the sitemap and the 404 page), and check every file of the
    old site still holds its old bytes: MkDocs wrote new files, never into the published ones."""
    assert build(minimal_project, Report(), packs=False)
    site = minimal_project / "site"
    kept = tmp_path / "kept"
    kept.mkdir()
    before: dict[Path, bytes] = {}
    for n, f in enumerate(sorted(p for p in site.rglob("*") if p.is_file() and not p.is_symlink())):
        link = kept / str(n)
        os.link(f, link)
        before[link] = f.read_bytes()
    assert len(before) > 20
    doc = minimal_project / "framework_data" / "documents" / "alpha-charter.yml"
    doc.write_text(doc.read_text().replace("We will listen to you.", "We will always listen to you."), encoding="utf-8")
    assert build(minimal_project, Report(), packs=False)
    page = (site / "en" / "alpha-charter" / "commitment-1" / "index.html").read_text(encoding="utf-8")
    assert "We will always listen to you." in page  # the rebuild did change pages
    changed = [link for link, data in before.items() if link.read_bytes() != data]
    assert changed == [], f"{len(changed)} published files were written into"


def test_the_theme_listing_is_kept_by_one_build_and_gone_after_it(tmp_path):
    """SiteBuild (one a build) keeps the theme's file lists and its digest; jinja2's own list_templates is
    back when the build's languages are done, and the next build starts with nothing kept."""
    import jinja2

    from generator.web.mkdocs_engine import SiteBuild, theme_digest

    original = jinja2.FileSystemLoader.list_templates
    (tmp_path / "theme" / "assets").mkdir(parents=True)
    (tmp_path / "theme" / "assets" / "a.css").write_text("a{}", encoding="utf-8")
    (tmp_path / "templates" / ".icons").mkdir(parents=True)
    (tmp_path / "templates" / "main.html").write_text("x", encoding="utf-8")
    (tmp_path / "templates" / ".icons" / "i.svg").write_text("x", encoding="utf-8")
    loader = jinja2.FileSystemLoader(str(tmp_path / "templates"))
    assert sorted(loader.list_templates()) == [".icons/i.svg", "main.html"]
    with SiteBuild(tmp_path) as site_build:
        assert site_build.theme_digest == theme_digest(tmp_path)
        assert loader.list_templates() == ["main.html"]
        (tmp_path / "templates" / "new.html").write_text("x", encoding="utf-8")
        assert loader.list_templates() == ["main.html"]  # (listed once a build)
    assert jinja2.FileSystemLoader.list_templates is original
    assert sorted(loader.list_templates()) == [".icons/i.svg", "main.html", "new.html"]
    with SiteBuild(tmp_path):
        assert loader.list_templates() == ["main.html", "new.html"]
    (tmp_path / "theme" / "assets" / "a.css").write_text("b{}", encoding="utf-8")
    assert SiteBuild(tmp_path).theme_digest != site_build.theme_digest
