"""The hostile corpus (tests/fixtures/hostile/cases.yml): each attack, in each place an editor can write it,
is refused by `charterkit validate` with the file and line, and comes out inert even with those checks off.

The project the cases are written into is made here: a charter (hostile-charter) whose items slot-1,
slot-2... each hold one case's words (as the English, or in its translation), a tool built from it, content
pages, interface words and settings, in English, Polish and Urdu.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.diagnostics import Report
from generator.model.units import source_hash
from generator.validate.project import load_project

ROOT = Path(__file__).resolve().parents[2]
CASES = yaml.safe_load((ROOT / "tests" / "fixtures" / "hostile" / "cases.yml").read_text(encoding="utf-8"))
SECRET = "ck-test-secret-4f1d9a"  # put in the build's environment: it must appear nowhere
OUTSIDE = "Contents of a file outside the project: ck-outside-7c2e"

# ---- the project -------------------------------------------------------------------------------------
SITE_CONFIG = {
    "site": {"name": "Hostile test site", "description": "A site for checking hostile words stay words.",
             "url": "https://charters.example.org/", "organisation": "Test organisation"},
    "contact": {"email": "test@example.org", "phone": "0100 000 0000", "address": "1 Test Street"},
    "languages": [{"code": "en", "name": "English"}, {"code": "pl", "name": "Polski"},
                  {"code": "ur", "name": "اردو", "dir": "rtl"}],
    "documents": ["hostile-charter"],
    "other_formats": [{"name": "Braille", "description": "Ask us for braille."}],
    "accessibility": {"last_reviewed": "2026-01-01", "known_issues": ["Some old PDFs are not tagged."],
                      "enforcement": "The Equality and Human Rights Commission enforces the rules."},
}

ABOUT_PAGE = """# About this site

This site is run by {{ site.organisation }}. Email [{{ contact.email }}](mailto:{{ contact.email }}).

## Formats
{% for format in other_formats %}
- **{{ format.name }}**: {{ format.description }}
{%- endfor %}

