"""Load and validate a whole project in phases, collecting every problem in every file.

Phase 1: each file can be read as YAML (encoding, syntax, size, anchors).
Phase 2: each file has the right shape (schema).
Phase 3: across files: unique IDs, every mapping resolves, configured documents exist.
Safety checks (validate/safety.py) run alongside: every text an editor can change may change words, never
what a page does. Before anything is read, symbolic links that lead out of the project stop the run.
A later phase runs only on what passed the earlier ones, so one mistake is not reported three times.
"""
from __future__ import annotations

from pathlib import Path

from ..model.config import SiteConfig
from ..diagnostics import Issue, Report, closest
from ..load.yamlfile import Loaded, YamlCache, key_path, load_yaml
from ..model.corpus import Corpus, Located, index_corpus, walk_items, walk_sections
from ..model.schema import Document
from .shape import check_shape

CONFIG_FILE = "site_config.yml"
DOCUMENTS_DIR = Path("framework_data") / "documents"


def document_files(root: Path) -> list[Path]:
    folder = root / DOCUMENTS_DIR
    if not folder.is_dir():
        return []
    return sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])


def load_project(root: Path, report: Report, *, yaml_cache: YamlCache | None = None) -> Corpus | None:
    """Returns the validated Corpus, or None if there were errors (all of them are in report). yaml_cache: where
    to keep what reading each YAML file gave (load/yamlfile.py YamlCache; none: every file is read afresh)."""
    from . import safety

    root = root.resolve()
    report.root = root
    if not safety.check_links(root, report):
        return None  # nothing more is read: a file outside the project is never read, published or quoted
    config = _load_config(root, report, yaml_cache)

    files = document_files(root)
    if not files:
        report.error("project.no-documents", f"No documents found in {DOCUMENTS_DIR}/.",
                     file=str(DOCUMENTS_DIR), hint="Add at least one .yml file there (see framework_data/README.md).")
    documents: list[tuple[Document, Loaded, str]] = []
    failed: set[str] = set()  # file names (without .yml) that could not be read or had the wrong shape
    for path in files:
        display = report.rel(path)
        loaded = load_yaml(path, display, cache=yaml_cache)
        report.extend(loaded.issues)
        if not loaded.ok:
            failed.add(path.stem)
            continue
        safety.check_yaml_texts(loaded, display, report)
        doc, issues = check_shape(loaded, Document, display)
        report.extend(issues)
        if doc is not None:
            documents.append((doc, loaded, display))
        else:
            failed.add(path.stem)

    _check_editable_files(root, config, report, yaml_cache)
    from .names import check_content_names

    check_content_names(root, [doc.id for doc, _, _ in documents] + sorted(failed), report)
    safety.check_interface_words(root, report, yaml_cache)
    safety.check_content_pages(root, config, report)
    # Cross-file checks run on every file that passed, so one run shows every problem.
    # A reference to a document that is itself broken is not reported twice.
    _cross_checks(documents, config, report, failed)
    from .references import check_references

    check_references(documents, report, failed)
    from .glossary import load_glossary

    glossary = load_glossary(root, report, {doc.id: doc for doc, _, _ in documents}, yaml_cache)
    from .site_owner import check_logo

    check_logo(root, config, report)
    check_carried_pictures(root, report)
    from ..read.recordings import check_recordings

    check_recordings(root, [lang.code for lang in config.languages] if config is not None else [],
                     [doc for doc, _, _ in documents], report)
    # Tools and translations are checked even when a document has errors, so that one run shows every
    # problem. What refers to a file that could not be read (a tool of a broken document, the translation of
    # a broken document or tool) is left out: that file's own errors are already in the report.
    from .tools import load_tools, tool_files

    tools = load_tools(root, report, {doc.id: doc for doc, _, _ in documents}, broken=failed, cache=yaml_cache)
    broken = failed | ({path.stem for path in tool_files(root)} - set(tools))
    translations = _load_translations(root, config, [doc for doc, _, _ in documents], report, tools, glossary,
                                      broken=broken, cache=yaml_cache)
    if report.errors or config is None:
        return None
    import dataclasses

    return dataclasses.replace(_corpus(root, config, documents, tools), translations=translations, glossary=glossary)


