"""The default documents' YAML files read as plain data, and the walkers the per-document data tests share.

The data tests check framework_data/ against the source documents with yaml.safe_load only, without
importing charterkit, so that a mistake in charterkit's own reading cannot hide a mistake in the data.

Every walker returns a list of (path, node) in reading order, where path names the node for a message
("/statements/statement-1"), and fails (AssertionError) when it finds nothing: a test that loops over what
a walker found cannot pass on nothing.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "framework_data" / "documents"
#: The five source documents (../shared/seeds beside the repository), where the tests can read them.
SEEDS = ROOT.parent / "shared" / "seeds"


def load(doc_id: str) -> dict:
    """framework_data/documents/<doc_id>.yml as plain data."""
    return yaml.safe_load((DOCUMENTS / f"{doc_id}.yml").read_text(encoding="utf-8"))


def seed(name: str) -> str:
    """The text of a source document in ../shared/seeds. The test is skipped (not passed) where the seeds
    are not beside the repository."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    return (SEEDS / name).read_text(encoding="utf-8")


def _found(found: list, what: str, where: dict) -> list:
    assert found, f"found no {what} in {where.get('id', 'this node')}"
    return found


def _sections(node: dict, path: str) -> list[tuple[str, dict]]:
    out = []
    for section in node.get("sections") or []:
        here = f"{path}/{section['id']}"
        out.append((here, section))
        out.extend(_sections(section, here))
    return out


def _items(node: dict, path: str) -> list[tuple[str, dict]]:
    """The node's items (each followed by its sub-items), then those of its sections, in reading order."""
    out = []
    for item in node.get("items") or []:
        here = f"{path}/{item['id']}"
        out.append((here, item))
        out.extend(_items({"items": item.get("items")}, here))
    for section in node.get("sections") or []:
        out.extend(_items(section, f"{path}/{section['id']}"))
    return out


def sections(node: dict) -> list[tuple[str, dict]]:
    """Every section of a document (or every sub-section of a section), depth first: a section, then its
    own sections."""
    return _found(_sections(node, ""), "sections", node)


def items(node: dict) -> list[tuple[str, dict]]:
    """Every item of a document, or of a section or item, sub-items included, in reading order: a section's
    items (each followed by its sub-items), then those of its sections."""
    return _found(_items(node, ""), "items", node)


def own_items(node: dict) -> list[tuple[str, dict]]:
    """A section's own items (each followed by its sub-items), not those of its sections; or an item's
    sub-items. Unlike the walkers above it may find none: a section can hold only an introduction, or only
    sections, and most items have no sub-items."""
    return _items({"items": node.get("items")}, "")


def points(doc: dict) -> list[tuple[str, dict]]:
    """Every easy-read point of a document in the order its easy-read page shows them: the about points,
    then each section's own points, its items' points (each item's, then its sub-items') and its
    sections' points, then the contact points."""
    er = doc.get("easy_read") or {}
    out = [(f"easy_read.about[{n}]", point) for n, point in enumerate(er.get("about") or [])]

    def in_items(its, path):
        for item in its or []:
            here = f"{path}/{item['id']}"
            out.extend((f"{here}.easy_read[{n}]", point) for n, point in enumerate(item.get("easy_read") or []))
            in_items(item.get("items"), here)

    def in_sections(secs, path):
        for section in secs or []:
            here = f"{path}/{section['id']}"
            out.extend((f"{here}.easy_read[{n}]", point) for n, point in enumerate(section.get("easy_read") or []))
            in_items(section.get("items"), here)
            in_sections(section.get("sections"), here)

    in_sections(doc.get("sections"), "")
    out.extend((f"easy_read.contact[{n}]", point) for n, point in enumerate(er.get("contact") or []))
    return _found(out, "easy-read points", doc)


def section(doc: dict, section_id: str) -> dict:
    """The section with this ID, at any depth."""
    for _, found in _sections(doc, ""):
        if found["id"] == section_id:
            return found
    raise KeyError(f"{doc.get('id')} has no section {section_id}")


def item(doc: dict, item_id: str) -> dict:
    """The item with this ID, at any depth."""
    for _, found in _items(doc, ""):
        if found["id"] == item_id:
            return found
    raise KeyError(f"{doc.get('id')} has no item {item_id}")


def texts(node) -> list[str]:
    """Every string anywhere in a node (keys left out), in order."""
    if isinstance(node, dict):
        return [text for value in node.values() for text in texts(value)]
    if isinstance(node, list):
        return [text for value in node for text in texts(value)]
    return [node] if isinstance(node, str) else []
