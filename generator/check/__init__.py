"""Checks run on a built site: `charterkit check NAME`. Each check module has run(root, args) -> exit code."""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

CHECKS = {
    "a11y": "generator.check.a11y",
    "links": "generator.check.links",
    "easy-read": "generator.check.easyread",
    "pdf": "generator.check.pdf",
    "contrast": "generator.check.contrast",
    "browser": "generator.check.browser",
    "terms": "generator.check.terms",
}


def run_check(name: str, root: Path, args) -> int:
    module_name = CHECKS.get(name)
    if module_name is None:
        print(f'There is no check called "{name}". Checks: {", ".join(CHECKS)}.', file=sys.stderr)
        return 2
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError:
        print(f'The "{name}" check is not available yet in this version of charterkit.', file=sys.stderr)
        return 2
    return module.run(root, args)