def _check_editable_files(root: Path, config: SiteConfig | None, report: Report, cache: YamlCache | None) -> None:
    """What the other phases do not read themselves: every content page and interface-words file can be
    read, and language folders and files are named so that they are found (validate/names.py)."""
    from ..read.strings import check_strings
    from .names import check_content_files, check_language_folders

    check_strings(root, report, cache)
    check_content_files(root, report)
    if config is not None:
        check_language_folders(root, [lang.code for lang in config.languages], report)


def _load_translations(root: Path, config: SiteConfig | None, documents, report: Report, tools=None, glossary=None,
                       broken: set[str] = frozenset(), cache: YamlCache | None = None) -> dict:
    """Every configured language's translations, checked. If site_config.yml could not be read (config is
    None), the translation files of every language folder are checked all the same, so that one run shows
    every problem (all but site.yml, which translates site_config.yml itself)."""
    from ..read.strings import load_strings
    from ..model.translations import INTERFACE, TRANSLATIONS_DIR
    from .translation_files import language_folders, load_language

    try:
        english_words = load_strings(root, "en")
    except ValueError:
        # theme/strings/en.yml cannot be read (check_strings has reported why): the interface words'
        # translations are checked against it once it is fixed
        english_words = {}
        broken = set(broken) | {INTERFACE}
    from .names import _LANG

    if config is None:
        codes = [folder.name for folder in language_folders(root) if _LANG.match(folder.name)]
    else:
        codes = [lang.code for lang in config.languages]
    configured = set(codes)
    packs = {}
    for folder in language_folders(root) if config is not None else []:
        lowered = folder.name.lower().replace("_", "-")
        if folder.name not in configured and lowered not in configured and _LANG.match(folder.name):
            report.warning("i18n.not-configured",
                           f'There are translations for "{folder.name}", but it is not one of the languages in {CONFIG_FILE}, '
                           "so they are not published.", file=str(TRANSLATIONS_DIR / folder.name),
                           hint=f"Add it under languages: in {CONFIG_FILE} (code, name and dir).")
    for code in codes:
        if code == "en":
            continue
        packs[code] = load_language(root, code, documents, english_words, report, config, tools, glossary,
                                    broken=broken, cache=cache)
    return packs


def _load_config(root: Path, report: Report, cache: YamlCache | None = None) -> SiteConfig | None:
    path = root / CONFIG_FILE
    if not path.exists():
        report.error("config.missing", f"{CONFIG_FILE} is missing.", file=CONFIG_FILE,
                     hint=f"Create {CONFIG_FILE} in the project folder (copy the one from the charterkit repository).")
        return None
    loaded = load_yaml(path, CONFIG_FILE, cache=cache)
    report.extend(loaded.issues)
    if not loaded.ok:
        return None
    from .safety import check_yaml_texts

    check_yaml_texts(loaded, CONFIG_FILE, report)
    config, issues = check_shape(loaded, SiteConfig, CONFIG_FILE)
    report.extend(issues)
    if config is not None:
        config._loaded = loaded  # type: ignore[attr-defined]  # kept for positions in cross checks
    return config


