"""How much is translated: per language and document, the number of texts reviewed, draft, stale and missing."""
from __future__ import annotations

from dataclasses import dataclass

from ..model.corpus import Corpus
from .localise import entry_state
from .units import document_units


@dataclass(frozen=True)
class StatusRow:
    name: str  # document ID, tool ID, "interface" or "pages" (the site's own pages and the site_config.yml words they show)
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
    from ..render.strings import load_strings
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
    from .units import settings_units

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
