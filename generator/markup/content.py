"""Content pages (content/<language>/*.md): their {{ ... }} parts filled in, then made safe.

A content page is written by editors, so it is untrusted like every other input:

- Its template parts run in Jinja's sandbox (ImmutableSandboxedEnvironment) that sees only the site's
  settings, as plain values (site, contact, accessibility, other_formats, languages): no Python objects,
  no functions, no environment, no files, nothing that changes anything. A few filters are kept (default,
  join, length, lower, upper...); anything else stops with a clear error, which `charterkit validate`
  reports with the file and line before a build ever starts.
- Only {{ ... }}, {% if %} and {% for %} parts are allowed (ALLOWED_NODES): no {% macro %}, {% set %},
  {% include %} or function calls, so a page cannot call itself or build up text without end.
- A setting's value is put in as plain text (its Markdown characters escaped), except the settings that
  are Markdown (an other format's description, known accessibility problems, the enforcement text), which
  are checked like every other Markdown text.
- The Markdown that results is made into HTML by sanitise.markdown_html() with the "page" profile (no raw
  HTML, no attribute lists, no images, reference links or autolinks), block by block between its headings.
  The headings stay Markdown lines (plain text, escaped), so MkDocs lists them in the page's contents.
"""
from __future__ import annotations

import contextvars
import html
import re

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from . import sanitise

#: The settings a content page can use, by name.
SETTINGS = ("site", "contact", "accessibility", "other_formats", "languages")
#: Filters a content page may use. Every other filter (and every test of Jinja's own) is refused.
FILTERS = ("default", "d", "join", "length", "count", "lower", "upper", "capitalize", "title", "trim",
           "first", "last", "list", "sort", "string", "replace", "select", "reject", "selectattr",
           "rejectattr", "map", "int", "round")
#: A filled-in page larger than this is refused (a page of normal prose is a few kilobytes).
MAX_OUTPUT = 1_000_000
_MAX_REPEAT = 10_000  # the longest string or list "*" may make
#: The most times all the {% for %} parts of one page may go round, together (a page of prose needs a few dozen:
#: one for each language or other format). Loops inside loops would otherwise multiply: four loops of 10,000 run
#: 10**16 times, and a build would never end.
MAX_LOOP_TURNS = 100_000
_MAX_POWER_BITS = 4096  # the largest number ** may make (about 1,200 digits)
_TURNS_LEFT: contextvars.ContextVar[list[int]] = contextvars.ContextVar("content_loop_turns")


#: The parts of Jinja a content page may use: output, values and their attributes, literals, filters and tests,
#: comparisons and conditions, {% if %} and {% for %}.
ALLOWED_NODES = (
    nodes.Template, nodes.Output, nodes.TemplateData, nodes.Name, nodes.Getattr, nodes.Getitem, nodes.Slice,
    nodes.Const, nodes.List, nodes.Tuple, nodes.Filter, nodes.Test, nodes.Compare, nodes.Operand, nodes.And,
    nodes.Or, nodes.Not, nodes.Neg, nodes.Pos, nodes.CondExpr, nodes.Concat, nodes.If, nodes.For, nodes.Keyword,
    nodes.Add, nodes.Sub, nodes.Mul, nodes.Div, nodes.FloorDiv, nodes.Mod, nodes.Pow,
)
_NODE_NAMES = {nodes.Macro: "{% macro %}", nodes.CallBlock: "{% call %}", nodes.Call: "a function call ( )",
               nodes.Assign: "{% set %}", nodes.AssignBlock: "{% set %}", nodes.Include: "{% include %}",
               nodes.Import: "{% import %}", nodes.FromImport: "{% from ... import %}", nodes.Extends: "{% extends %}",
               nodes.Block: "{% block %}", nodes.FilterBlock: "{% filter %}", nodes.With: "{% with %}",
               nodes.ExprStmt: "{% do %}"}


class ContentError(Exception):
    """A content page's template cannot be filled in. line: the line of the page, if known."""

    def __init__(self, message: str, line: int | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.hint = hint


class Markdown(str):
    """A setting whose value is Markdown: put into the page as it is (it is checked like any text)."""


def _escape_markdown(value: str) -> str:
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|>])", r"\\\1", value)


