"""Load a YAML file safely, keeping the line and column of every value.

PyYAML forgets where a value came from once it is turned into Python objects. Here we compose
the node tree ourselves, so that every later check can say "file.yml:12:5". We also guard against
what would otherwise crash or hang: bytes that are not UTF-8, tabs, huge files, duplicate keys,
recursive anchors and "billion laughs" alias bombs, and very deep nesting.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..diagnostics import Issue

# libyaml's parser when PyYAML was built with it (about ten times faster); same nodes and positions
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 2 * 1024 * 1024  # no real document is anywhere near this
MAX_DEPTH = 40
MAX_VALUES = 200_000  # after alias expansion
#: For files where one repeated text could bloat every page (translations): how many characters of text
#: aliases (*name) may repeat in one file, in all. See load_yaml(max_alias_chars=...).
MAX_ALIAS_CHARS = 10_000

Path_ = tuple  # a key path: ("sections", 2, "items", 0, "text")


def key_path(path: tuple) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


@dataclass
class Loaded:
    """The Python value of a YAML file, with the position of every value and key."""

    file: Path
    data: Any = None
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # value positions
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # key positions
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(i.severity == "error" for i in self.issues)

    def position(self, path: tuple, prefer_key: bool = False) -> tuple[int | None, int | None]:
        """The best known position for a key path: the value, else its nearest parent."""
        path = tuple(path)
        while True:
            if prefer_key and path in self.key_marks:
                return self.key_marks[path]
            if path in self.marks:
                return self.marks[path]
            if path in self.key_marks:
                return self.key_marks[path]
            if not path:
                return (None, None)
            path = path[:-1]


class _Stop(Exception):
    pass


#: The tags YAML gives plain values itself (written or not: !!str 2026 is the text "2026"). Any other tag is refused.
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in
                        ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge"))


class _Builder:
    def __init__(self, loaded: Loaded, display: str, max_alias_chars: int | None = None):
        self.loaded = loaded
        self.display = display
        self.count = 0
        self.constructor = yaml.SafeLoader("")  # only used to resolve plain scalars
        self.max_alias_chars = max_alias_chars
        self.alias_chars = 0  # characters of text repeated through aliases so far
        self.built: set[int] = set()  # nodes already built once: meeting one again means an alias

    def _text_size(self, node: Node, depth: int = 0) -> int:
        if depth > MAX_DEPTH:
            return 0  # (too deep is reported on its own)
        if isinstance(node, ScalarNode):
            return len(node.value)
        if isinstance(node, SequenceNode):
            return sum(self._text_size(child, depth + 1) for child in node.value)
        if isinstance(node, MappingNode):
            return sum(self._text_size(k, depth + 1) + self._text_size(v, depth + 1) for k, v in node.value)
        return 0

    def _count_alias(self, node: Node, path: tuple) -> None:
        """An alias repeats the text of its anchor: keep the total under max_alias_chars, if set."""
        if self.max_alias_chars is None:
            return
        self.alias_chars += self._text_size(node)
        if self.alias_chars > self.max_alias_chars:
            line, col = self.loaded.key_marks.get(path) or (node.start_mark.line + 1, node.start_mark.column + 1)
            self.loaded.issues.append(Issue(
                "yaml.alias-too-big",
                f"Aliases (*name) in this file repeat more than {self.max_alias_chars:,} characters of text in all, "
                "so one text could fill many pages. This alias goes over the limit.",
                file=self.display, line=line, column=col, key=key_path(path) if path else None,
                hint="Write each text out in full where it is needed, instead of repeating it with &name and *name: "
                     "then everyone reviewing the file sees what will be published."))
            raise _Stop

    def fail(self, code, message, node: Node | None, path, hint=None):
        line = col = None
        if node is not None:
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
        self.loaded.issues.append(
            Issue(code, message, file=self.display, line=line, column=col,
                  key=key_path(path) if path else None, hint=hint)
        )

    def build(self, node: Node, path: tuple, stack: tuple, depth: int):
        self.count += 1
        if self.count > MAX_VALUES:
            self.fail("yaml.too-big", f"The file expands to more than {MAX_VALUES:,} values "
                      "(anchors and aliases repeated many times).", node, path,
                      "Write the values out plainly instead of repeating anchors inside anchors.")
            raise _Stop
        if depth > MAX_DEPTH:
            self.fail("yaml.too-deep", f"Values are nested more than {MAX_DEPTH} levels deep.", node, path,
                      "Check the indentation: documents never need this much nesting.")
            raise _Stop
        if id(node) in stack:
            self.fail("yaml.recursive-anchor", "An anchor (&name) refers to itself through an alias (*name).",
                      node, path, "Remove the alias that points back to its own anchor.")
            raise _Stop
        if id(node) in self.built:
            self._count_alias(node, path)
        else:
            self.built.add(id(node))
        self.loaded.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _PLAIN_TAGS:
            # !!python/object..., !!binary, !!set, !custom: never run (the loader is the safe one), but refused
            # by name, rather than dropped quietly or reported as a puzzling type error
            shown = node.tag.replace("tag:yaml.org,2002:", "!!", 1)
            self.fail("yaml.tag", f"This value has a YAML tag ({shown}), which the files here never use.", node,
                      path, "Delete the tag (the word starting with !) and write the value as plain text, "
                            "a list or a block of keys.")
            return None
        stack = stack + (id(node),)
        if isinstance(node, ScalarNode):
            if node.tag == "tag:yaml.org,2002:timestamp":
                return node.value  # keep dates as the text the editor wrote
            try:
                return self.constructor.construct_object(node, deep=True)
            except Exception as exc:  # a malformed scalar (e.g. a bad !!binary)
                self.fail("yaml.value", f"This value cannot be read: {exc}", node, path)
                return None
        if isinstance(node, SequenceNode):
            return [self.build(child, path + (i,), stack, depth + 1) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            result: dict = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.fail("yaml.merge-key", "Merge keys (<<) are not supported.", key_node, path,
                              "Write the keys out in full.")
                    continue
                if not isinstance(key_node, ScalarNode):
                    self.fail("yaml.key", "A key must be plain text, not a list or mapping.", key_node, path)
                    continue
                key = key_node.value
                if key in result:
                    self.fail("yaml.duplicate-key", f'The key "{key}" appears twice in the same block.',
                              key_node, path + (key,), "Delete one of them or rename it.")
                    continue
                self.loaded.key_marks[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, path + (key,), stack, depth + 1)
            return result
        self.fail("yaml.node", "This value has a type YAML files here never use.", node, path)
        return None


def _yaml_error(exc: yaml.YAMLError, display: str, text: str) -> Issue:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = col = None
    if mark is not None:
        line, col = mark.line + 1, mark.column + 1
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    hint = "Check the indentation and punctuation on this line and the line before it."
    message = f"The YAML cannot be read: {problem}" + (f" ({context})" if context else "") + "."
    if "'\\t'" in problem:  # PyYAML: found character '\t' that cannot start any token
        message = "A tab character is used for indentation. YAML only allows spaces."
        hint = "Replace the tab at the start of this line with spaces (two spaces per level)."
    elif line is not None:
        lines = text.splitlines()
        if 0 < line <= len(lines) and "\t" in lines[line - 1][: max(col or 1, 1)]:
            message = "A tab character is used for indentation. YAML only allows spaces."
            hint = "Replace the tab at the start of this line with spaces (two spaces per level)."
        elif "mapping values are not allowed" in problem:
            hint = ('A line has a second ": " in it. Put the whole text in quotes, '
                    'or use ">-" and write the text on the next lines.')
    return Issue("yaml.syntax", message, file=display, line=line, column=col, hint=hint)


def _too_deep_line(text: str) -> tuple[int, int] | None:
    """Where [ and { brackets nest deeper than MAX_DEPTH, outside quotes and comments (a quick pre-scan)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None  # too few brackets to nest that deep
    depth = 0
    for n, line in enumerate(text.splitlines(), start=1):
        if "[" not in line and "{" not in line and "]" not in line and "}" not in line:
            continue  # a line without brackets does not change the depth
        quote = None
        for col, ch in enumerate(line, start=1):
            if quote:
                if ch == quote:
                    quote = None
            elif ch in "'\"" and (col == 1 or line[col - 2] in " [{,:"):
                quote = ch
            elif ch == "#" and (col == 1 or line[col - 2] == " "):
                break
            elif ch in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return n, col
            elif ch in "]}":
                depth = max(0, depth - 1)
    return None


@dataclass
class YamlCache:
    """What reading each YAML file gave, kept in folder (a project's .charterkit-cache/yaml) by a hash of the
    file's bytes, its name as shown, and the reading code, so an entry can never be out of date: reading a
    file again after any change costs the same as before; an unchanged file costs a lookup.

    The pipeline makes one for reading the project and passes it to load_project() (which passes it to every
    load_yaml() of that reading); used: the entries those reads used, so prune() can delete the others."""

    folder: Path
    used: set[str] = field(default_factory=set)

    def entry(self, raw: bytes, display: str) -> Path:
        """The entry for a file with these bytes, shown as display (marked as used)."""
        name = f"{_cache_key(raw, display)}.pickle"
        self.used.add(name)
        return Path(self.folder) / name

    def prune(self) -> None:
        """Delete the entries in folder that the reads through this cache did not use (files since changed or
        gone)."""
        prune_cache(self.folder, self.used)


def prune_cache(folder: Path, used: set[str]) -> None:
    """Delete the entries in folder that are not in used (files since changed or gone)."""
    if not Path(folder).is_dir():
        return
    for entry in Path(folder).glob("*.pickle"):
        if entry.name not in used:
            entry.unlink(missing_ok=True)


def _cache_key(raw: bytes, display: str) -> str:
    import hashlib

    digest = hashlib.sha256(raw)
    digest.update(b"\0" + display.encode() + b"\0" + _code_digest().encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """A hash of the reading code (this module and diagnostics.py) and PyYAML's version (worked out once)."""
    import hashlib

    from .. import diagnostics

    digest = hashlib.sha256(Path(__file__).read_bytes() + Path(diagnostics.__file__).read_bytes())
    digest.update(f"{yaml.__version__} {_LOADER.__name__}".encode())
    return digest.hexdigest()


def load_yaml(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES,
              max_alias_chars: int | None = None, cache: YamlCache | None = None) -> Loaded:
    """Read one YAML file. Never raises for bad input: problems become Issues on the result.

    max_alias_chars: if given, the most characters of text that aliases (*name) may repeat in the file.
    cache: where to keep (and look for) what reading the file gives (none: read it afresh)."""
    display = display or str(path)
    if cache is None:
        return _load_yaml(path, display, max_bytes, max_alias_chars=max_alias_chars)
    import pickle

    try:
        if path.stat().st_size > max_bytes:
            return _load_yaml(path, display, max_bytes, max_alias_chars=max_alias_chars)
        raw = path.read_bytes()
    except OSError:
        return _load_yaml(path, display, max_bytes, max_alias_chars=max_alias_chars)
    cached = cache.entry(raw, f'{display}{chr(0)}{max_alias_chars}')
    try:
        loaded = pickle.loads(cached.read_bytes())
        if isinstance(loaded, Loaded):
            loaded.file = path
            return loaded
    except Exception:  # noqa: BLE001 - a missing or unreadable cache entry: read the file
        pass
    loaded = _load_yaml(path, display, max_bytes, raw, max_alias_chars=max_alias_chars)
    if not loaded.issues:  # only clean reads are kept: problems are always worked out afresh
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            temp = cached.with_name(f".{cached.name}.{os.getpid()}")
            temp.write_bytes(pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(temp, cached)
        except (OSError, pickle.PicklingError, RecursionError):
            pass
    return loaded


def _load_yaml(path: Path, display: str, max_bytes: int, raw: bytes | None = None,
               max_alias_chars: int | None = None) -> Loaded:
    loaded = Loaded(file=path)
    try:
        size = path.stat().st_size if raw is None else len(raw)
        if size > max_bytes:
            loaded.issues.append(Issue(
                "file.too-large",
                f"The file is {size / 1024 / 1024:.1f} MB. The largest file charterkit reads is "
                f"{max_bytes / 1024 / 1024:.0f} MB.",
                file=display, line=1, column=1,
                hint="Split the document into smaller files, or check that this is the right file."))
            return loaded
        if raw is None:
            raw = path.read_bytes()
    except OSError as exc:
        loaded.issues.append(Issue("file.unreadable", f"The file cannot be read: {exc.strerror}.", file=display))
        return loaded
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        loaded.issues.append(Issue(
            "file.encoding",
            f"The file is not saved as UTF-8: byte 0x{raw[exc.start]:02x} cannot be read.",
            file=display, line=line, column=col,
            hint="Save the file as UTF-8 (in most editors: Save as, Encoding: UTF-8)."))
        return loaded
    return _parse_text(loaded, text, display, max_alias_chars)


def parse_yaml_text(text: str, display: str, max_alias_chars: int | None = None, first_line: int = 1) -> Loaded:
    """The same reading as load_yaml(), for YAML that is part of another file (a page's header). first_line:
    the line of the file where text starts, so positions are the file's."""
    loaded = _parse_text(Loaded(file=Path(display)), text, display, max_alias_chars)
    if first_line != 1:
        import dataclasses

        shift = first_line - 1
        loaded.issues = [dataclasses.replace(i, line=i.line + shift) if i.line is not None else i for i in loaded.issues]
        loaded.marks = {k: (line + shift, col) for k, (line, col) in loaded.marks.items()}
        loaded.key_marks = {k: (line + shift, col) for k, (line, col) in loaded.key_marks.items()}
    return loaded


def _parse_text(loaded: Loaded, text: str, display: str, max_alias_chars: int | None) -> Loaded:
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        loaded.issues.append(Issue("file.empty", "The file is empty.", file=display, line=1, column=1,
                                   hint="Add the document's content, or delete the file."))
        return loaded
    deep = _too_deep_line(text)
    if deep is not None:
        loaded.issues.append(Issue("yaml.too-deep", f"Values are nested more than {MAX_DEPTH} levels deep.",
                                   file=display, line=deep[0], column=deep[1],
                                   hint="Check the brackets [ ] and { } on this line: documents never need this much nesting."))
        return loaded
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        loaded.issues.append(_yaml_error(exc, display, text))
        return loaded
    except RecursionError:
        loaded.issues.append(Issue("yaml.too-deep", "Values are nested too deeply to read.", file=display,
                                   hint="Check the brackets and indentation."))
        return loaded
    if node is None:
        loaded.issues.append(Issue("file.empty", "The file is empty.", file=display, line=1, column=1,
                                   hint="Add the document's content, or delete the file."))
        return loaded
    builder = _Builder(loaded, display, max_alias_chars)
    try:
        loaded.data = builder.build(node, (), (), 0)
    except _Stop:
        loaded.data = None
    except RecursionError:
        loaded.issues.append(Issue("yaml.too-deep", "Values are nested too deeply to read.", file=display,
                                   hint="Check the brackets and indentation."))
        loaded.data = None
    return loaded