def _cross_checks(documents, config: SiteConfig | None, report: Report, failed: set[str]) -> None:
    seen: dict[str, str] = {}
    by_id: dict[str, tuple[Document, Loaded, str]] = {}
    for doc, loaded, display in documents:
        line, col = loaded.position(("id",))
        if doc.id in seen:
            report.error("id.duplicate-document", f'Another file already uses the document ID "{doc.id}": {seen[doc.id]}.',
                         file=display, line=line, column=col, key="id",
                         hint="Give each document its own ID.")
            continue
        seen[doc.id] = display
        by_id[doc.id] = (doc, loaded, display)
        stem = Path(display).stem
        if stem != doc.id:
            report.error("id.file-name", f'The document ID "{doc.id}" does not match the file name "{Path(display).name}".',
                         file=display, line=line, column=col, key="id",
                         hint=f'Rename the file to "{doc.id}.yml" or change the ID to "{stem}".')

    # IDs unique within each document (sections and items share one namespace)
    ids_of: dict[str, set[str]] = {}
    for doc, loaded, display in by_id.values():
        first: dict[str, tuple] = {}
        entries = [(s.id, p) for s, _, p in walk_sections(doc)] + [(loc.item.id, loc.path) for loc in walk_items(doc)]
        for ident, path in entries:
            if ident in first:
                line, col = loaded.position(path + ("id",))
                fline, _ = loaded.position(first[ident] + ("id",))
                report.error("id.duplicate", f'The ID "{ident}" is used twice in this document (first on line {fline}).',
                             file=display, line=line, column=col, key=key_path(path + ("id",)),
                             hint="Every section and item in a document needs its own ID. Change one of them.")
            else:
                first[ident] = path
        for loc in walk_items(doc):
            seen_lists: set[str] = set()
            for k, lst in enumerate(loc.item.lists):
                if lst.id in seen_lists:
                    line, col = loaded.position(loc.path + ("lists", k, "id"))
                    report.error("id.duplicate", f'The list ID "{lst.id}" is used twice in the same item.',
                                 file=display, line=line, column=col, key=key_path(loc.path + ("lists", k, "id")),
                                 hint="Give each list in an item its own ID.")
                seen_lists.add(lst.id)
        ids_of[doc.id] = set(first)

    item_ids = {doc_id: {loc.item.id for loc in walk_items(d[0])} for doc_id, d in by_id.items()}
    for doc, loaded, display in by_id.values():
        for loc in walk_items(doc):
            for target_doc, targets in loc.item.maps_to.items():
                kpath = loc.path + ("maps_to", target_doc)
                if target_doc not in by_id:
                    if target_doc in failed:
                        continue
                    line, col = loaded.position(kpath, prefer_key=True)
                    known = ", ".join(sorted(by_id))
                    report.error("ref.unknown-document", f'"{target_doc}" is not the ID of any document.',
                                 file=display, line=line, column=col, key=key_path(kpath),
                                 hint=f"Use one of: {known}.")
                    continue
                if target_doc == doc.id:
                    line, col = loaded.position(kpath, prefer_key=True)
                    report.error("ref.self", "An item maps to its own document.", file=display, line=line, column=col,
                                 key=key_path(kpath), hint="maps_to links to other documents only.")
                    continue
                for n, target in enumerate(targets):
                    if target not in item_ids[target_doc]:
                        line, col = loaded.position(kpath + (n,))
                        near = closest(target, item_ids[target_doc])
                        report.error("ref.unknown-item", f'"{target}" is not an item of the document "{target_doc}".',
                                     file=display, line=line, column=col, key=key_path(kpath + (n,)),
                                     hint=(f'Did you mean "{near}"? ' if near else "")
                                     + f"Item IDs are in {by_id[target_doc][2]}.")
                    elif targets.index(target) != n:
                        line, col = loaded.position(kpath + (n,))
                        report.error("ref.repeated", f'"{target}" is listed twice.', file=display, line=line,
                                     column=col, key=key_path(kpath + (n,)), hint="Remove the second one.")

    for doc, loaded, display in by_id.values():
        for loc in walk_items(doc):
            for n, target in enumerate(loc.item.covers):
                if target not in item_ids[doc.id]:
                    line, col = loaded.position(loc.path + ("covers", n))
                    near = closest(target, item_ids[doc.id])
                    report.error("ref.unknown-item", f'"{target}" is not an item of this document.',
                                 file=display, line=line, column=col, key=key_path(loc.path + ("covers", n)),
                                 hint=(f'Did you mean "{near}"? ' if near else "")
                                 + "covers lists IDs of items in the same document.")

    if not report.errors:  # the picture set is only worth loading when everything else is right
        _check_pictures(by_id, report)

    if config is not None and config.documents is not None:
        cl: Loaded = config._loaded  # type: ignore[attr-defined]
        for n, doc_id in enumerate(config.documents):
            if doc_id not in by_id and doc_id not in failed:
                line, col = cl.position(("documents", n))
                report.error("config.unknown-document", f'"{doc_id}" is listed in documents, but no document has this ID.',
                             file=CONFIG_FILE, line=line, column=col, key=f"documents[{n}]",
                             hint=f"Use one of: {', '.join(sorted(by_id))}, or add the document's file.")
            elif list(config.documents).index(doc_id) != n:
                line, col = cl.position(("documents", n))
                report.error("config.repeated-document", f'"{doc_id}" is listed twice.', file=CONFIG_FILE,
                             line=line, column=col, key=f"documents[{n}]", hint="Remove the second one.")


