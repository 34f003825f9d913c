"""The words of site_config.yml that the site's own pages show (other formats, the enforcement text, the standard,
the text relay) are translated in framework_data/translations/<language>/site.yml, checked like every translation,
and shown on that language's translated pages; a stale or missing one shows the English."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.diagnostics import Report
from generator.markup import content
from generator.model.units import settings_units, source_hash
from generator.validate.project import load_project

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = """other_formats:
  - name: Large print
    description: You can print any document in **large print**.
  - name: Another language
    description: Tell us the language you need.
"""
ENFORCEMENT = ("  enforcement: If you are not happy, [contact the advisory service]"
               "(https://www.equalityadvisoryservice.com/).\n")


@pytest.fixture
def project(make_project):
    """Makes the minimal project with Welsh (cy) added, the site settings' words and an other-formats page."""
    return lambda: _with_settings(make_project(languages=[("cy", "Cymraeg", "ltr")]))


def _with_settings(root: Path) -> Path:
    cfg = root / "site_config.yml"
    text = cfg.read_text(encoding="utf-8")
    text = text.replace("accessibility:\n", "accessibility:\n" + ENFORCEMENT) + SETTINGS
    cfg.write_text(text, encoding="utf-8")
    (root / "content" / "en").mkdir(parents=True, exist_ok=True)
    (root / "content" / "en" / "other-formats.md").write_text(
        "# Other formats\n\n{% for format in other_formats %}\n## {{ format.name }}\n\n{{ format.description }}\n"
        "{% endfor %}\n", encoding="utf-8")
    return root


def config_of(root: Path):
    report = Report()
    corpus = load_project(root, report)
    assert corpus is not None, report.format()
    return corpus


def english_of(root: Path) -> dict[str, str]:
    return {u.key: u.text for u in settings_units(config_of(root).config)}


def write_site(root: Path, texts: dict[str, str], stale: tuple = ()) -> Path:
    english = english_of(root)
    entries = {key: {"text": text, "source": "0000000000" if key in stale else source_hash(english.get(key, key))}
               for key, text in texts.items()}
    folder = root / "framework_data" / "translations" / "cy"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "site.yml"
    path.write_text(yaml.safe_dump({"status": "draft", "entries": entries}, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def test_the_units_are_the_words_pages_show(project):
    units = {u.key: u for u in settings_units(config_of(project()).config)}
    assert set(units) == {"other_formats.1.name", "other_formats.1.description", "other_formats.2.name",
                          "other_formats.2.description", "accessibility.standard", "accessibility.enforcement",
                          # what every engagement tool's pack says about the answers (site_config.yml tools:)
                          "tools.answers_used_by", "tools.confidentiality",
                          # the site's name (header, page titles) and description, and who runs the site
                          "site.name", "site.description", "site.organisation"}
    assert units["site.name"].text == "Minimal" and not units["site.name"].markdown
    assert units["other_formats.2.description"].text == "Tell us the language you need."
    assert not units["other_formats.1.name"].markdown and units["other_formats.1.description"].markdown


def test_a_site_translation_loads(project):
    root = project()
    write_site(root, {"other_formats.2.description": "Dywedwch wrthym pa iaith sydd ei hangen arnoch chi."})
    corpus = config_of(root)
    assert corpus.translations["cy"].settings["other_formats.2.description"].text.startswith("Dywedwch")


@pytest.mark.parametrize("key, text, code", [
    ("other_formats.9.name", "Print bras", "i18n.unknown-key"),
    ("other_formats.1.description", "Argraffu <script>alert(1)</script>.", "i18n.html"),
    ("accessibility.enforcement", "Os nad ydych yn hapus, [cysylltwch](https://example.com/).", "i18n.link-changed"),
    ("other_formats.1.name", "Print {{ contact.email }}", "i18n.placeholder"),
])
def test_a_broken_or_hostile_site_translation_is_an_error_with_file_and_line(project, key, text, code):
    root = project()
    write_site(root, {key: text})
    report = Report()
    assert load_project(root, report) is None
    found = [i for i in report.errors if i.code == code]
    assert found, report.format()
    assert found[0].file.endswith("framework_data/translations/cy/site.yml") and found[0].line


def test_translated_words_replace_the_english_in_a_page_and_keep_their_kind(project):
    root = project()
    config = config_of(root).config
    page = "{% for format in other_formats %}{{ format.name }}: {{ format.description }}\n{% endfor %}"
    out = content.render(page, config, {"other_formats.1.name": "Print *bras*",
                                        "other_formats.1.description": "Mewn **print bras**.",
                                        "other_formats.7.name": "ignored", "nothing.here": "ignored"})
    assert "Print \\*bras\\*: Mewn **print bras**." in out  # a name is plain text, a description Markdown
    assert "Another language: Tell us the language you need." in out  # not translated: the English
    assert "ignored" not in out


@pytest.mark.build
def test_a_translated_page_shows_the_current_site_translations_and_the_english_for_stale_ones(project, tmp_path):
    from generator.pipeline import build
    from generator.translate.localise import page_source_hash

    root = project()
    (root / "content" / "cy").mkdir()
    english_page = (root / "content" / "en" / "other-formats.md").read_text(encoding="utf-8")
    (root / "content" / "cy" / "other-formats.md").write_text(
        f"---\nsource: {page_source_hash(root, 'other-formats.md')}\nstatus: draft\n---\n"
        + english_page.replace("# Other formats", "# Fformatau eraill"), encoding="utf-8")
    write_site(root, {"other_formats.1.name": "Print bras", "site.name": "Bach",
                      "other_formats.2.description": "Hen destun."}, stale=("other_formats.2.description",))
    report = Report()
    assert build(root, report, out=str(tmp_path / "site"), packs=False, quiet=True), report.format()
    html = (tmp_path / "site" / "cy" / "other-formats" / "index.html").read_text(encoding="utf-8")
    assert "Fformatau eraill" in html
    assert "Print bras" in html and ">Large print<" not in html
    assert "Tell us the language you need." in html and "Hen destun" not in html
    # the site's name in the language's words: in the header and at the end of the page's title
    assert "<title>Fformatau eraill - Bach</title>" in html and html.count("Bach") >= 2 and "Minimal" not in html
    english = (tmp_path / "site" / "en" / "other-formats" / "index.html").read_text(encoding="utf-8")
    assert "Large print" in english and "Print bras" not in english
    assert "<title>Other formats - Minimal</title>" in english and "Bach" not in english
