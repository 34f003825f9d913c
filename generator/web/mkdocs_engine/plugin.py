"""CharterkitPlugin: what charterkit adds to a MkDocs build, through MkDocs' public plugin API.

MkDocs finds it by name ("charterkit" in the config's plugins) through the `mkdocs.plugins` entry point in
pyproject.toml. charterkit's own builds (mkdocs_engine.build_language) hand it the language's pages in
memory (the `site` option); a plain `mkdocs build` of an exported docs folder (CHARTERKIT_EXPORT_MKDOCS=1)
loads it without that option, reads the folder as usual, and makes the same pages.

- on_files: the pages charterkit made, from memory, and the pictures, fonts and styles from where they
  are, as if they were in the (empty) docs folder, in the order MkDocs lists a docs folder
  (mkdocs.structure.files.file_sort_key, the public sort key);
- on_env: the compiled Material templates are kept between builds (template_cache); ck_text for <title>;
- on_page_content: the HTML MkDocs made of each page passes through markup/sanitise.clean_page(), the
  page-wide allow-list (a second line of defence: the words in it were made safe before MkDocs saw them); a page
  MkDocs would name after its file ("Index") is named by its main heading;
- on_post_page, on_post_template: the Content-Security-Policy (web/csp.py) and the titles shown in another
  language marked in menus and contents (titles.py); on right-to-left pages, English passages isolated and
  marked as English (markup/lang.py english_in_page);
- replacing, not writing into, what MkDocs writes: the built pages are linked into the published site
  (not copied), so the file in the cache and the file in the published site are the same file; writing
  into it would change the published site during the next build, before that build has succeeded. So each
  file MkDocs is about to write is unlinked first: pages in on_post_page, theme templates (404.html,
  sitemap.xml and its .gz) in on_post_template, the search index in on_post_build before Material's search
  plugin writes it. (Pictures and fonts MkDocs copies only when charterkit has unlinked them already: see
  build_language; a full build starts from an emptied folder.)

- shared_assets: the theme's files are left out of each language's folder (one copy at the site's root,
  web/assets.py) and every address of them in a page is changed to the shared copy's hashed name.

- squeeze: each page without the blank lines and indentation of Material's templates (web/squeeze.py).

It imports nothing of charterkit's but the markup helpers, titles.py, csp.py, squeeze.py and assets.py: plain MkDocs stays
quick.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, file_sort_key

from .titles import TitleMarker, plain_title

_FIRST_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]*>")


def _title_from_main_heading(page, html: str) -> None:
    """A page MkDocs could not name (its main heading is not the page's first element, so MkDocs names it
    after its file: "Index") takes the words of its main heading, as MkDocs' own title does: tags taken
    out, character references kept (the page's title is HTML text). The header, the search results and
    the menus show page.title. A title from the menu (nav) or a `title:` setting is kept."""
    name = page.file.name.replace("-", " ").replace("_", " ")
    fallback = name.capitalize() if name.lower() == name else name
    if "title" in page.meta or page.title != fallback:
        return
    heading = _FIRST_H1.search(html)
    words = " ".join(_TAG.sub("", heading.group(1)).split()) if heading else ""
    if words:
        page.title = words


@dataclass
class InMemoryDocs:
    """One language's pages as charterkit hands them to MkDocs (the plugin's `site` option)."""

    pages: dict[str, str]  # docs path -> Markdown
    modified: set[str]  # the pages to render again in a dirty build
    files: dict[str, Path] = field(default_factory=dict)  # docs path -> the file copied there


class CharterkitOptions(base.Config):
    #: titles shown in another language than the page's: text -> its language (titles.py)
    fallback_titles = c.Type(dict, default={})
    #: where compiled theme templates are kept between builds (none: not kept)
    template_cache = c.Optional(c.Type(str))
    #: the pages, from memory (InMemoryDocs); absent when MkDocs reads an exported docs folder
    site = c.Optional(c.Type(object))
    #: the theme's files, shared by every language at the site's root (web/assets.py SharedAssets): the
    #: theme's own copies are left out of the language's folder and pages name the shared ones. Absent when
    #: MkDocs reads an exported docs folder, it is the path of a JSON file of the names (_export_plain).
    shared_assets = c.Optional(c.Type(object))


class _Page(File):
    charterkit_modified = True

    def is_modified(self) -> bool:  # MkDocs' own test compares file times: these pages have none
        return self.charterkit_modified


def add_files(files: Files, config, docs: InMemoryDocs) -> Files:
    """The language's pages, from memory, and its other files, from where they are, in the order MkDocs
    lists a docs folder (a folder's files, index first, then its subfolders)."""
    made = []
    for rel, text in docs.pages.items():
        page = _Page.generated(config, rel, content=text)
        page.charterkit_modified = rel in docs.modified
        made.append(page)
    for rel, source in docs.files.items():
        made.append(File.generated(config, rel, abs_src_path=str(source)))
    made.sort(key=file_sort_key)
    ours = {f.src_uri for f in made}
    return Files(made + [f for f in files if f.src_uri not in ours])


def _without_theme_files(files: Files, config) -> Files:
    """files without the theme's static files (Material's styles, scripts, pictures): the site has one
    shared copy of those (web/assets.py)."""
    dirs = [os.path.join(os.path.abspath(d), "") for d in config["theme"].dirs]
    return Files([f for f in files
                  if not (f.abs_src_path and any(os.path.abspath(f.abs_src_path).startswith(d) for d in dirs))])


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        pass


class CharterkitPlugin(BasePlugin[CharterkitOptions]):
    def __init__(self):
        self.titles: TitleMarker | None = None

    def on_config(self, config):
        self.titles = TitleMarker(self.config.fallback_titles or {})
        shared = self.config.shared_assets
        if isinstance(shared, str):  # an exported docs folder: the names, from a file (_export_plain)
            import json

            from ..assets import SharedAssets

            with open(shared, encoding="utf-8") as f:
                self.config.shared_assets = SharedAssets.from_names(json.load(f))
        return config

    def on_files(self, files, config):
        docs = self.config.site
        if docs is not None:
            files = add_files(files, config, docs)
        if self.config.shared_assets is not None:
            files = _without_theme_files(files, config)
        return files

    def on_env(self, env: jinja2.Environment, config, files):
        env.filters["ck_text"] = plain_title
        cache = self.config.template_cache
        if cache:
            Path(cache).mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(cache)
        return env

    def on_page_content(self, html: str, page, config, files) -> str:
        from ...markup.sanitise import clean_page

        html = clean_page(html)
        _title_from_main_heading(page, html)
        return html

    def on_post_page(self, output: str, page, config) -> str:
        _unlink(page.file.abs_dest_path)  # MkDocs writes it next: a new file, not the published one
        return self._finish(output, config)

    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        output_path = os.path.join(config["site_dir"], template_name)
        _unlink(output_path)
        _unlink(output_path + ".gz")  # sitemap.xml.gz is written in place, after sitemap.xml
        if not template_name.endswith(".html"):
            return output_content
        return self._finish(output_content, config)

    @event_priority(100)  # before Material's search plugin writes the index (default priority)
    def on_post_build(self, config) -> None:
        _unlink(os.path.join(config["site_dir"], "search", "search_index.json"))

    def _finish(self, output: str, config) -> str:
        from ...markup.lang import english_in_page
        from ..csp import add_policy, theme_scripts
        from ..squeeze import squeeze

        marker = self.titles or TitleMarker({})
        output = squeeze(output)  # the templates' blank lines and indentation (web/squeeze.py)
        shared = self.config.shared_assets
        if shared is not None:
            output = shared.rewrite(output)
        # on a right-to-left page, English left in its words (a name, a title, a short form, in the text, the
        # menus or the footer) isolated and marked as English, after the titles in English are marked as such
        output = english_in_page(marker.mark(output))
        return add_policy(output, theme_scripts(str(config["theme"].custom_dir or "") or None))