def _easy_read_points(doc: Document):
    """Every easy-read point of a document with its key path."""
    if doc.easy_read is not None:
        for part in ("about", "contact"):
            for n, point in enumerate(getattr(doc.easy_read, part)):
                yield point, ("easy_read", part, n)
    for section, _, path in walk_sections(doc):
        for n, point in enumerate(section.easy_read):
            yield point, path + ("easy_read", n)
    for loc in walk_items(doc):
        for n, point in enumerate(loc.item.easy_read):
            yield point, loc.path + ("easy_read", n)


def _check_pictures(by_id, report: Report) -> None:
    from ..pictures import PictureSetMissing, catalogue, unknown_picture

    wanted = [(doc, loaded, display, point, path) for doc, loaded, display in by_id.values()
              for point, path in _easy_read_points(doc)]
    if not wanted:
        return
    try:
        names = catalogue(report.root)
    except PictureSetMissing as exc:
        report.error("picture.set-missing", str(exc), hint="Run 'make build', then try again.")
        return
    for doc, loaded, display, point, path in wanted:
        if point.picture not in names:
            line, col = loaded.position(path + ("picture",))
            message, hint = unknown_picture(report.root, point.picture, names)
            report.error("picture.unknown", message, file=display, line=line, column=col,
                         key=key_path(path + ("picture",)), hint=hint)


def check_carried_pictures(root: Path, report: Report) -> None:
    """The pictures the project carries (theme/pictures/mulberry/*.svg) are untrusted input, like any file a pull
    request can add: each must be a plain picture, with nothing that runs, loads something or reaches a file."""
    import re

    from ..pictures import MULBERRY_DIR, carried_files, check_svg
    from ..model.schema import ID_PATTERN

    folder = root / MULBERRY_DIR
    for path in carried_files(root):
        display = report.rel(path)
        if path.is_symlink():
            report.error("picture.symlink", "This picture is a link to another file, not a picture of its own.",
                         file=display, line=1, hint=f"Put the SVG file itself in {MULBERRY_DIR.as_posix()}/.")
            continue
        if not re.match(ID_PATTERN, path.stem):
            report.error("picture.bad-name", f'"{path.name}" is not a name charterkit can use for a picture.',
                         file=display, line=1,
                         hint="Use lower-case letters a to z, digits and single hyphens, for example to-listen.svg "
                              f"(see {(folder / 'README.md').relative_to(root).as_posix()}).")
        try:
            data = path.read_bytes()
        except OSError as exc:
            report.error("picture.unreadable", f"This picture cannot be read ({exc.strerror}).", file=display, line=1,
                         hint="Replace it with the file from the Mulberry Symbols release.")
            continue
        for line, what in check_svg(data):
            report.error("picture.unsafe", f"This picture has {what}.", file=display, line=line,
                         hint="Pictures may only draw: remove that part, or use the unchanged file from the Mulberry "
                              "Symbols release, or choose another picture.")
        if b"<text" in data:
            line = data[: data.find(b"<text")].count(b"\n") + 1
            report.warning("picture.has-words", "This picture has words in it. They are not translated, screen "
                           "readers may read them out in packs, and they print in a font the packs do not carry.",
                           file=display, line=line, hint="Choose a picture without words.")


def _corpus(root: Path, config: SiteConfig, documents, tools: dict) -> Corpus:
    by_id = {doc.id: (doc, display) for doc, _, display in documents}
    if config.documents is not None:
        listed = [by_id[i][0] for i in config.documents]
        rest = sorted((d for i, (d, _) in by_id.items() if i not in config.documents), key=lambda d: d.title)
        ordered = listed + rest
    else:
        ordered = sorted((d for d, _ in by_id.values()), key=lambda d: (d.kind == "reference", d.title))
    corpus = Corpus(root=root, config=config, documents=tuple(ordered),
                    files={doc_id: root / display for doc_id, (_, display) in by_id.items()}, tools=tools)
    return index_corpus(corpus)