def _finalize(value):
    """How a {{ ... }} value is put into the page: Markdown settings as they are, the rest as plain text."""
    if value is None:
        return ""
    if isinstance(value, jinja2.Undefined):
        return str(value)  # raises the error saying what is missing (or not allowed)
    if isinstance(value, Markdown):
        return str(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return _escape_markdown(value)
    raise SecurityError("only single values (texts and numbers) can be put into a page")


def _size(value) -> int:
    """About how many characters a value is as text (a list: its items' together), without making the text."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (list, tuple)):
        return len(value) + sum(_size(item) for item in value)
    return 1


def _too_long(size: int) -> None:
    if size > MAX_OUTPUT:
        raise SecurityError(f"that would make a text of {size:,} characters, longer than a whole page may be")


class _Sandbox(ImmutableSandboxedEnvironment):
    """The sandbox, with the operations that can make something huge from a few characters checked before
    they are done: * (repeating), ** (powers), + (adding texts or lists) and % (formatting text, whose width
    can be any number: '%1000000000s')."""
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def call_binop(self, context, operator, left, right):
        if operator == "**":
            if isinstance(right, (int, float)) and abs(right) > 64:
                raise SecurityError("numbers that large are not needed in a page")
            if isinstance(left, int) and isinstance(right, int) \
                    and abs(left).bit_length() * abs(right) > _MAX_POWER_BITS:
                raise SecurityError("numbers that large are not needed in a page")
            return left ** right
        if operator == "%":
            if isinstance(left, str):
                raise SecurityError("% cannot format text in a page: write the words and the {{ ... }} parts "
                                    "one after the other")
            return left % right
        if operator == "+":
            if isinstance(left, (str, list, tuple)):
                _too_long(_size(left) + _size(right))
            return left + right
        for n, other in ((left, right), (right, left)):
            if isinstance(other, (str, list, tuple)) and isinstance(n, int) and n * max(_size(other), 1) > _MAX_REPEAT:
                raise SecurityError("repeating text that many times is not allowed")
        return left * right


def _loop(value):
    """Each {% for %} goes over its values through this (see _count_loops): the turns of all a page's loops are
    counted, and the page stops once they pass MAX_LOOP_TURNS."""
    turns = _TURNS_LEFT.get(None)
    for item in value:
        if turns is not None:
            turns[0] -= 1
            if turns[0] < 0:
                raise SecurityError(f"the {{% for %}} parts go round more than {MAX_LOOP_TURNS:,} times in all "
                                    "(loops inside loops?)")
        yield item


def _checked_text(value):
    """A text made by ~ (joining texts): checked once made (each part is checked already, so it is at most a
    few times the longest a page may be)."""
    _too_long(_size(value))
    return value


def _checked_filters(filters: dict) -> dict:
    """replace, join, map and string, with the size of what they would make checked before they make it (map and
    join: as they go, item by item)."""
    original_replace, original_join, original_string = filters["replace"], filters["join"], filters["string"]
    original_map = filters["map"]

    @jinja2.pass_eval_context
    def replace(eval_ctx, s, old, new, count=None):
        text, old_text, new_text = str(s), str(old), str(new)
        times = text.count(old_text) if old_text else len(text) + 1
        if isinstance(count, int) and count >= 0:
            times = min(times, count)
        _too_long(len(text) + times * max(len(new_text) - len(old_text), 0))
        return original_replace(eval_ctx, s, old, new, count)

    @jinja2.pass_eval_context
    def join(eval_ctx, value, d="", attribute=None):
        items, size = [], 0
        for item in _loop(value):
            size += (_size(item) if isinstance(item, str) else len(str(item))) + (len(str(d)) if items else 0)
            _too_long(size)
            items.append(item)
        return original_join(eval_ctx, items, d, attribute)

    @jinja2.pass_context
    def map_(context, value, *args, **kwargs):
        size = 0
        for item in original_map(context, value, *args, **kwargs):
            size += _size(item)
            _too_long(size)
            yield item

    def string(value):
        _too_long(_size(value))
        return original_string(value)

    return dict(filters, replace=replace, join=join, map=map_, string=string, _ck_loop=_loop, _ck_text=_checked_text)


def _count_loops(tree: nodes.Template) -> nodes.Template:
    """Every {% for %} goes over its values through _loop, and every text made with ~ is checked (_checked_text)."""
    for node in tree.find_all(nodes.For):
        node.iter = nodes.Filter(node.iter, "_ck_loop", [], [], None, None, lineno=node.lineno)
    for parent in list(tree.find_all(nodes.Node)):
        for field in parent.fields:
            child = getattr(parent, field, None)
            if isinstance(child, nodes.Concat):
                setattr(parent, field, nodes.Filter(child, "_ck_text", [], [], None, None, lineno=child.lineno))
            elif isinstance(child, list):
                setattr(parent, field, [nodes.Filter(c, "_ck_text", [], [], None, None, lineno=c.lineno)
                                        if isinstance(c, nodes.Concat) else c for c in child])
    return tree


def environment() -> jinja2.Environment:
    env = _Sandbox(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True,
                   finalize=_finalize)
    env.globals.clear()  # no range, lipsum, dict, cycler, joiner, namespace
    env.filters = _checked_filters({name: env.filters[name] for name in FILTERS if name in env.filters})
    return env


_ENV: dict = {}

# The settings that are Markdown (see config.py): put into a page as they are.
_MARKDOWN_SETTINGS = {("other_formats", "description"), ("accessibility", "known_issues"),
                      ("accessibility", "enforcement")}


def _plain(value, path=()):
    """A setting as plain, read-only data: dicts, tuples, texts and numbers."""
    if isinstance(value, dict):
        return {k: _plain(v, path + (k,)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return tuple(_plain(v, path) for v in value)
    if isinstance(value, str) and (path[:1] + path[-1:]) in _MARKDOWN_SETTINGS:
        return Markdown(value)
    return value


def settings(config, translated: dict[str, str] | None = None) -> dict:
    """The values a content page can use, from site_config.yml. translated: key -> text, from a language's site.yml
    (keys as model/units.py settings_units makes them, such as other_formats.2.description); each replaces the
    English value it translates."""
    data = config.model_dump(mode="json")
    for key, text in (translated or {}).items():
        _put(data, key.split("."), text)
    return {name: _plain(data.get(name), (name,)) for name in SETTINGS}


def _put(data, path: list[str], text: str) -> None:
    """Set data at path (numbers in a path count from 1); a path that does not fit is left alone."""
    for n, part in enumerate(path):
        last = n == len(path) - 1
        if isinstance(data, list) and part.isdigit() and 1 <= int(part) <= len(data):
            if last:
                data[int(part) - 1] = text
                return
            data = data[int(part) - 1]
        elif isinstance(data, dict) and part in data:
            if last:
                data[part] = text
                return
            data = data[part]
        else:
            return


def _line_of(exc: BaseException) -> int | None:
    import traceback

    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == "<template>":
            line = frame.lineno
    return line


def _only_allowed(tree: nodes.Node) -> None:
    todo = [tree]
    while todo:
        node = todo.pop(0)  # outermost first: a {% macro %} is named before the calls inside it
        if not isinstance(node, ALLOWED_NODES) or (isinstance(node, nodes.For) and node.recursive):
            what = ("a recursive {% for %}" if isinstance(node, nodes.For)
                    else _NODE_NAMES.get(type(node), f"a {type(node).__name__} part"))
            raise ContentError(f"Content pages cannot use {what}.", getattr(node, "lineno", None),
                               "Use only {{ ... }} to show a setting, and {% if %} and {% for %} parts, "
                               "for example {% if contact.phone %}call {{ contact.phone }}{% endif %}.")
        todo.extend(node.iter_child_nodes())


def render(text: str, config, translated: dict[str, str] | None = None) -> str:
    """The page with its {{ ... }} and {% ... %} parts filled in. Raises ContentError, never anything else.
    translated: the language's translations of site_config.yml's words (see settings())."""
    env = _ENV.get("env")
    if env is None:
        env = _ENV["env"] = environment()
    tree = None
    try:
        tree = env.parse(text)
        _only_allowed(tree)
    except ContentError:
        raise
    except jinja2.TemplateSyntaxError:
        pass  # reported with its line just below
    turns = _TURNS_LEFT.set([MAX_LOOP_TURNS])
    try:
        template = env.from_string(_count_loops(tree) if tree is not None else text)
        parts, size = [], 0
        for part in template.generate(**settings(config, translated)):
            size += len(part)
            if size > MAX_OUTPUT:
                break  # stops as soon as the page is too long, not once it is all made
            parts.append(part)
        out = "".join(parts)
    except jinja2.TemplateSyntaxError as exc:
        raise ContentError(f"A {{{{ ... }}}} or {{% ... %}} part cannot be read: {str(exc.message).rstrip('.')}.",
                           exc.lineno,
                           "Check that every {{ has its }} and every {% if %} or {% for %} has its {% endif %} "
                           "or {% endfor %}.") from None
    except jinja2.UndefinedError as exc:
        raise ContentError(f"A {{{{ ... }}}} part names something charterkit does not have: "
                           f"{str(exc.message).rstrip('.')}.",
                           _line_of(exc), f"Use only these settings from site_config.yml: {', '.join(SETTINGS)}, "
                                          "for example {{ contact.email }}.") from None
    except SecurityError as exc:
        if "Undefined" in str(exc):  # something unknown, then something of it
            raise ContentError("A {{ ... }} part names something charterkit does not have.", _line_of(exc),
                               f"Use only these settings from site_config.yml: {', '.join(SETTINGS)}, "
                               "for example {{ contact.email }}.") from None
        raise ContentError(f"A {{{{ ... }}}} part asks for something pages may not do: {str(exc).rstrip('.')}.",
                           _line_of(exc),
                           "Content pages can only show values from site_config.yml, for example "
                           "{{ contact.email }}, with simple {% if %} and {% for %} parts.") from None
    except jinja2.TemplateError as exc:
        raise ContentError(f"A {{{{ ... }}}} part cannot be filled in: {exc}.", _line_of(exc),
                           "Content pages can only show values from site_config.yml, for example "
                           "{{ contact.email }}.") from None
    except Exception as exc:  # noqa: BLE001 - whatever a page's template does, it is reported, never a crash
        raise ContentError(f"A {{{{ ... }}}} part cannot be worked out ({type(exc).__name__}).", _line_of(exc),
                           "Keep the {{ ... }} parts to values from site_config.yml, for example "
                           "{{ contact.email }}.") from None
    finally:
        _TURNS_LEFT.reset(turns)
    if size > MAX_OUTPUT:
        raise ContentError(f"Filled in, the page would be more than the {MAX_OUTPUT:,} characters a page may "
                           "have.", 1,
                           "A page of prose is a few thousand characters: split a very long page into several, "
                           "and check any {% for %} parts.")
    return out


# ---- Markdown to safe HTML, heading by heading ------------------------------------------------------
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^(```|~~~)")


def _heading_text(source: str) -> str:
    """A heading's words as inert HTML text (no tags: a heading is plain text)."""
    inline = sanitise.markdown_inline_html(source, "text")
    return re.sub(r"<[^>]*>", "", inline).strip()


def to_markdown(text: str) -> tuple[str | None, str]:
    """(title, Markdown) of a filled-in content page. The title is the first "# " heading's words (plain
    text); the Markdown has each heading as a Markdown line of escaped plain text and everything else as
    safe HTML blocks. Any "# " heading after the first is made a "## " heading (validate reports it)."""
    title = None
    out: list[str] = []
    block: list[str] = []

    def flush():
        if any(line.strip() for line in block):
            out.append(sanitise.markdown_html("\n".join(block), "page") + "\n")
        block.clear()

    fenced = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        m = None if fenced else _HEADING.match(line)
        if m is None:
            block.append(line)
            continue
        flush()
        level = len(m.group(1))
        words = _heading_text(m.group(2))
        if level == 1:
            if title is None:
                title = html.unescape(words)
            else:
                level = 2
        out.append(f"{'#' * level} {words}\n")
    flush()
    return title, "\n".join(out)
