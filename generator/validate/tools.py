"""Engagement tools (surveys, interview and focus-group guides, workbooks): framework_data/tools/*.yml.

Validated in the same phases as the documents: each file is read as YAML, then checked against the
schema of its kind (generator/model/tools.py), then against the documents: the document it names
exists, every statement it names is an item of that document, every picture exists. Every problem
in every file is reported with file:line, then loading stops if there was any error.
"""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import Report, closest
from ..load.yamlfile import Loaded, key_path, load_yaml
from ..model.corpus import walk_items
from ..model.schema import Document
from ..model.tools import TOOL_KINDS, FocusGroup, Interview, Survey, Tool, Workbook, pictures_named, statements_named
from .shape import check_shape

TOOLS_DIR = Path("framework_data") / "tools"


def tool_files(root: Path) -> list[Path]:
    folder = root / TOOLS_DIR
    if not folder.is_dir():
        return []
    return sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])


def load_tools(root: Path, report: Report, documents: dict[str, Document],
               broken: set[str] = frozenset(), cache=None) -> dict[str, Tool]:
    """Every valid tool by ID, in file-name order. Problems go to report; a file with errors is left out.
    broken: the IDs of documents that could not be read (their errors are reported already): a tool of one
    of them is left out without a second error. cache: a load/yamlfile.py YamlCache, or none."""
    checked: list[tuple[Tool, Loaded, str]] = []
    for path in tool_files(root):
        display = report.rel(path)
        loaded = load_yaml(path, display, cache=cache)
        report.extend(loaded.issues)
        if not loaded.ok:
            continue
        from .safety import check_yaml_texts

        check_yaml_texts(loaded, display, report)
        model = _model_for(loaded, display, report)
        if model is None:
            continue
        tool, issues = check_shape(loaded, model, display)
        report.extend(issues)
        if tool is not None:
            checked.append((tool, loaded, display))

    tools: dict[str, Tool] = {}
    for tool, loaded, display in checked:
        if tool.document in broken and tool.document not in documents:
            continue
        errors_before = len(report.errors)
        _check_tool(tool, loaded, display, documents, tools, report)
        if len(report.errors) == errors_before:
            tools[tool.id] = tool
    return tools


def _model_for(loaded: Loaded, display: str, report: Report):
    data = loaded.data
    if not isinstance(data, dict):
        report.error("schema.top-level", "The file should be a block of keys (like 'id: ...').",
                     file=display, line=1, column=1, hint="Start the file with 'id:' and 'kind:' at the left edge.")
        return None
    kind = data.get("kind")
    kinds = ", ".join(TOOL_KINDS)
    if kind is None:
        line, col = loaded.position(())
        report.error("schema.missing", 'The field "kind" is required but missing.', file=display,
                     line=line or 1, column=col or 1, key="kind", hint=f'Add a line "kind: ..." with one of: {kinds}.')
        return None
    if kind not in TOOL_KINDS:
        line, col = loaded.position(("kind",))
        report.error("schema.choice", f'"{kind}" is not a kind of tool charterkit knows.', file=display,
                     line=line, column=col, key="kind", hint=f"Use one of: {kinds}.")
        return None
    return TOOL_KINDS[kind]


def _check_tool(tool: Tool, loaded: Loaded, display: str, documents: dict[str, Document],
                seen: dict[str, Tool], report: Report) -> None:
    def error(code, message, path, hint, prefer_key=False):
        line, col = loaded.position(path, prefer_key=prefer_key)
        report.error(code, message, file=display, line=line, column=col, key=key_path(path), hint=hint)

    stem = Path(display).stem
    if tool.id in seen:
        error("id.duplicate-tool", f'Another tool file already uses the ID "{tool.id}".', ("id",),
              "Give each tool its own ID.")
    elif stem != tool.id:
        error("id.file-name", f'The tool ID "{tool.id}" does not match the file name "{Path(display).name}".', ("id",),
              f'Rename the file to "{tool.id}.yml" or change the ID to "{stem}".')

    doc = documents.get(tool.document)
    if doc is None:
        error("ref.unknown-document", f'"{tool.document}" is not the ID of any document.', ("document",),
              f"Use one of: {', '.join(sorted(documents))}.")
        return
    items = {loc.item.id: loc.item for loc in walk_items(doc)}

    named = statements_named(tool)
    for path, item_id in named:
        if item_id not in items:
            near = closest(item_id, items)
            error("ref.unknown-item", f'"{item_id}" is not an item of the document "{doc.id}".', path,
                  (f'Did you mean "{near}"? ' if near else "") + f"Item IDs are in the file of {doc.id}.")
    ids = [item_id for _, item_id in named]
    for path, item_id in named:
        if ids.count(item_id) > 1 and ids.index(item_id) != named.index((path, item_id)):
            error("ref.repeated", f'"{item_id}" is named twice in this tool.', path, "Remove the second one.")

    if isinstance(tool, Interview):
        for n, q in enumerate(tool.questions):
            item = items.get(q.statement)
            if item is not None and not any(lst.id == tool.examples_list for lst in item.lists):
                error("tools.no-examples", f'"{q.statement}" has no list called "{tool.examples_list}" to draw prompts from.',
                      ("questions", n, "statement"),
                      f'Choose a statement with a "{tool.examples_list}" list, or change examples_list.')
    if isinstance(tool, Workbook):
        with_list = [i for i in items.values() if any(lst.id == tool.questions_list for lst in i.lists)]
        if not with_list:
            error("tools.no-questions", f'No item of "{doc.id}" has a list called "{tool.questions_list}".',
                  ("questions_list",), "Use the ID of the list that holds the questions, for example challenge-questions.")
        for n, item_id in enumerate(tool.items):
            item = items.get(item_id)
            if item is not None and item not in with_list:
                error("tools.no-questions", f'"{item_id}" has no list called "{tool.questions_list}".', ("items", n),
                      "Name only items that have the questions list, or leave items out to use all of them.")
    if isinstance(tool, FocusGroup):
        if not any(step.statements for step in tool.plan):
            error("tools.no-themes", "No step of the plan discusses any statement.", ("plan",),
                  "Give the theme steps a 'statements:' list of statement IDs.")

    _check_pictures(tool, loaded, display, report)


def _check_pictures(tool: Tool, loaded: Loaded, display: str, report: Report) -> None:
    wanted = pictures_named(tool)
    if not wanted:
        return
    from ..pictures import PictureSetMissing, catalogue, unknown_picture

    try:
        names = catalogue(report.root or Path("."))
    except PictureSetMissing as exc:
        report.error("picture.set-missing", str(exc), hint="Run 'make build', then try again.")
        return
    for path, name in wanted:
        if name not in names:
            line, col = loaded.position(path)
            message, hint = unknown_picture(report.root or Path("."), name, names)
            report.error("picture.unknown", message, file=display, line=line, column=col, key=key_path(path), hint=hint)


__all__ = ["load_tools", "tool_files", "TOOLS_DIR", "Survey", "Interview", "FocusGroup", "Workbook"]
