"""The links of a Markdown text, read the same way everywhere: the safety checks of validate/safety.py and the
translations' check that a translation links where its English does (translate/localise.py same_links)."""
from __future__ import annotations

import re


def inline_links(text: str) -> list[tuple[str, int]]:
    """The address of every [words](address) link in a Markdown text, with its offset in the text."""
    out = []
    for m in re.finditer(r"\]\(", text):
        i = m.end()
        while i < len(text) and text[i] in " \t":
            i += 1
        if i < len(text) and text[i] == "<":
            j = text.find(">", i)
            if j < 0:
                continue
            out.append((text[i + 1:j], i + 1))
            continue
        depth, j = 0, i
        while j < len(text):
            c = text[j]
            if c in " \t\n":
                break
            if c == "(":
                depth += 1
            elif c == ")":
                if depth == 0:
                    break
                depth -= 1
            j += 1
        out.append((text[i:j], i))
    return out
