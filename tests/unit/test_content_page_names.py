"""A content page named like one of the site's own pages, or like a document, is an error: found in the session 6
review. content/en/glossary.md silently replaced the generated glossary; content/en/printable-packs.md,
sitemap.md, translation-status.md and crosswalks.md were silently dropped (the site's own page won), and so was
content/en/alpha-charter.md beside the document alpha-charter (both want /en/alpha-charter/). validate said
"0 errors, 0 warnings" for all of them."""
from __future__ import annotations

import pytest

from generator.diagnostics import Report
from generator.validate.project import load_project

TAKEN = ["glossary", "printable-packs", "sitemap", "translation-status", "crosswalks", "search", "404", "packs",
         "audio", "alpha-charter", "beta-outcomes"]


@pytest.fixture(scope="module")
def checked(make_project):
    root = make_project(theme=True)
    folder = root / "content" / "en"
    folder.mkdir(parents=True)
    for name in TAKEN + ["about", "other-formats", "index"]:
        (folder / f"{name}.md").write_text(f"# A page called {name}\n\nWords.\n", encoding="utf-8")
    report = Report(root=root)
    corpus = load_project(root, report)
    return corpus, report


def test_each_taken_name_is_an_error_naming_the_file_and_the_fix(checked):
    corpus, report = checked
    assert corpus is None
    found = {i.file: i for i in report.errors if i.code == "content.name-taken"}
    assert sorted(found) == sorted(f"content/en/{name}.md" for name in TAKEN), report.format()
    for issue in found.values():
        assert issue.line == 1 and issue.hint and "Rename" in issue.hint
    assert "document" in found["content/en/alpha-charter.md"].message
    assert "glossary" in found["content/en/glossary.md"].message


def test_pages_with_names_of_their_own_are_fine(checked):
    _, report = checked
    others = [i for i in report.errors if i.code != "content.name-taken"]
    assert others == [], report.format()
