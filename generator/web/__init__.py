"""The website: one language's pages from its view of the project, and the one adapter to MkDocs.

- mkdocs_engine/: everything that talks to MkDocs (build_language, the CharterkitPlugin that MkDocs loads
  through its public plugin API, the titles marked in menus, the search-index merge);
- pages.py: PageWriter fills the page templates (theme/pages/*.md.j2) with one language's view and the packs'
  manifest (render_view, in the page workers); context.py, paths.py and text.py are its helpers.

web/ and print/ are siblings: neither imports the other.
"""
