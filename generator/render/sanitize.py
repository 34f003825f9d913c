"""Moved to generator/markup/sanitise.py (issue #11). This name stays importable until the old paths are
removed (ARCHITECTURE.md, step 15)."""
from ..markup.sanitise import *  # noqa: F401,F403
from ..markup.sanitise import (PAGE_ATTRIBUTE_VALUES, PAGE_ATTRIBUTES, PAGE_TAGS, PROFILES, URL_SCHEMES,  # noqa: F401
                               clean, clean_page, digest, inert, markdown_html, markdown_inline_html, text)
