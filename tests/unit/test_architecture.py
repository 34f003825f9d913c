"""The shape of generator/ (ARCHITECTURE.md, issue #11), read from the code with `ast` (no build): which folder
may import which, no import circles, which modules may import the big libraries, no sys.modules, no `global`,
and no module-level value that carries data between calls except the caches listed here with their reason.

Every import counts, also one inside a function. Where today's code still breaks a rule, the exception is
listed below with the reason and the issue or step that removes it; a listed exception that no longer exists
also fails the test, so the lists stay true and only shrink.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parents[2] / "generator"

#: What each folder (or top-level module) of generator/ may import, besides itself. The stages, lowest first:
#: model < read < translate < web, print (siblings: neither imports the other) < pipeline/build < check; markup,
#: pictures and collect sit under web and print. cli.py, commands/ (the i18n commands), serve.py and
#: pipeline.py may import anything.
BASE = {"diagnostics", "lifeline", "parallel", "diskerrors", "byteranges", "buildlock"}
ALLOWED = {
    "diagnostics": set(),
    "lifeline": set(),
    "parallel": {"lifeline"},
    "diskerrors": set(),
    "byteranges": set(),
    "buildlock": set(),
    "report": {"model"},
    "model": set(),
    "load": {"diagnostics"},
    "read": {"diagnostics", "load", "model"},
    "pictures": {"diagnostics", "diskerrors"},
    "markup": {"model"},
    "validate": {"diagnostics", "load", "read", "model", "markup", "pictures"},
    "translate": {"diagnostics", "load", "read", "model", "markup"},
    "audio": {"diagnostics", "diskerrors", "model", "read", "markup", "translate"},
    "collect": {"model", "markup", "translate"},
    "web": {"diskerrors", "model", "markup", "translate", "pictures", "collect"},
    "print": BASE | {"model", "markup", "translate", "pictures", "collect"},
    "build": BASE | {"model"},
    "check": BASE | {"model", "load", "read", "markup", "translate", "validate", "pictures", "web", "print"},
}
ANYTHING = {"cli", "commands", "serve", "pipeline", "__main__"}

#: Imports that still go the wrong way: (importing module, imported module) -> why, and what removes it. (None
#: left: issue #11 moved the checking of translation files into validate/, the i18n commands beside cli.py, and
#: the making of the packs' HTML for the English share into the command.)
KNOWN_UPWARD: dict[tuple[str, str], str] = {}

#: Import circles between modules still there (each a set of modules) -> why. (None left: issue #11.)
KNOWN_CIRCLES: dict[frozenset[str], str] = {}

#: Third-party libraries charterkit reaches only through its own adapter modules (path prefixes).
LIBRARY_OWNERS = {
    "mkdocs": ("generator/web/mkdocs_engine/",),
    "material": ("generator/web/mkdocs_engine/", "generator/web/theme.py", "generator/web/assets.py",
                 "generator/web/csp.py", "generator/check/contrast/"),  # (Material's own files are read, not run)
    "weasyprint": ("generator/print/weasyprint_engine/", "generator/print/pdf_engine.py",
                   "generator/print/pdf_forms.py", "generator/print/pdf_textlayer.py", "generator/print/packs.py"),
    "pydyf": ("generator/print/weasyprint_engine/",),
    "nh3": ("generator/markup/",),
    "markdown": ("generator/markup/", "generator/web/mkdocs_engine/", "generator/audio/text.py"),
}

#: Assignments to another module's or class's attribute (patches): only in these modules.
PATCH_OWNERS = ("generator/print/weasyprint_engine/patches.py", "generator/web/mkdocs_engine/__init__.py")

#: Module-level values changed after import: caches only (no state between stages, issue #11), each with why.
MUTATED_ALLOWED = {
    ("generator/markup/content.py", "_ENV"): "one sandboxed Jinja environment per process (a cache)",
    ("generator/markup/sanitise.py", "_CONVERTERS"): "one Markdown converter per profile (a cache)",
    ("generator/validate/safety.py", "_FILE_LINES"): "lines of files already read, for line numbers (a cache)",
    ("generator/check/pdf_rules.py", "_SPANS"): "glyph spans already worked out, by font bytes (a cache)",
}
MUTATORS = {"append", "extend", "insert", "add", "update", "setdefault", "pop", "popitem", "clear", "remove",
            "discard", "__setitem__", "__delitem__"}


def _modules() -> dict[str, tuple[Path, list[str]]]:
    out = {}
    for path in sorted(GENERATOR.rglob("*.py")):
        parts = list(path.relative_to(GENERATOR.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
            package = parts
        else:
            package = parts[:-1]
        out[".".join(parts)] = (path, package)
    return out


MODULES = _modules()
TREES = {name: ast.parse(path.read_text(encoding="utf-8"), str(path)) for name, (path, _) in MODULES.items()}


def _imports() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, (_, package) in MODULES.items():
        for node in ast.walk(TREES[name]):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                submodules = [f"{target}.{alias.name}" for alias in node.names]
                # `from .. import diagnostics` imports the module diagnostics, not the package's own code (a
                # package is counted only when a name comes from its __init__.py)
                package_too = not all(candidate in MODULES for candidate in submodules)
                for candidate in ([target] if package_too else []) + submodules:
                    if candidate in MODULES and candidate != name:
                        edges[name].add(candidate)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in MODULES:
                        edges[name].add(alias.name)
    return edges


EDGES = _imports()


def _folder(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "<generator>"


def _rel(module: str) -> str:
    return MODULES[module][0].relative_to(GENERATOR.parent).as_posix()


def test_the_modules_are_found():
    assert len(MODULES) > 100 and "generator.pipeline" in MODULES and "generator.translate.view" in MODULES
    assert sum(len(v) for v in EDGES.values()) > 300
    # render/ was split into web/ and print/ and the old-path modules removed, the i18n commands and the
    # checking of translation files (now validate/translation_files.py) moved out of translate/ (issue #11):
    # none comes back
    gone = ("generator.render", "generator.issues", "generator.translate.units", "generator.translate.cli",
            "generator.translate.files")
    assert not [m for m in MODULES if m.startswith(gone)]


def test_every_folder_has_a_place_in_the_table():
    folders = {_folder(m) for m in MODULES} - {"<generator>"}
    assert folders <= set(ALLOWED) | ANYTHING, sorted(folders - set(ALLOWED) - ANYTHING)


def test_no_folder_imports_a_stage_above_it():
    wrong = set()
    for module, targets in EDGES.items():
        mine = _folder(module)
        if mine in ANYTHING or mine == "<generator>":
            continue
        for target in targets:
            theirs = _folder(target)
            if theirs != mine and theirs not in ALLOWED[mine]:
                wrong.add((module, target))
    assert wrong - set(KNOWN_UPWARD) == set(), "imports against ARCHITECTURE.md's order (a lower stage must not " \
        "import a higher one): " + ", ".join(f"{a} -> {b}" for a, b in sorted(wrong - set(KNOWN_UPWARD)))
    assert set(KNOWN_UPWARD) - wrong == set(), f"fixed: remove from KNOWN_UPWARD: {sorted(set(KNOWN_UPWARD) - wrong)}"


def test_web_and_print_do_not_import_each_other():
    for module, targets in EDGES.items():
        if _folder(module) == "web":
            assert not [t for t in targets if _folder(t) == "print"], module
        if _folder(module) == "print":
            assert not [t for t in targets if _folder(t) == "web"], module


def _circles() -> set[frozenset[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in EDGES[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.add(frozenset(component))

    for module in sorted(MODULES):
        if module not in index:
            visit(module)
    return found


def test_no_import_circles():
    circles = _circles()
    new = circles - set(KNOWN_CIRCLES)
    assert not new, "import circles: " + "; ".join(" <-> ".join(sorted(c)) for c in new)
    assert set(KNOWN_CIRCLES) <= circles, f"fixed: remove from KNOWN_CIRCLES: {set(KNOWN_CIRCLES) - circles}"
    # the two circles issue #11 named are gone
    for gone in ({"generator.web.pages", "generator.print.packs", "generator.print.pack_html"},
                 {"generator.validate.project", "generator.translate.words", "generator.translate.localise"}):
        assert not any(gone <= c for c in circles), gone


def _library_imports():
    for module, tree in TREES.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield module, alias.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                yield module, node.module.split(".")[0]


def test_libraries_are_imported_only_by_their_owners():
    seen = {library: set() for library in LIBRARY_OWNERS}
    for module, top in _library_imports():
        if top in LIBRARY_OWNERS:
            seen[top].add(module)
            assert _rel(module).startswith(LIBRARY_OWNERS[top]), f"{_rel(module)} imports {top}: only " \
                f"{', '.join(LIBRARY_OWNERS[top])} may"
    assert all(seen.values()), seen  # (each library is found where it is used)


def test_no_sys_modules_and_no_global_statements():
    for module, tree in TREES.items():
        for node in ast.walk(tree):
            assert not (isinstance(node, ast.Attribute) and node.attr == "modules" and isinstance(node.value, ast.Name)
                        and node.value.id == "sys"), f"{_rel(module)}:{node.lineno} uses sys.modules"
            assert not isinstance(node, ast.Global), f"{_rel(module)}:{node.lineno}: a global statement " \
                "(module state between calls): pass the value instead"


def test_other_libraries_are_patched_only_in_their_owning_modules():
    found = []
    for module, tree in TREES.items():
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported |= {alias.asname or alias.name for alias in node.names}
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
                node, (ast.AugAssign, ast.AnnAssign)) else []
            for target in targets:
                base = target
                while isinstance(base, ast.Attribute):
                    base = base.value
                if target is not base and isinstance(base, ast.Name) and base.id in imported:
                    found.append(_rel(module))
                    assert _rel(module) in PATCH_OWNERS, f"{_rel(module)}:{node.lineno} changes " \
                        f"{ast.unparse(target)}: only {PATCH_OWNERS} may patch another library"
    assert found  # (the known patches are seen: the test looks in the right place)


def _module_values(tree) -> dict[str, int]:
    """Module-level names bound to a dict, list or set."""
    out = {}
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            value = node.value
            if isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)) or (
                    isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
                    and value.func.id in ("dict", "list", "set", "defaultdict", "OrderedDict")):
                for target in (node.targets if isinstance(node, ast.Assign) else [node.target]):
                    if isinstance(target, ast.Name):
                        out[target.id] = node.lineno
    return out


def _mutated(tree, names: set[str]) -> set[str]:
    """Which of names the module changes: a mutating method, an item assigned or deleted."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
            if isinstance(node.func.value, ast.Name) and node.func.value.id in names:
                out.add(node.func.value.id)
        targets = []
        if isinstance(node, (ast.Assign, ast.Delete)):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and target.value.id in names:
                out.add(target.value.id)
    return out


