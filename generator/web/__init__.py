"""The website: one language's pages from its view of the project, and the one adapter to MkDocs.

- mkdocs_engine/: everything that talks to MkDocs (build_language, the CharterkitPlugin that MkDocs loads
  through its public plugin API, the titles marked in menus, the search-index merge);
- (render/site.py still writes the pages' Markdown: it moves here, into theme/pages/ templates, next.)

web/ and print/ are siblings: neither imports the other.
"""
