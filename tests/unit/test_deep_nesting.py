"""Lists and quotes nested hundreds of levels deep: found in the session 6 review, where a statement whose text
was a list nested 300 levels deep (300 lines of "- a", each indented four spaces more) passed `charterkit
validate` without a word, and `charterkit build` then stopped with "charterkit stopped unexpectedly:
RecursionError ... This is a bug in charterkit" and a traceback of 2,500 lines (Python-Markdown reads nested
lists by calling itself once a level). Now validate says where and what to do, and the Markdown step never
fails whatever it is given (the text is shown as plain words)."""
from __future__ import annotations

import pytest

from generator.markup import sanitise
from generator.validate.safety import text_findings


def _list(levels: int, marker: str = "- ") -> str:
    return "We will listen.\n\n" + "".join("    " * i + f"{marker}a\n" for i in range(levels))


DEEP = {
    "a bulleted list 300 levels deep": _list(300),
    "a numbered list 300 levels deep": _list(300, "1. "),
    "a list 1,000 levels deep": _list(1000),
    "quotes 3,000 deep": "> " * 3000 + "x",
}


@pytest.mark.parametrize("text", DEEP.values(), ids=DEEP.keys())
def test_validate_refuses_deep_nesting_at_its_line(text):
    for page in (False, True):
        found = [f for f in text_findings(text, lang="en", page=page) if f.kind == "nesting"]
        assert len(found) == 1, [f.kind for f in text_findings(text, lang="en", page=page)]
        assert found[0].hint and found[0].severity == "error"
        line = text[: found[0].offset].count("\n") + 1
        assert line >= 3 or text.startswith(">"), "the finding points at the first line nested too deep"


@pytest.mark.parametrize("text", DEEP.values(), ids=DEEP.keys())
def test_the_markdown_step_never_fails_on_it(text):
    for profile in ("text", "page"):
        out = sanitise.markdown_html(text, profile)
        assert "We will listen" in out or "x" in out
        assert "<script" not in out


def test_ordinary_nesting_is_fine():
    text = "Things we do:\n\n- ask\n    - what matters\n        - to you\n\n> A quote\n> > inside a quote\n"
    assert [f.kind for f in text_findings(text, lang="en")] == []
    out = sanitise.markdown_html(text)
    assert out.count("<ul>") == 3 and out.count("<blockquote>") == 2
