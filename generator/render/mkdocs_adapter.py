"""Moved to generator/web/mkdocs_engine/ (issue #11). This name stays importable until the old paths are
removed (ARCHITECTURE.md, step 15). The pipeline looks build_language up here at each build, so a test
can still replace it here."""
from ..web.mkdocs_engine import (LanguageBuild, build_language, heading_id, mkdocs_config,  # noqa: F401
                                 reset_theme_listing)
from ..web.mkdocs_engine.publish import KEEP, publish as _publish  # noqa: F401