def test_module_level_values_are_constants_or_listed_caches():
    changed = set()
    for module, tree in TREES.items():
        values = _module_values(tree)
        for name in _mutated(tree, set(values)):
            changed.add((_rel(module), name))
    assert changed - set(MUTATED_ALLOWED) == set(), "module-level values changed after import (state between " \
        f"calls: pass values instead, or list a cache here with its reason): {sorted(changed - set(MUTATED_ALLOWED))}"
    assert set(MUTATED_ALLOWED) - changed == set(), f"gone: remove from MUTATED_ALLOWED: " \
        f"{sorted(set(MUTATED_ALLOWED) - changed)}"


@pytest.mark.parametrize("name", ["_CORPUS", "LAST_BUILD", "_LAST_CONTEXT", "PENDING"])
def test_the_state_issue_11_named_is_gone(name):
    for module, tree in TREES.items():
        assert name not in _module_values(tree) and not any(
            isinstance(node, (ast.Assign, ast.AnnAssign)) and any(
                isinstance(t, ast.Name) and t.id == name
                for t in (node.targets if isinstance(node, ast.Assign) else [node.target]))
            for node in tree.body), f"{_rel(module)} has {name}"


def test_every_import_inside_generator_names_something_that_exists():
    """Also the imports inside functions, which run only when that function does (a module moved or removed
    without its last user would otherwise fail only in the middle of a build)."""
    import importlib

    checked = 0
    for module, (_, package) in MODULES.items():
        for node in ast.walk(TREES[module]):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                target = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
            elif (node.module or "").startswith("generator"):
                target = node.module
            else:
                continue
            imported = importlib.import_module(target)
            for alias in node.names:
                if alias.name != "*" and not hasattr(imported, alias.name):
                    importlib.import_module(f"{target}.{alias.name}")  # (raises if neither a name nor a module)
                checked += 1
    assert checked > 500