{% for issue in accessibility.known_issues %}
- {{ issue }}
{%- endfor %}
"""


def slot(n: int, english: dict | None = None) -> dict:
    english = english or {}
    return {
        "id": f"slot-{n}", "number": str(n), "title": english.get("title", f"Slot {n} words"),
        "text": english.get("text", f"We will listen to you, slot {n}."), "page": True,
        "lists": [{"id": "examples", "title": "Examples", "entries": [english.get("entry", f"Staff ask, slot {n}"),
                                                                     "Staff write it down"]}],
        "easy_read": [{"text": english.get("easy_read", f"We **listen** to you, slot {n}."),
                       "picture": "speech-balloon", "alt": english.get("alt", "A speech bubble")}],
    }


def document(slots: int, english: dict[int, dict], doc_fields: dict) -> dict:
    doc = {
        "id": "hostile-charter", "kind": "charter", "title": "Hostile charter",
        "summary": "A charter for checking that hostile words stay words.",
        "applies_to": ["Scotland"], "titles": "site",
        "source": {"title": "Hostile charter (original)", "publisher": "Test publisher", "date": "2025",
                   "licence": "Open Government Licence v3.0", "licence_id": "OGL-UK-3.0",
                   "may_adapt": "yes", "may_translate": "yes", "url": "https://www.example.org/charter",
                   "editors_notes": "Read from the [original](https://www.example.org/charter)."},
        "easy_read": {"title": "Hostile charter in easy read",
                      "about": [{"text": "This is about **listening**.", "picture": "speech-balloon", "alt": "A speech bubble"}],
                      "words": [{"word": "listening", "meaning": "Hearing what you say."}],
                      "contact": [{"text": "Email us.", "picture": "speech-balloon", "alt": "A speech bubble"}]},
        "sections": [{"id": "slots", "title": "What we will do",
                      "items": [slot(n, english.get(n)) for n in range(1, slots + 1)]}],
    }
    for field, value in doc_fields.items():
        set_path(doc, field.removeprefix("doc."), value)
    return doc


TOOL = {
    "id": "hostile-interview", "kind": "interview", "document": "hostile-charter", "title": "Interview guide",
    "intro": "Use this guide to talk with one person.", "minutes": 30, "before": ["Ask for consent."],
    "opening": "Thank you for talking to us.", "questions": [{"statement": "slot-1", "question": "What happened?"}],
    "closing": "Thank you.",
}


def set_path(data, dotted: str, value) -> None:
    parts = [int(p) if p.isdigit() else p for p in dotted.split(".")]
    for part in parts[:-1]:
        data = data[part]
    data[parts[-1]] = value


def dump(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return path


SLOT_FIELDS = {"title": "title", "text": "text", "entry": "lists.examples.1", "easy_read": "easy_read.1.text",
               "alt": "easy_read.1.alt"}


def hostile_project(tmp_path: Path, cases: list[dict]) -> tuple[Path, dict[str, tuple[str, str]]]:
    """A project with every case in cases written in its place. Returns the project and, for each case,
    (the file it is in, a key or words to find its line by)."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(ROOT / "theme", root / "theme")
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    where: dict[str, tuple[str, str]] = {}
    config = yaml.safe_load(yaml.safe_dump(SITE_CONFIG))
    tool = yaml.safe_load(yaml.safe_dump(TOOL))
    strings = yaml.safe_load((ROOT / "theme" / "strings" / "en.yml").read_text(encoding="utf-8"))
    english_slots: dict[int, dict] = {}
    doc_fields: dict[str, str] = {}
    translations: dict[str, dict] = {}  # lang -> key -> text
    interface: dict[str, dict] = {}  # lang -> key -> text
    pages: dict[str, str] = {"index.md": "# Hostile test site\n\nWords.\n", "about.md": ABOUT_PAGE}
    page_translations: dict[str, str] = {}
    slots = 0
    for case in cases:
        place, field, text = case["place"], case.get("field"), case["text"]
        if place in ("document", "translation") and field in SLOT_FIELDS:
            slots += 1
            key = f"slot-{slots}.{SLOT_FIELDS[field]}"
            english = dict(english_slots.get(slots, {}))
            if case.get("english"):
                english[field] = case["english"]
            if place == "document":
                english[field] = text
                where[case["id"]] = ("framework_data/documents/hostile-charter.yml", "")
            else:
                translations.setdefault(case.get("lang", "pl"), {})[key] = text
                where[case["id"]] = (f"framework_data/translations/{case.get('lang', 'pl')}/hostile-charter.yml",
                                     f"{key}:")
            english_slots[slots] = english
        elif place == "document":
            doc_fields[field] = text
            where[case["id"]] = ("framework_data/documents/hostile-charter.yml", "")
        elif place == "interface":
            interface.setdefault(case.get("lang", "pl"), {})[field] = text
            where[case["id"]] = (f"framework_data/translations/{case.get('lang', 'pl')}/interface.yml", f"{field}:")
        elif place == "strings":
            set_path(strings, field, text)
            where[case["id"]] = ("theme/strings/en.yml", "")
        elif place == "content":
            name = f"{case['id']}.md"
            pages[name] = text if case.get("whole") else f"# Test page\n\n{text}\n"
            where[case["id"]] = (f"content/en/{name}", "")
        elif place == "content-translation":
            name = f"{case['id']}.md"
            pages[name] = "# Page\n\nWords with [a link](https://www.nhs.uk/).\n"
            page_translations[name] = text
            where[case["id"]] = (f"content/pl/{name}", "")
        elif place == "config":
            set_path(config, field, text)
            where[case["id"]] = ("site_config.yml", "")
        elif place == "tool":
            set_path(tool, field, text)
            where[case["id"]] = ("framework_data/tools/hostile-interview.yml", "")
        elif place == "link":
            where[case["id"]] = (field, "")
    english_doc = document(max(slots, 1), english_slots, doc_fields)
    dump(root / "framework_data" / "documents" / "hostile-charter.yml", english_doc)
    dump(root / "framework_data" / "tools" / "hostile-interview.yml", tool)
    dump(root / "theme" / "strings" / "en.yml", strings)
    dump(root / "site_config.yml", config)
    for name, text in pages.items():
        (root / "content" / "en").mkdir(parents=True, exist_ok=True)
        (root / "content" / "en" / name).write_text(text, encoding="utf-8")
    from generator.model.units import document_units

    from generator.model.schema import Document
    try:
        units = {u.key: u.text for u in document_units(Document.model_validate(english_doc))}
    except Exception:  # noqa: BLE001 - a case that breaks the schema: its translations do not matter
        units = {}
    flat = _flatten(strings)
    for lang in ("pl", "ur"):
        entries = {key: {"text": text, "source": source_hash(units.get(key, ""))}
                   for key, text in translations.get(lang, {}).items()}
        entries.setdefault("title", {"text": "Karta" if lang == "pl" else "چارٹر", "source": source_hash(units.get("title", ""))})
        dump(root / "framework_data" / "translations" / lang / "hostile-charter.yml",
             {"status": "draft", "entries": entries})
        words = {key: {"text": text, "source": source_hash(flat.get(key, ""))}
                 for key, text in interface.get(lang, {}).items()}
        words.setdefault("home", {"text": "Strona główna" if lang == "pl" else "سرورق", "source": source_hash(flat["home"])})
        dump(root / "framework_data" / "translations" / lang / "interface.yml", {"status": "draft", "entries": words})
    for name, text in page_translations.items():
        english = pages[name]
        (root / "content" / "pl").mkdir(parents=True, exist_ok=True)
        (root / "content" / "pl" / name).write_text(
            f"---\nsource: {source_hash(english)}\nstatus: draft\n---\n{text}", encoding="utf-8")
    for case in cases:
        if case["place"] == "link":
            make_link(root, tmp_path, case["field"], case["text"])
    return root, where


