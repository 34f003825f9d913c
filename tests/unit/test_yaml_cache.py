"""The YAML cache (.charterkit-cache/yaml) gives exactly what reading the file gives, and never a stale result."""
from __future__ import annotations

from generator.load import yamlfile


def _read(path, folder):
    return yamlfile.load_yaml(path, "doc.yml", cache=yamlfile.YamlCache(folder))


def test_cached_read_is_the_same_as_a_fresh_read(tmp_path):
    doc = tmp_path / "doc.yml"
    doc.write_text("id: a\nitems:\n  - id: b\n    text: Hello\n", encoding="utf-8")
    fresh = yamlfile.load_yaml(doc, "doc.yml")
    first = _read(doc, tmp_path / "cache")
    assert list((tmp_path / "cache").glob("*.pickle")), "a clean read is kept"
    second = _read(doc, tmp_path / "cache")
    for loaded in (first, second):
        assert loaded.data == fresh.data
        assert loaded.marks == fresh.marks and loaded.key_marks == fresh.key_marks
        assert loaded.position(("items", 0, "text")) == (4, 11)


def test_a_changed_file_is_read_again(tmp_path):
    doc = tmp_path / "doc.yml"
    doc.write_text("id: a\ntext: Hello\n", encoding="utf-8")
    assert _read(doc, tmp_path / "cache").data["text"] == "Hello"
    doc.write_text("id: a\ntext: Goodbye\n", encoding="utf-8")
    assert _read(doc, tmp_path / "cache").data["text"] == "Goodbye"


def test_files_with_problems_are_not_kept_and_still_reported(tmp_path):
    doc = tmp_path / "doc.yml"
    doc.write_text("id: a\n\ttext: Hello\n", encoding="utf-8")
    for _ in range(2):
        loaded = _read(doc, tmp_path / "cache")
        assert not loaded.ok and loaded.issues[0].line == 2
    assert not list((tmp_path / "cache").glob("*.pickle"))


def test_prune_keeps_only_entries_in_use(tmp_path):
    cache = tmp_path / "cache"
    a, b = tmp_path / "a.yml", tmp_path / "b.yml"
    a.write_text("x: 1\n", encoding="utf-8")
    b.write_text("x: 2\n", encoding="utf-8")
    first = yamlfile.YamlCache(cache)
    yamlfile.load_yaml(a, "a.yml", cache=first)
    yamlfile.load_yaml(b, "b.yml", cache=first)
    assert len(list(cache.glob("*.pickle"))) == 2
    second = yamlfile.YamlCache(cache)  # the next build's reading: only a.yml is read
    yamlfile.load_yaml(a, "a.yml", cache=second)
    second.prune()
    assert sorted(p.name for p in cache.glob("*.pickle")) == sorted(second.used) and len(second.used) == 1


def test_a_read_without_a_cache_keeps_nothing_and_two_caches_do_not_share_what_they_used(tmp_path):
    """The cache is a value the caller passes (the pipeline makes one for reading the project), not a switch
    inside the module: a read without one writes nothing, and what one cache used is not another's."""
    doc = tmp_path / "doc.yml"
    doc.write_text("x: 1\n", encoding="utf-8")
    yamlfile.load_yaml(doc, "doc.yml")
    assert not (tmp_path / "cache").exists()
    one, other = yamlfile.YamlCache(tmp_path / "cache"), yamlfile.YamlCache(tmp_path / "cache")
    assert yamlfile.load_yaml(doc, "doc.yml", cache=one).data == {"x": 1}
    assert len(one.used) == 1 and other.used == set()
    yamlfile.load_yaml(doc, "doc.yml")  # (no cache: nothing is marked as used anywhere)
    assert len(one.used) == 1 and other.used == set()


def test_deep_nesting_is_still_caught_by_the_quick_scan(tmp_path):
    doc = tmp_path / "deep.yml"
    doc.write_text("x: " + "[" * 50 + "]" * 50 + "\n", encoding="utf-8")
    loaded = yamlfile.load_yaml(doc, "deep.yml")
    assert [i.code for i in loaded.issues] == ["yaml.too-deep"]
    spread = tmp_path / "spread.yml"  # the brackets over many lines still count
    spread.write_text("x:\n" + "".join("  " * 0 + "[\n" for _ in range(45)) + "]" * 45 + "\n", encoding="utf-8")
    assert [i.code for i in yamlfile.load_yaml(spread, "spread.yml").issues] == ["yaml.too-deep"]
