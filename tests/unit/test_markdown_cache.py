"""The HTML of Markdown texts is kept between builds (.charterkit-cache/markdown/<lang>.pickle)."""
from __future__ import annotations

import pickle

import pytest

from generator.render import site


@pytest.fixture(autouse=True)
def fresh():
    site._markdown_html.cache_clear()
    yield
    site.use_markdown_cache(None)
    site._markdown_html.cache_clear()


def test_kept_html_is_what_converting_gives_and_is_used_next_time(tmp_path):
    file = tmp_path / "en.pickle"
    site.use_markdown_cache(file)
    first = site._markdown_html("We **listen** to you.")
    site.save_markdown_cache()
    assert first == "<p>We <strong>listen</strong> to you.</p>"
    kept = pickle.loads(file.read_bytes())
    assert kept["texts"] == {"We **listen** to you.": first}
    # the next build takes the HTML from the file, without converting
    kept["texts"]["We **listen** to you."] = "<p>from the file</p>"
    file.write_bytes(pickle.dumps(kept))
    site._markdown_html.cache_clear()
    site.use_markdown_cache(file)
    assert site._markdown_html("We **listen** to you.") == "<p>from the file</p>"


def test_a_file_from_other_code_is_not_used(tmp_path):
    file = tmp_path / "en.pickle"
    file.write_bytes(pickle.dumps({"digest": "other code", "texts": {"Hello": "<p>stale</p>"}}))
    site.use_markdown_cache(file)
    assert site._markdown_html("Hello") == "<p>Hello</p>"


def test_an_unreadable_file_is_ignored_and_replaced(tmp_path):
    file = tmp_path / "en.pickle"
    file.write_bytes(b"not a pickle")
    site.use_markdown_cache(file)
    assert site._markdown_html("Hello") == "<p>Hello</p>"
    site.save_markdown_cache()
    assert pickle.loads(file.read_bytes())["texts"] == {"Hello": "<p>Hello</p>"}


def test_texts_no_longer_used_are_dropped(tmp_path):
    file = tmp_path / "en.pickle"
    site.use_markdown_cache(file)
    site._markdown_html("One")
    site._markdown_html("Two")
    site.save_markdown_cache()
    site._markdown_html.cache_clear()
    site.use_markdown_cache(file)
    site._markdown_html("Two")
    site.save_markdown_cache()
    assert set(pickle.loads(file.read_bytes())["texts"]) == {"Two"}
