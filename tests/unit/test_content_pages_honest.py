"""The English content pages say honestly whose words are on the site, and the home page leads with what
people come to do (issue #12)."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EN = ROOT / "content" / "en"


def test_about_page_does_not_claim_every_word_is_the_publishers():
    about = (EN / "about.md").read_text(encoding="utf-8")
    assert not re.search(r"words are the publishers'? own", about, re.I)
    assert "written by {{ site.organisation }}" in about
    for part in ("summary", "easy-read", "word list", "surveys", "translations"):
        assert part in about, part
    assert "not part of the original" in about
    assert "quoted in the\npublisher's own words" in about or "quoted in the publisher's own words" in about


def test_about_page_names_licences_honestly():
    about = (EN / "about.md").read_text(encoding="utf-8")
    assert "reproduced for public information" not in about.lower()
    assert "Open Government Licence v3.0" in about and "keep all rights" in about
    assert "for England" in about


def test_home_page_leads_with_what_people_come_to_do():
    home = (EN / "index.md").read_text(encoding="utf-8")
    headings = re.findall(r"(?m)^## (.+)$", home)
    assert headings[0] == "What do you want to do?"
    tasks = re.findall(r"(?m)^- \*\*(.+?)\*\*", home)
    assert tasks[:5] == ["Read a document.", "Read it in easy read.", "Print for a session.",
                         "Read in your language.", "Ask for another format."]
    assert "(printable-packs/)" in home and "(other-formats/)" in home
    first_paragraph = home.split("\n\n")[1]
    assert len(first_paragraph.split()) < 40, "a short introduction before the tasks"


def test_site_has_a_privacy_notice_naming_the_organisation():
    privacy = (EN / "privacy.md").read_text(encoding="utf-8")
    assert privacy.startswith("# Privacy notice")
    assert "{{ site.organisation }}" in privacy and "{{ contact.email }}" in privacy
    assert "does not use cookies" in privacy
