"""The HTML of Markdown texts is kept between builds (.charterkit-cache/markdown/<lang>.pickle), by a
MarkdownCache object the page writer is given (markup/markdown.py): no module state."""
from __future__ import annotations

import pickle

import pytest

from generator.markup import markdown
from generator.markup.markdown import MarkdownCache


@pytest.fixture(autouse=True)
def fresh():
    markdown.markdown_html.cache_clear()
    yield
    markdown.markdown_html.cache_clear()


def test_kept_html_is_what_converting_gives_and_is_used_next_time(tmp_path):
    file = tmp_path / "en.pickle"
    cache = MarkdownCache(file)
    first = cache.convert("We **listen** to you.")
    cache.save()
    assert first == "<p>We <strong>listen</strong> to you.</p>"
    kept = pickle.loads(file.read_bytes())
    assert kept["texts"] == {"We **listen** to you.": first}
    # the next build takes the HTML from the file, without converting
    kept["texts"]["We **listen** to you."] = "<p>from the file</p>"
    file.write_bytes(pickle.dumps(kept))
    markdown.markdown_html.cache_clear()
    assert MarkdownCache(file).convert("We **listen** to you.") == "<p>from the file</p>"


def test_a_file_from_other_code_is_not_used(tmp_path):
    file = tmp_path / "en.pickle"
    file.write_bytes(pickle.dumps({"digest": "other code", "texts": {"Hello": "<p>stale</p>"}}))
    assert MarkdownCache(file).convert("Hello") == "<p>Hello</p>"


def test_an_unreadable_file_is_ignored_and_replaced(tmp_path):
    file = tmp_path / "en.pickle"
    file.write_bytes(b"not a pickle")
    cache = MarkdownCache(file)
    assert cache.convert("Hello") == "<p>Hello</p>"
    cache.save()
    assert pickle.loads(file.read_bytes())["texts"] == {"Hello": "<p>Hello</p>"}


def test_texts_no_longer_used_are_dropped(tmp_path):
    file = tmp_path / "en.pickle"
    cache = MarkdownCache(file)
    cache.convert("One")
    cache.convert("Two")
    cache.save()
    markdown.markdown_html.cache_clear()
    cache = MarkdownCache(file)
    cache.convert("Two")
    cache.save()
    assert set(pickle.loads(file.read_bytes())["texts"]) == {"Two"}


def test_two_caches_keep_nothing_in_common(tmp_path):
    """Two languages' caches in one process: what one keeps is not written into the other's file."""
    en, pl = MarkdownCache(tmp_path / "en.pickle"), MarkdownCache(tmp_path / "pl.pickle")
    en.convert("English only")
    pl.convert("Polski")
    en.save()
    pl.save()
    assert set(pickle.loads((tmp_path / "en.pickle").read_bytes())["texts"]) == {"English only"}
    assert set(pickle.loads((tmp_path / "pl.pickle").read_bytes())["texts"]) == {"Polski"}


def test_a_cache_without_a_file_writes_nothing(tmp_path):
    cache = MarkdownCache(None)
    assert cache.convert("Hello") == "<p>Hello</p>"
    cache.save()
    assert list(tmp_path.iterdir()) == []
