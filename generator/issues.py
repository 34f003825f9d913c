"""The old place of Diagnostic and Diagnostics (generator/diagnostics.py), under their old names Issue and
Report: kept so that code and tests written before the move keep working until they import diagnostics."""
from .diagnostics import Diagnostic, Diagnostics, Issue, Report, closest

__all__ = ["Diagnostic", "Diagnostics", "Issue", "Report", "closest"]
