"""web/squeeze.py: blank runs with a line break become one line break, except where spaces matter."""
from __future__ import annotations

from generator.web.squeeze import squeeze


def test_blank_runs_between_and_inside_tags_become_one_line_break():
    html = '<ul>\n    \n  <li class="a">\n      <span>\n        Home\n      </span>\n  </li>\n\n</ul>'
    assert squeeze(html) == '<ul>\n<li class="a">\n<span>\nHome\n</span>\n</li>\n</ul>'
    tag = '<a href="x"\n      class="y"\n      title="one\n   two">'
    assert squeeze(tag) == '<a href="x"\nclass="y"\ntitle="one\n   two">', "a value's own spaces are kept"


def test_spaces_that_show_or_are_hashed_are_kept():
    kept = ("<pre>a\n\n    b</pre>", "<textarea>x\n\n  y</textarea>", "<code>if x:\n    y</code>",
            "<kbd>\n  Ctrl\n</kbd>", '<script>var a = `x\n\n   y`;</script>', "<style>\n\n  a{}</style>",
            "<!-- a\n\n   b -->", '<pre class="x">\n  <code>\n    z\n  </code>\n</pre>')
    for part in kept:
        assert squeeze(f"<p>\n   \n{part}\n   \n</p>") == f"<p>\n{part}\n</p>", part


def test_words_and_single_spaces_are_untouched():
    html = '<p>Two  spaces and a tab\there, <b>bold</b> <i>then</i> more &lt; text > too.</p>'
    assert squeeze(html) == html


def test_a_quoted_greater_than_sign_does_not_end_a_tag():
    html = '<a title="a > b"\n    href="c">\n   d\n</a>'
    assert squeeze(html) == '<a title="a > b"\nhref="c">\nd\n</a>'
