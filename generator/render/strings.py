"""The words charterkit puts on every page (headings, labels), per language, from theme/strings/<lang>.yml.

A missing word falls back to English; the page then marks that passage with lang="en".

Words in {curly brackets} are filled in by fill(), never by Python's str.format: only a bare name such as
{document} is a placeholder, and it is replaced by the value given for it, as text. Nothing else in the
braces means anything ({0}, {document.x}, {document:>9}, a lone { are left as they are, and
`charterkit validate` reports them), so a word can never reach an object's attributes or the build's
environment, or make the build fail.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model.text import KNOWN_PLACEHOLDERS, PLACEHOLDER, SOURCE_LANG, fill  # noqa: F401 (re-exported)

STRINGS_DIR = Path("theme") / "strings"


def _flatten(data, prefix="") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in (data or {}).items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = str(value)
    return out


def load_strings(root: Path, lang: str) -> dict[str, str]:
    path = Path(root) / "theme" / "strings" / f"{lang}.yml"
    if not path.exists():
        return {}
    return dict(_load_cached(path, path.stat().st_mtime_ns))


@lru_cache(maxsize=16)
def _load_cached(path: Path, mtime: int) -> tuple:
    from ..load.yamlfile import load_yaml

    loaded = load_yaml(path, str(path))
    problems = [i for i in loaded.issues if i.severity == "error"]
    if problems or not isinstance(loaded.data, dict):  # (check_strings() reports these before any build)
        raise ValueError("\n".join(i.format() for i in problems) or f"{path} is not a block of keys")
    return tuple(_flatten(loaded.data).items())


def check_strings(root: Path, report) -> None:
    """Every file in theme/strings/ can be read (UTF-8, YAML, a block of keys): problems go to report with
    the file, line and what to do, the same as for the data files."""
    from ..issues import Issue
    from ..load.yamlfile import load_yaml

    folder = Path(root) / STRINGS_DIR
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml")) if folder.is_dir() else []
    for path in files:
        display = report.rel(path)
        if path.is_dir():
            report.error("file.is-folder", "This is a folder, but a file with this name is expected here.",
                         file=display, hint="Rename or remove the folder.")
            continue
        loaded = load_yaml(path, display)
        report.extend(loaded.issues)
        if loaded.ok and not isinstance(loaded.data, dict):
            line, col = loaded.position(())
            report.add(Issue("schema.top-level", "The file should be a block of keys (like 'home: Home').",
                             file=display, line=line or 1, column=col or 1,
                             hint="Write one key and its words on each line, as in the English file."))
    english = folder / f"{SOURCE_LANG}.yml"
    if folder.is_dir() and not english.exists():
        report.error("file.missing", f"{STRINGS_DIR.as_posix()}/{SOURCE_LANG}.yml is missing: it holds the words on every page.",
                     file=str(STRINGS_DIR / f"{SOURCE_LANG}.yml"),
                     hint="Put the file back (it is in the charterkit repository).")


@dataclass(frozen=True)
class Strings:
    lang: str
    words: dict[str, str]
    english: dict[str, str]

    @classmethod
    def load(cls, root: Path, lang: str, pack=None, publish_drafts: bool = True) -> "Strings":
        """The words for lang: from the language's interface.yml translation, where it is current."""
        from ..model.units import entry_state

        english = load_strings(root, SOURCE_LANG)
        if lang == SOURCE_LANG or pack is None:
            return cls(lang, english if lang == SOURCE_LANG else {}, english)
        words = {}
        for key, entry in pack.interface.items():
            if key not in english:
                continue
            state = entry_state(english[key], entry)
            if state == "reviewed" or (state == "draft" and publish_drafts):
                words[key] = entry.text
        return cls(lang, words, english)

    def get(self, key: str, **values) -> tuple[str, str]:
        """The word for key and the language it is in (the page's, or English as a fallback)."""
        if key in self.words:
            text, lang = self.words[key], self.lang
        elif key in self.english:
            text, lang = self.english[key], SOURCE_LANG
        else:
            raise KeyError(f"No text for '{key}' in theme/strings/{SOURCE_LANG}.yml")
        return fill(text, values), lang

    def __call__(self, key: str, **values) -> str:
        """The word, carrying its language (the page's, or English where it is not translated yet)."""
        from ..model.text import LText

        text, lang = self.get(key, **values)
        return LText(text, lang, "source" if lang == SOURCE_LANG else "reviewed")
