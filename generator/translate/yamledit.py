"""Change some entries of a translation file in place, keeping everything else exactly as it was.

A translation file may be written by hand (TRANSLATING.md shows how): its comments, the order of its
entries, blank lines and the quoting style of each text are the editor's. A PO import must change only
the texts a translator changed, so `git diff` after it shows those texts and nothing else.

This edits the text itself: PyYAML's composer gives the position of every scalar, and only the lines of
a changed scalar are replaced (rendered in that scalar's own style: plain, quoted, folded `>-` or
literal `|`). New entries are inserted after the entry that comes before them in reading order. The
result is read back and compared with what was meant; if anything differs, EditError is raised and the
caller writes the file afresh instead (correct, but in charterkit's own layout).
"""
from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


class EditError(Exception):
    """The file cannot be edited in place (a layout this module does not handle)."""


class _Styled(str):
    style: str | None = None


class _Dumper(yaml.SafeDumper):
    pass


def _represent_styled(dumper, data):
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style=data.style)


_Dumper.add_representer(_Styled, _represent_styled)


def default_style(value: str) -> str | None:
    """The style charterkit's own files use (catalog.dump_file): folded for long texts, literal for lines."""
    return "|" if "\n" in value else (">" if len(value) > 80 else None)


def render_value(value: str, style: str | None, indent: int) -> str:
    """The YAML for value as it goes after "key: ", lines after the first indented by indent spaces (no
    line break at the end). style is a preference: the emitter picks quotes where the text needs them."""
    styled = _Styled(value)
    styled.style = style
    # the same line width as charterkit's own files (100 columns, counted from the left edge)
    width = max(40, 100 - max(0, indent - 2))
    out = yaml.dump({"k": styled}, Dumper=_Dumper, allow_unicode=True, width=width, sort_keys=False)
    if not out.startswith("k: ") or not out.endswith("\n"):
        raise EditError("unexpected output from the YAML writer")
    lines = out[3:-1].split("\n")
    moved = [lines[0]]
    for line in lines[1:]:
        if line and not line.startswith("  "):
            raise EditError("unexpected indentation from the YAML writer")
        moved.append(" " * indent + line[2:] if line else "")
    return "\n".join(moved)


def _render_key(key: str) -> str:
    out = yaml.dump({key: None}, Dumper=yaml.SafeDumper, allow_unicode=True, width=1000)
    return out.rsplit(":", 1)[0]


def _after_line(text: str, index: int) -> int:
    """The start of the line after the one index is on (or the end of the text)."""
    j = text.find("\n", index)
    return len(text) if j < 0 else j + 1


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _scalar_end(text: str, node: ScalarNode) -> int:
    """Where a scalar's own characters end: a block scalar's end mark is after the blank lines that follow it."""
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ("|", ">"):
        return start + len(text[start:end].rstrip())
    return end


def _node_end(text: str, node: Node) -> int:
    if isinstance(node, ScalarNode):
        return _scalar_end(text, node)
    if isinstance(node, MappingNode) and node.value and not node.flow_style:
        return _node_end(text, node.value[-1][1])
    if isinstance(node, SequenceNode) and node.value and not node.flow_style:
        return _node_end(text, node.value[-1])
    return node.end_mark.index


def _uses_anchors(text: str) -> bool:
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return True
    return False