def _flatten(data, prefix="") -> dict[str, str]:
    out = {}
    for key, value in (data or {}).items():
        if isinstance(value, dict):
            out.update(_flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = str(value)
    return out


def make_link(root: Path, tmp_path: Path, rel: str, kind: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text(OUTSIDE + "\n", encoding="utf-8")
    (outside / "interface.yml").write_text(f"status: draft\nentries: {{}}\n# {OUTSIDE}\n", encoding="utf-8")
    link = root / rel
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    link.parent.mkdir(parents=True, exist_ok=True)
    if kind == "outside-file":
        link.symlink_to(outside / "secret.txt")
    elif kind == "outside-folder":
        link.symlink_to(outside, target_is_directory=True)
    elif kind == "git-config":
        (root / ".git").mkdir(exist_ok=True)
        (root / ".git" / "config").write_text(OUTSIDE + "\n", encoding="utf-8")
        link.symlink_to(root / ".git" / "config")
    else:
        raise AssertionError(kind)


# ---- 1. validate refuses each case, with the file and line ---------------------------------------------
def test_the_corpus_covers_every_class_in_every_place():
    assert len({c["id"] for c in CASES}) == len(CASES), "case ids are unique"
    places = {}
    for case in CASES:
        places.setdefault(case["class"], set()).add(case["place"])
    assert set(places) == set(range(1, 10))
    for cls in (1, 2, 3, 8, 9):
        assert {"translation", "document"} <= places[cls], cls
    for cls in (1, 2, 3):
        assert {"interface", "content"} <= places[cls] or cls == 3 and "interface" in places[cls], cls
    assert {"content", "content-translation"} <= places[5]
    assert places[6] == {"link"} and places[7] == {"document"}
    for cls in (1, 2, 4, 8):
        assert {"interface", "strings"} & places[cls], cls


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_validate_refuses_the_case_with_file_and_line(tmp_path, monkeypatch, case):
    monkeypatch.setenv("CK_TEST_SECRET", SECRET)
    root, where = hostile_project(tmp_path, [case])
    report = Report()
    corpus = load_project(root, report)
    text = report.format()
    assert "Traceback" not in text
    assert SECRET not in text and OUTSIDE not in text, "no error quotes a file from outside, or the environment"
    if case["expect"] == "ok":
        assert corpus is not None, text
        return
    assert corpus is None, f"{case['id']} was accepted:\n{text}"
    file, near = where[case["id"]]
    found = [i for i in report.errors if i.code == case["expect"]]
    assert found, f"{case['id']}: expected {case['expect']}, got:\n{text}"
    issue = next((i for i in found if i.file == file), None)
    assert issue is not None, f"{case['id']}: {case['expect']} not reported for {file}:\n{text}"
    assert issue.line is not None and issue.line >= 1 and issue.column is not None, issue.format()
    assert issue.hint, "every error says what to do"
    path = root / file
    if path.is_file() and not path.is_symlink():
        lines = path.read_text(encoding="utf-8").splitlines()
        assert issue.line <= max(len(lines), 1), issue.format()
        # the line is the hostile text's (or its key's, where the text is written with escapes)
        start = _line_of(lines, [near, case["text"].split("\n")[0][:10]])
        if start is not None:
            assert start <= issue.line <= start + case["text"].count("\n") + 3, (
                f"{issue.format()}\nexpected a line from {start}:\n" + "\n".join(lines[start - 1:start + 3]))


def _line_of(lines: list[str], candidates) -> int | None:
    for candidate in candidates:
        if candidate and candidate.strip():
            for n, line in enumerate(lines, start=1):
                if candidate in line:
                    return n
    return None


# ---- 2. with the checks off, everything still comes out inert ------------------------------------------
class Page(HTMLParser):
    """What must never be on a page: event attributes, style attributes, ids and classes from the corpus
    (hostile-id, hostile-class, main-content), addresses that run code or go to evil.example (or a
    lookalike of the English's address), scripts from another site; in the page's content, any element
    that is not prose (iframe, form, svg...). Counts <h1> and finds the Content-Security-Policy."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.h1 = 0
        self.csp = False
        self.text: list[str] = []
        self.depth = 0  # > 0 inside <article> (the page's content)
        self.ids: list[str] = []

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def handle_starttag(self, tag, attrs):
        if (tag == "article" or self.depth) and tag not in self.VOID:
            self.depth += 1
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"event attribute {name} on <{tag}>")
            if name == "style":
                self.problems.append(f"style attribute on <{tag}>")
            if name == "id":
                self.ids.append(value)
                if value in ("hostile-id", "main-content"):
                    self.problems.append(f'id="{value}" on <{tag}>')
            if name == "class" and "hostile-class" in value:
                self.problems.append(f'class="{value}" on <{tag}>')
            if name in ("href", "src", "action", "formaction", "srcset", "data", "poster"):
                plain = re.sub(r"[\x00-\x20]", "", value).lower()
                host = plain.split("/")[2] if plain.startswith(("http://", "https://")) and plain.count("/") >= 2 else ""
                if plain.startswith(("javascript:", "data:", "vbscript:", "file:")) or "evil.example" in plain \
                        or not host.isascii() or "@" in host:
                    self.problems.append(f'{name}="{value}" on <{tag}>')
        if self.depth and tag in ("iframe", "object", "embed", "base", "form", "svg", "script", "style", "input"):
            self.problems.append(f"<{tag}> in the page's content")
        if tag == "h1":
            self.h1 += 1
        if tag == "meta" and dict(attrs).get("http-equiv") == "Content-Security-Policy":
            self.csp = True
        if tag == "script":
            a = dict(attrs)
            if a.get("src") and re.match(r"^(https?:)?//", a["src"]):
                self.problems.append(f"script from another site: {a['src']}")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.build
def test_every_case_comes_out_inert_even_with_the_checks_off(tmp_path, monkeypatch):
    """The second line of defence: validate's safety checks switched off, every case built at once into
    one site with packs. Nothing any case tried may reach a page or a pack."""
    from generator.pipeline import build
    from generator.validate import safety
    from generator.validate import translation_files as files

    cases = [c for c in CASES if c.get("inert", True) and c["place"] != "link"]
    root, _ = hostile_project(tmp_path, cases)
    monkeypatch.setenv("CK_TEST_SECRET", SECRET)
    for name in ("check_yaml_texts", "check_interface_words", "check_content_pages"):
        monkeypatch.setattr(safety, name, lambda *a, **k: None)
    monkeypatch.setattr(files, "check_text", lambda *a, **k: [])
    report = Report()
    out = tmp_path / "site"
    assert build(root, report, out=str(out)), report.format()
    assert "build.crash" not in report.format()

    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 30
    problems = []
    for path in pages:
        raw = path.read_text(encoding="utf-8")
        p = Page()
        p.feed(raw)
        rel = path.relative_to(out).as_posix()
        problems += [f"{rel}: {x}" for x in p.problems]
        problems += [f"{rel}: id {i} twice" for i in {i for i in p.ids if p.ids.count(i) > 1}]
        if not p.csp:
            problems.append(f"{rel}: no Content-Security-Policy")
        if rel not in ("index.html", "404.html") and not rel.endswith("/404.html") and p.h1 != 1:
            problems.append(f"{rel}: {p.h1} <h1> elements")
        for secret in (SECRET, OUTSIDE):
            if secret in raw:
                problems.append(f"{rel}: {secret}")
        if len(raw) > 400_000:
            problems.append(f"{rel}: {len(raw)} characters (inflated?)")
        if "\x1b" in raw or "\x00" in raw:
            problems.append(f"{rel}: a control character")
    assert not problems, "\n".join(problems[:40])

    # the words are still there, shown as the words they are
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    assert any(escaped in p.read_text(encoding="utf-8") for p in (out / "pl").rglob("*.html")), \
        "the hostile words are shown as the words they are"
    about = _page_text(out / "en" / "about" / "index.html")
    assert "test@example.org" in about  # the settings are filled in, as text

    # packs: no JavaScript, no actions, links only to web pages and email addresses, nothing from outside
    import pikepdf

    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) >= 9
    for pdf in pdfs:
        with pikepdf.open(pdf) as doc:
            for obj in doc.objects:
                if isinstance(obj, pikepdf.Dictionary):
                    for key in ("/JS", "/JavaScript", "/Launch", "/EmbeddedFile", "/SubmitForm"):
                        assert key not in obj, f"{pdf.name}: {key}"
                    uri = obj.get("/URI")
                    if uri is not None:
                        assert str(uri).startswith(("https://", "http://", "mailto:")), f"{pdf.name}: {uri}"
                        assert "evil.example" not in str(uri), f"{pdf.name}: {uri}"
        words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert SECRET not in words and OUTSIDE not in words
    standard = next(p for p in pdfs if p.name == "hostile-charter-standard-en.pdf")
    words = subprocess.run(["pdftotext", str(standard), "-"], capture_output=True, text=True).stdout
    assert "onerror=alert(1)" in words, "the hostile words are printed as words"


def _page_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    p = Page()
    p.feed(raw)
    return " ".join(" ".join(p.text).split())