# ---- HTML is written in theme/ templates, not in Python strings ---------------------------------------------
#: The element names that make a string HTML markup when they follow "<" or "</" (HTML's, and the SVG and MathML
#: roots): a placeholder such as "<lang>" or "<id>" in a message is not one.
HTML_ELEMENTS = set("""a abbr address area article aside audio b bdi bdo blockquote body br button canvas caption cite
code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form h1
h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map mark math menu meta
meter nav noscript object ol optgroup option output p picture pre progress q rp rt ruby s samp script search section
select slot small source span strong style sub summary sup svg table tbody td template textarea tfoot th thead time
title tr track u ul var video wbr""".split())
_TAG = re.compile(r"(?<!\?P)<(/?)([A-Za-z][A-Za-z0-9]*)(?=[\s/>]|$)")

#: Python strings are read for HTML tags in all of generator/ but markup/, the one place where untrusted text
#: becomes HTML (the sanitiser, and the helpers that mark a passage with its language, <span lang> and <bdi>,
#: inside HTML already made safe: they work on any element and any text, on pages and in packs).
HTML_UNCHECKED = {"markup"}

#: The Python strings in those folders that still hold HTML tags: (file, function) -> why they stay. A page's or
#: pack's markup belongs in theme/ (theme/pages/*.md.j2, its small pieces in theme/pages/_fragments.md.j2;
#: theme/print/*.html; the easy-read check sheets in theme/check/), written through the one Jinja environment
#: of each (autoescape on). What stays here reads or mends finished HTML, is a regular expression that finds
#: tags, or is not HTML. A listed entry that no longer holds a tag also fails the test, so the list only shrinks.
HTML_IN_PYTHON_ALLOWED = {
    ("generator/web/csp.py", "<module>"):
        "regular expressions that find the inline scripts and styles of a finished page, to hash them",
    ("generator/web/csp.py", "add_policy"):
        "the Content-Security-Policy <meta> goes into each finished page with the hashes of that page's own inline "
        "scripts and styles, so it can only be written after MkDocs wrote the page",
    ("generator/web/mkdocs_engine/plugin.py", "<module>"):
        "a regular expression that reads a finished page's main heading (its title)",
    ("generator/web/mkdocs_engine/titles.py", "<module>"):
        "a regular expression that finds the numbers marked left to right in a title",
    ("generator/web/mkdocs_engine/titles.py", "TitleMarker.mark"):
        "finds the page's body, content and footer in MkDocs' finished page (reads, writes no tag)",
    ("generator/print/pdf_engine.py", "render"):
        "looks whether a pack's HTML has form fields (reads, writes no tag)",
    ("generator/print/packs.py", "_key"):
        "looks whether a pack's HTML has form fields, whose mending is part of its cache key (reads, writes no tag)",
    ("generator/print/pdf_textlayer.py", "_finish_font"):
        "a PDF character map's <hex> pairs, not HTML",
    ("generator/serve.py", "_handler.Handler.send_head"):
        "the preview's page saying the site could not be built: it must not need the project's theme/, which may "
        "be what is broken",
    ("generator/pictures.py", "check_svg.start"):
        "a message naming an element a picture must not have (\"a <script> element\"), not HTML",
}


