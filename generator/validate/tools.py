"""Engagement tools (surveys, interview and focus-group guides, workbooks): framework_data/tools/*.yml.

Placeholder written by the lead; the packs work replaces it with the real schema and checks.
"""
from __future__ import annotations

from pathlib import Path


def load_tools(root: Path, report, documents: dict) -> dict:
    return {}
