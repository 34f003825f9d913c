"""Every third-party package charterkit imports is declared in pyproject.toml with an exact pin, the same
pin as in requirements.lock (so a change of another package's pins cannot remove it without notice)."""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _name(requirement: str) -> str:
    return re.split(r"[=<>!~;\[ ]", requirement, maxsplit=1)[0].strip().lower().replace("_", "-")


def _imported_top_level_names() -> dict[str, str]:
    """Top-level module name -> the first file:line importing it, for every module of generator/."""
    found: dict[str, str] = {}
    files = sorted((ROOT / "generator").rglob("*.py"))
    assert files, "found no Python files under generator/"
    for file in files:
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                found.setdefault(top, f"{file.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_imported_package_is_declared_with_the_locked_pin():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(r): r for r in project["dependencies"]}
    locked = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            locked[_name(line)] = line.split("==", 1)[1].strip() if "==" in line else None

    distributions = metadata.packages_distributions()
    third_party = {}
    for module, where in _imported_top_level_names().items():
        if module in sys.stdlib_module_names or module in ("generator", "__future__"):
            continue
        dists = distributions.get(module)
        assert dists, f"{module} (imported at {where}) belongs to no installed package"
        third_party[module] = (_name(dists[0]), where)
    assert len(third_party) >= 10, f"found only {sorted(third_party)}: is the import scan broken?"

    problems = []
    for module, (dist, where) in sorted(third_party.items()):
        requirement = declared.get(dist)
        if requirement is None:
            problems.append(f"{dist} (import {module} at {where}) is not in pyproject.toml's dependencies")
        elif "==" not in requirement:
            problems.append(f"{requirement} is not an exact pin (==)")
        elif requirement.split("==", 1)[1].strip() != locked.get(dist):
            problems.append(f"{requirement} in pyproject.toml, {dist}=={locked.get(dist)} in requirements.lock")
    assert not problems, "\n".join(problems)


def test_every_declared_package_is_locked_at_the_same_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    assert requirements
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    locked = {_name(l): l.strip() for l in lock.splitlines() if "==" in l and not l.startswith("#")}
    for requirement in requirements:
        assert locked.get(_name(requirement), "").lower() == requirement.lower(), (
            f"{requirement} in pyproject.toml, {locked.get(_name(requirement))} in requirements.lock")