def edit_entries(text: str, updates: dict[str, dict[str, str | None]],
                 additions: list[tuple[str, dict[str, str], str | None]], _quoted: bool = False) -> str:
    """text with the changes made in place.

    updates: entry key -> {field: new text, or None to remove the field}; a field the entry does not
    have is added after its last field. additions: (key, fields, after) for entries the file does not
    have yet, inserted after the entry `after` (None: before the first entry), in the order given.
    Raises EditError when the file cannot be edited in place, or the result would not read back as meant."""
    newline = "\r\n" if "\r\n" in text else "\n"
    body = text.replace("\r\n", "\n")
    try:
        root = yaml.compose(body, Loader=yaml.SafeLoader)
        before = yaml.load(body, Loader=yaml.SafeLoader)
        if _uses_anchors(body):
            raise EditError("the file uses anchors and aliases")
    except yaml.YAMLError as exc:
        raise EditError(f"the file cannot be read: {exc}") from None
    if not isinstance(root, MappingNode) or not isinstance(before, dict):
        raise EditError("the file is not a block of keys")
    entries_node = next((v for k, v in root.value if isinstance(k, ScalarNode) and k.value == "entries"), None)
    entries_key = next((k for k, v in root.value if isinstance(k, ScalarNode) and k.value == "entries"), None)
    if not isinstance(entries_node, MappingNode):
        raise EditError("the file has no block of entries")
    empty_flow = entries_node.flow_style and not entries_node.value
    if entries_node.flow_style and not empty_flow:
        raise EditError("the entries are written in { } on one line")

    by_key: dict[str, MappingNode] = {}
    entry_indent = child_indent = None
    for k, v in entries_node.value:
        if isinstance(k, ScalarNode):
            by_key[k.value] = v
            entry_indent = k.start_mark.column if entry_indent is None else entry_indent
            if child_indent is None and isinstance(v, MappingNode) and v.value and not v.flow_style:
                child_indent = v.value[0][0].start_mark.column
    if entry_indent is None:
        entry_indent = (entries_key.start_mark.column if entries_key else 0) + 2
    if child_indent is None:
        child_indent = entry_indent + 2

    edits: list[tuple[int, int, str]] = []
    expected = {k: dict(v) if isinstance(v, dict) else v for k, v in (before.get("entries") or {}).items()}
    for key, fields in updates.items():
        node = by_key.get(key)
        if not isinstance(node, MappingNode) or node.flow_style or not node.value:
            raise EditError(f'the entry "{key}" is not a block of keys')
        children = {k.value: (k, v) for k, v in node.value if isinstance(k, ScalarNode)}
        own_indent = node.value[0][0].start_mark.column
        missing = []
        for field, value in fields.items():
            if field in children:
                k, v = children[field]
                if value is None:  # remove the field's lines
                    start = _line_start(body, k.start_mark.index)
                    if body[start:k.start_mark.index].strip():
                        raise EditError(f'"{field}" of "{key}" shares its line')
                    edits.append((start, _after_line(body, _node_end(body, v)), ""))
                    expected[key].pop(field, None)
                    continue
                if not isinstance(v, ScalarNode):
                    raise EditError(f'"{field}" of "{key}" is not a text')
                style = v.style if v.style in ("'", '"', "|", ">") else None
                if style is None and "\n" in value:
                    style = "|"
                if not v.value:  # an empty text is always quoted (""): that is no style to keep
                    style = default_style(value)
                if _quoted:  # (second try: double quotes can hold any text on one line)
                    style = '"'
                indent = k.start_mark.column + 2
                if v.style in ("|", ">"):  # keep the block's own indentation
                    first = body[_after_line(body, v.start_mark.index):_scalar_end(body, v)].split("\n", 1)[0]
                    indent = len(first) - len(first.lstrip(" ")) or indent
                edits.append((v.start_mark.index, _scalar_end(body, v), render_value(value, style, indent)))
                expected[key][field] = value
            elif value is not None:
                missing.append((field, value))
                expected[key][field] = value
        if missing:
            at = _after_line(body, _node_end(body, node))
            lines = "".join(f"{' ' * own_indent}{field}: {render_value(value, default_style(value), own_indent + 2)}\n"
                            for field, value in missing)
            edits.append((at, at, ("\n" if at == len(body) and not body.endswith("\n") else "") + lines))

    grouped: dict[str | None, list[str]] = {}
    for key, fields, after in additions:
        if key in by_key:
            raise EditError(f'the entry "{key}" is already there')
        if after is not None and after not in by_key:
            raise EditError(f'no entry "{after}" to put "{key}" after')
        block = f"{' ' * entry_indent}{_render_key(key)}:\n" + "".join(
            f"{' ' * child_indent}{field}: {render_value(value, default_style(value), child_indent + 2)}\n"
            for field, value in fields.items())
        grouped.setdefault(after, []).append(block)
        expected[key] = dict(fields)
    for after, blocks in grouped.items():
        if empty_flow:  # "entries: {}": the new entries replace the braces
            colon = body.index(":", entries_key.end_mark.index) + 1
            edits.append((colon, _after_line(body, entries_node.end_mark.index), "\n" + "".join(blocks)))
            continue
        if after is None:
            first_key = entries_node.value[0][0]
            at = _line_start(body, first_key.start_mark.index)
        else:
            at = _after_line(body, _node_end(body, by_key[after]))
        gap = "\n" if body[at:].startswith(("\n", " \n")) else ""  # entries kept apart by blank lines
        edits.append((at, at, ("\n" if at == len(body) and not body.endswith("\n") else "") + gap + "".join(blocks)))

    edits.sort(key=lambda e: (e[0], e[1]))
    for (s1, e1, _), (s2, _, _) in zip(edits, edits[1:]):
        if s2 < e1:
            raise EditError("two changes overlap")
    out = body
    for start, end, replacement in reversed(edits):
        out = out[:start] + replacement + out[end:]
    try:
        after_data = yaml.load(out, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise EditError(f"the edited file would not read back: {exc}") from None
    want = dict(before, entries=expected)
    if after_data != want:
        if not _quoted:
            return edit_entries(text, updates, additions, _quoted=True)
        raise EditError("the edited file would not read back as meant")
    return out.replace("\n", newline) if newline != "\n" else out
