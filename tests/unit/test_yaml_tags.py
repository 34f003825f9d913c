"""A YAML tag (!!python/object..., !!binary, !!set, !custom) in a file an editor changes is refused with a plain
message that names the tag, its line and what to do: found in the session 6 review, where
`title: !!python/object/apply:os.system ['id']` was read as a list (the tag silently dropped) and reported as
"Expected text, but found a list", and a tag on a single value as "could not determine a constructor".
Nothing in a tag ever runs (the loader is PyYAML's safe one): this is about the editor understanding the error."""
from __future__ import annotations

import pytest

from generator.load.yamlfile import parse_yaml_text

TAGGED = [
    ("title: !!python/object/apply:os.system ['id']\n", "!!python/object/apply:os.system"),
    ("title: !!python/name:os.system ''\n", "!!python/name:os.system"),
    ("title: !!binary aGVsbG8=\n", "!!binary"),
    ("items: !!set {a, b}\n", "!!set"),
    ("items: !!omap [a: 1]\n", "!!omap"),
    ("title: !custom words\n", "!custom"),
    ("ok: yes\nsection:\n  title: !<tag:evil.example,2026:x> words\n", "tag:evil.example,2026:x"),
]


@pytest.mark.parametrize("text, tag", TAGGED, ids=[t for _, t in TAGGED])
def test_a_tag_is_refused_with_its_name_line_and_what_to_do(text, tag):
    loaded = parse_yaml_text(text, "framework_data/documents/x.yml")
    assert not loaded.ok
    issues = [i for i in loaded.issues if i.code == "yaml.tag"]
    assert len(issues) == 1, [i.format() for i in loaded.issues]
    issue = issues[0]
    assert tag in issue.message and issue.hint and "!!" not in issue.hint.replace(tag, "")
    assert issue.line == text.count("\n", 0, text.index(tag.split(":")[0] if tag.startswith("tag:") else tag)) + 1
    assert "constructor" not in issue.message


def test_plain_values_and_the_tags_yaml_itself_adds_are_fine():
    loaded = parse_yaml_text('a: words\nb: 2\nc: 2.5\nd: true\ne: null\nf: [x]\ng: {h: i}\nj: 2026-01-01\n'
                             'k: !!str 2026\n', "x.yml")
    assert loaded.ok, [i.format() for i in loaded.issues]
    assert loaded.data["k"] == "2026" and loaded.data["j"] == "2026-01-01"
