"""mkdocs_engine/search_index.compact_search_index: the index with its letters as UTF-8, not \\u escapes."""
from __future__ import annotations

import json
import os

from generator.web.mkdocs_engine.search_index import compact_search_index


def test_the_index_keeps_its_words_and_loses_the_escapes(tmp_path):
    index = {"config": {"lang": ["ar"], "separator": "[\\s\\-]+"},
             "docs": [{"location": "a/#b", "title": "ما الذي يمكنك فعله هنا؟", "text": "<p>قراءة \"وثيقة\"</p>"},
                      {"location": "", "title": "Zażółć gęślą jaźń", "text": "line\u2028separator"}]}
    file = tmp_path / "search_index.json"
    file.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")  # as Material writes it
    linked = tmp_path / "published.json"
    os.link(file, linked)  # the published site's copy is the same file
    before = file.stat().st_size
    compact_search_index(file)
    text = file.read_text(encoding="utf-8")
    assert json.loads(text) == index
    assert "\\u" not in text and "ما الذي" in text
    assert file.stat().st_size < before * 0.7
    assert "\\u" in linked.read_text(encoding="utf-8"), "the published file was replaced, not written into"
