"""The web pages' templates (theme/pages/*.md.j2, web/text.py): whatever a template writes is escaped once
unless markup/ made it (so a word from a pull request can never become markup there), and escaped the
way the page writer always escaped it (html.escape: `&#x27;`), so moving a page into a template changes
no byte of it."""
from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup

from generator.web.text import PAGES_DIR, page_environment

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(tmp_path):
    (tmp_path / PAGES_DIR).mkdir(parents=True)
    return page_environment(tmp_path)


def test_every_value_is_escaped_once_as_html_escape_does(env):
    out = env.from_string('<a title="{{ v }}">{{ v }}</a>').render(v="Tom's <script>\"x\" & y")
    assert out == ('<a title="Tom&#x27;s &lt;script&gt;&quot;x&quot; &amp; y">'
                   "Tom&#x27;s &lt;script&gt;&quot;x&quot; &amp; y</a>")


def test_markup_made_by_the_helpers_is_written_as_it_is_and_not_twice(env):
    assert env.from_string("{{ v }}").render(v=Markup("<b>&amp;</b>")) == "<b>&amp;</b>"
    macro = '{% macro m(x) %}<i>{{ x }}</i>{% endmacro %}{{ m("a&b") }}'
    assert env.from_string(macro).render() == "<i>a&amp;b</i>"


def test_the_md_inline_filter_makes_words_inert_in_markdown_and_html(env):
    out = env.from_string("# {{ v | md_inline }}").render(v="[click](javascript:x) *bold* <b>")
    assert "<b>" not in out and "[" not in out and "*" not in out
    assert out == "# &#91;click&#93;(javascript:x) &#42;bold&#42; &lt;b&gt;"


def test_a_missing_value_is_an_error_not_an_empty_text(env):
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ nothing }}").render()


def test_no_page_template_turns_a_string_into_markup():
    templates = sorted((ROOT / PAGES_DIR).glob("*.md.j2"))
    assert len(templates) >= 5, templates
    for path in templates:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b|\bMarkup\b|autoescape\s+false", text), path.name
