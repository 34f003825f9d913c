"""The old place of the translation units, now generator/model/units.py: kept so that code and tests
written before the move keep working until they import it from there."""
from ..model.units import (Unit, document_units, entry_state, glossary_units, is_easy_read, settings_units,  # noqa: F401
                           source_hash, tool_units)

__all__ = ["Unit", "document_units", "entry_state", "is_easy_read", "settings_units", "source_hash"]
