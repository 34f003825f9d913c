"""Easy-read pictures: the OpenMoji set (CC BY-SA 4.0), installed from npm into node_modules/openmoji.

A picture is named by its OpenMoji description in lower case with hyphens, for example
"speech-balloon" or "person-in-wheelchair". `charterkit pictures WORD` lists the names.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PACKAGE = Path("node_modules") / "openmoji"
CREDIT = ("Pictures: OpenMoji, the open-source emoji and icon project, "
          "licensed under CC BY-SA 4.0 (https://openmoji.org/).")
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"


@dataclass(frozen=True)
class Picture:
    name: str
    hexcode: str
    annotation: str
    svg: Path


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class PictureSetMissing(Exception):
    pass


@lru_cache(maxsize=4)
def catalogue(root: Path) -> dict[str, Picture]:
    base = Path(root) / PACKAGE
    data_file = base / "data" / "openmoji.json"
    if not data_file.exists():
        raise PictureSetMissing(
            f"The picture set is not installed ({data_file} is missing). Run 'make build' once to install it.")
    entries = json.loads(data_file.read_text(encoding="utf-8"))
    svg_dir = base / "color" / "svg"
    present = set(os.listdir(svg_dir)) if svg_dir.is_dir() else set()  # one listing, not 4,000 look-ups
    out: dict[str, Picture] = {}
    for e in entries:
        if e.get("skintone"):
            continue
        name = slug(e["annotation"])
        if not name or name in out or not name[0].isalpha():
            continue
        if f"{e['hexcode']}.svg" in present:  # a few entries (skin-tone bases) ship no picture of their own
            out[name] = Picture(name, e["hexcode"], e["annotation"], svg_dir / f"{e['hexcode']}.svg")
    return out


def search(root: Path, word: str) -> list[Picture]:
    word = word.lower()
    return [p for n, p in sorted(catalogue(root).items()) if word in n or word in p.annotation]
