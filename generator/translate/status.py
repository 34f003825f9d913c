"""How much is translated: per language and document, the number of texts reviewed, draft, stale and missing."""
from __future__ import annotations

from dataclasses import dataclass

from ..model.corpus import Corpus
from .localise import entry_state
from ..model.units import document_units


@dataclass(frozen=True)
class StatusRow:
    name: str  # document ID, tool ID, "interface", "glossary" or "pages" (the site's own pages and the site_config.yml words they show)
    reviewed: int
    draft: int
    stale: int
    missing: int

    @property
    def total(self) -> int:
        return self.reviewed + self.draft + self.stale + self.missing

    @property
    def current(self) -> int:
        return self.reviewed + self.draft

    @property
    def percent(self) -> float:
        return 100.0 * self.current / self.total if self.total else 100.0


def _count(name: str, pairs) -> StatusRow:
    counts = {"reviewed": 0, "draft": 0, "stale": 0, "missing": 0}
    for english, entry in pairs:
        counts[entry_state(english, entry)] += 1
    return StatusRow(name, **counts)


def status_rows(corpus: Corpus, lang: str) -> list[StatusRow]:
    from ..read.strings import load_strings
    pack = corpus.translations.get(lang)
    entries = pack.documents if pack else {}
    rows = [_count("interface", [(text, (pack.interface.get(key) if pack else None))
                                 for key, text in load_strings(corpus.root, "en").items()])]
    for doc in corpus.documents:
        found = entries.get(doc.id, {})
        rows.append(_count(doc.id, [(u.text, found.get(u.key)) for u in document_units(doc)]))
    from ..model.units import tool_units

    for tool_id, tool in corpus.tools.items():  # the engagement tools' own words (framework_data/tools/)
        found = pack.tools.get(tool_id, {}) if pack else {}
        rows.append(_count(tool_id, [(u.text, found.get(u.key)) for u in tool_units(tool)]))
    from ..model.units import glossary_units, settings_units

    if corpus.glossary is not None:  # the word list (glossary.yml)
        found = pack.glossary if pack else {}
        rows.append(_count("glossary", [(u.text, found.get(u.key)) for u in glossary_units(corpus.glossary)]))
    pages_dir = corpus.root / "content" / "en"
    if pages_dir.is_dir():
        # the pages, and the words of site_config.yml they show (site.yml)
        pairs = [(u.text, pack.settings.get(u.key) if pack else None) for u in settings_units(corpus.config)]
        for page in sorted(pages_dir.glob("*.md")):
            entry = pack.pages.get(page.name) if pack else None
            english = page.read_text(encoding="utf-8")
            pairs.append((english, entry))
        rows.append(_count("pages", pairs))
    return rows


def total(rows: list[StatusRow]) -> StatusRow:
    return StatusRow("total", *(sum(getattr(r, f) for r in rows) for f in ("reviewed", "draft", "stale", "missing")))


# ---- one pack ----------------------------------------------------------------------------------------
EASY_READ_KINDS = ("easy-read", "survey-easy-read")


def pack_row(corpus: Corpus, lang: str, kind: str, doc_id: str, tool_id: str | None = None) -> StatusRow:
    """How much of one pack's own texts is translated into lang, counted as `i18n status` counts them: the
    document's texts the pack prints (the easy-read ones for an easy-read pack, the others otherwise), and for
    an engagement tool its own words and the texts of the statements it names. The interface words are
    counted apart (status_rows' "interface")."""
    from ..model.units import is_easy_read, tool_units

    pack = corpus.translations.get(lang)
    easy = kind in EASY_READ_KINDS
    doc = corpus.document(doc_id)
    found = pack.documents.get(doc_id, {}) if pack else {}
    units = [u for u in document_units(doc) if u.key == "title" or is_easy_read(u.key) == easy]
    pairs = []
    if tool_id is not None:
        from ..model.tools import statements_named

        tool = corpus.tools[tool_id]
        named = {item for _, item in statements_named(tool)}
        if not named and hasattr(tool, "questions_list"):  # a workbook of every item with questions
            from ..model.corpus import walk_items

            named = {loc.item.id for loc in walk_items(doc) if any(l.id == tool.questions_list for l in loc.item.lists)}
        # the statements' texts the tool prints: their wording (or easy-read points), and the list a guide
        # draws prompts from or a workbook its questions
        lists = {getattr(tool, "examples_list", None), getattr(tool, "questions_list", None)} - {None}

        def printed(key: str) -> bool:
            item, _, rest = key.partition(".")
            if item not in named:
                return False
            return easy or rest in ("title", "short_text", "text") or any(
                rest.startswith(f"lists.{name}.") for name in lists)

        units = [u for u in units if u.key == "title" or printed(u.key)]
        own = pack.tools.get(tool_id, {}) if pack else {}
        for u in tool_units(tool):
            # the easy-read survey prints the easy_read: texts; the others print the rest (title included)
            if (u.key.startswith("easy_read.") if easy else not u.key.startswith("easy_read.")):
                pairs.append((u.text, own.get(u.key)))
    pairs += [(u.text, found.get(u.key)) for u in units]
    return _count(doc_id if tool_id is None else tool_id, pairs)
