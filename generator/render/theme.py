"""Moved to generator/web/theme.py (issue #11). This name stays importable until the old paths are removed
(ARCHITECTURE.md, step 15)."""
from ..web.theme import *  # noqa: F401,F403
from ..web.theme import (ASSET_DIR, FEATURES, FONTS, MATERIAL_VERSION, PALETTE, asset_sources,  # noqa: F401
                         theme_config)
