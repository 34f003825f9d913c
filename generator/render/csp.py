"""Moved to generator/web/csp.py (issue #11). This name stays importable until the old paths are removed
(ARCHITECTURE.md, step 15)."""
from ..web.csp import *  # noqa: F401,F403
from ..web.csp import POLICY, add_policy, own_page, sha256, theme_scripts  # noqa: F401