def _html_in_python() -> dict[tuple[str, str], set[str]]:
    """(file, function) -> the tags its Python strings write, for every module of generator/ but markup/.
    Docstrings are left out (they talk about tags). An f-string's pieces count one by one, and a tag whose
    name is a value ("<{element}") counts as "{tag}"."""
    out: dict[tuple[str, str], set[str]] = {}
    for module, tree in TREES.items():
        if _folder(module) in HTML_UNCHECKED:
            continue
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)
                      and isinstance(node.body[0].value, ast.Constant)}

        def visit(node, where):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                where = node.name if where == "<module>" else f"{where}.{node.name}"
            if isinstance(node, ast.JoinedStr):
                for piece, following in zip(node.values, node.values[1:] + [None]):
                    if (isinstance(piece, ast.Constant) and isinstance(following, ast.FormattedValue)
                            and re.search(r"(?<!\?P)</?$", piece.value)):
                        out.setdefault((_rel(module), where), set()).add("{tag}")
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                tags = {name.lower() for _, name in _TAG.findall(node.value) if name.lower() in HTML_ELEMENTS}
                if tags:
                    out.setdefault((_rel(module), where), set()).update(tags)
            for child in ast.iter_child_nodes(node):
                visit(child, where)

        visit(tree, "<module>")
    return out


def test_the_html_check_finds_tags_in_python_strings():
    """The check itself finds what it is for (else the test below would pass on nothing)."""
    tree = ast.parse('def f(x, el):\n    """<p>a docstring</p>"""\n    return f"<p class=\\"a\\">{x}</p>" + '
                     'f"<{el}>" + "(?P<body>x)" + "site/<lang>/"\n')
    TREES["generator.web.example"] = tree
    MODULES["generator.web.example"] = (GENERATOR / "web" / "example.py", ["generator", "web"])
    try:
        found = _html_in_python()
    finally:
        del TREES["generator.web.example"], MODULES["generator.web.example"]
    assert found[("generator/web/example.py", "f")] == {"p", "{tag}"}


def test_html_is_written_in_templates_not_in_python_strings():
    found = _html_in_python()
    assert found and any(place[0].startswith("generator/print/") for place in found), "nothing was read"
    new = {place: sorted(tags) for place, tags in found.items() if place not in HTML_IN_PYTHON_ALLOWED}
    assert not new, ("HTML written in Python strings: put it in a template under theme/ (a page's small pieces in "
                     f"theme/pages/_fragments.md.j2, rendered by PageWriter.fragment()), or list it here with why: {new}")
    gone = set(HTML_IN_PYTHON_ALLOWED) - set(found)
    assert not gone, f"no HTML left there: remove from HTML_IN_PYTHON_ALLOWED: {sorted(gone)}"
