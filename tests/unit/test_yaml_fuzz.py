"""Property-based: whatever YAML (or bytes) an editor saves, validation reports problems and never crashes."""
from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.diagnostics import Report
from generator.load.yamlfile import load_yaml
from generator.validate.project import load_project

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30), st.dates().map(str))
keys = st.sampled_from(["id", "kind", "title", "summary", "source", "sections", "items", "text", "page",
                        "maps_to", "lists", "entries", "number", "easy_read", "picture", "x"]) | st.text(max_size=8)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
                      max_leaves=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(keys, values, max_size=8))
def test_arbitrary_yaml_never_crashes(tmp_path, make_project, data):
    root = tmp_path / "p"
    if not root.exists():
        make_project(theme=False, node_modules=False, where=root)
    target = root / "framework_data" / "documents" / "fuzz.yml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = Report()
    load_project(root, report)  # must not raise
    for issue in report.issues:
        assert issue.message and issue.code


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_arbitrary_bytes_never_crash_the_loader(tmp_path, raw):
    target = tmp_path / "raw.yml"
    target.write_bytes(raw)
    loaded = load_yaml(target, "raw.yml")  # must not raise
    for issue in loaded.issues:
        assert issue.file == "raw.yml"
