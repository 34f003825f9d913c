"""Moved to generator/markup/content.py (issue #11). This name stays importable until the old paths are
removed (ARCHITECTURE.md, step 15)."""
from ..markup.content import *  # noqa: F401,F403
from ..markup.content import ContentError, render, to_markdown  # noqa: F401
