"""Material's search index after a dirty MkDocs build, which indexes only the pages it rendered again:
every other page's entries are added back, in the order a full build gives them (merge_search_index).
And every index written with its letters as they are (compact_search_index)."""
from __future__ import annotations

from pathlib import Path


def sources_of(html_rel: str) -> tuple[str, ...]:
    """The docs pages an output page may come from: a/b/index.html <- a/b.md or a/b/index.md."""
    if html_rel == "index.html":
        return ("index.md",)
    base = html_rel[: -len("/index.html")] if html_rel.endswith("/index.html") else html_rel[:-5]
    return (base + ".md", base + "/index.md")


def merge_search_index(index_file: Path, old_text: str | None, since: float) -> None:
    """A dirty MkDocs build indexes only the pages it re-rendered: add back every other page's entries."""
    import json

    if old_text is None or not index_file.exists():
        return
    new = json.loads(index_file.read_text(encoding="utf-8"))
    old = json.loads(old_text)
    def page(doc):
        return doc["location"].split("#", 1)[0]

    fresh: dict[str, list] = {}
    for d in new.get("docs", []):
        fresh.setdefault(page(d), []).append(d)
    merged, placed = [], set()
    for d in old.get("docs", []):  # keep the order of a full build: fresh entries go where the old ones were
        p = page(d)
        if p not in fresh:
            merged.append(d)
        elif p not in placed:
            merged.extend(fresh[p])
            placed.add(p)
    merged.extend(d for p, entries in fresh.items() if p not in placed for d in entries)
    new["docs"] = merged
    index_file.unlink()  # replaced, not written into (the published site links to the old one)
    index_file.write_text(_dumps(new), encoding="utf-8")


def _dumps(index) -> str:
    """As Material writes the index (no spaces), but with letters outside ASCII written as themselves."""
    import json

    return json.dumps(index, separators=(",", ":"), default=str, ensure_ascii=False)


def compact_search_index(index_file: Path) -> None:
    """Material writes every letter outside ASCII in the index as an escape (\\u0627 for the Arabic alif:
    six bytes for a letter UTF-8 writes in two): the Arabic and Urdu indexes were 1.5 and 1.7 MB, and are
    0.6 and 0.7 MB written as UTF-8 (JSON's own encoding; the search reads the same words)."""
    import json

    if not index_file.exists():
        return
    text = index_file.read_text(encoding="utf-8")
    compact = _dumps(json.loads(text))
    if compact != text:
        index_file.unlink()  # replaced, not written into (the published site may link to this file)
        index_file.write_text(compact, encoding="utf-8")
