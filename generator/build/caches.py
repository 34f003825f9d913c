"""Where a build keeps what it can reuse next time: one folder, .charterkit-cache/ in the project by default.

Every cache a build reads or writes is a path of Caches; the stages that use one (reading YAML, converting
Markdown, rendering packs, MkDocs) are handed the path, never work it out. Another folder can be given with
`charterkit build --cache-dir FOLDER` or CHARTERKIT_CACHE_DIR (the tests and tools/snapshot-build use it,
so they never write into a checkout's own cache). Deleting the folder is always safe: the next build makes
it again, more slowly.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: The default cache folder, inside the project folder.
DEFAULT = ".charterkit-cache"
#: The environment variable that moves it (a path, relative to the current folder).
ENVIRONMENT = "CHARTERKIT_CACHE_DIR"


@dataclass(frozen=True)
class Caches:
    """The cache folders of one project. Nothing is created until a stage writes into its folder."""

    root: Path

    @classmethod
    def of(cls, project: Path, cache_dir: str | os.PathLike | None = None) -> "Caches":
        """The caches of the project folder: cache_dir if given, else $CHARTERKIT_CACHE_DIR, else
        <project>/.charterkit-cache."""
        chosen = cache_dir if cache_dir is not None else (os.environ.get(ENVIRONMENT) or None)
        folder = Path(chosen) if chosen is not None else Path(project) / DEFAULT
        return cls(Path(os.path.abspath(folder)))

    @property
    def yaml(self) -> Path:
        """What reading each YAML file gave, filed by the file's bytes (kept even with --clean)."""
        return self.root / "yaml"

    @property
    def markdown(self) -> Path:
        """The HTML of each Markdown text, one file per language."""
        return self.root / "markdown"

    @property
    def packs(self) -> Path:
        """Rendered packs, filed by a hash of everything that decides their bytes."""
        return self.root / "packs"

    @property
    def fonts(self) -> Path:
        """The packs' fonts, unpacked once from the npm packages' woff2 files."""
        return self.root / "fonts"

    @property
    def jinja(self) -> Path:
        """Compiled theme templates (kept even with --clean)."""
        return self.root / "jinja"

    @property
    def site(self) -> Path:
        """One work folder a language for MkDocs: the pages it built last time, for dirty rebuilds."""
        return self.root / "site"

    @property
    def spare(self) -> Path:
        """The language folders of the site the last build replaced, reused for the next one."""
        return self.root / "spare"

    @property
    def preview(self) -> Path:
        """What `charterkit serve` shows."""
        return self.root / "preview"

    @property
    def last_build(self) -> Path:
        """The inputs and output folder of the last build that succeeded (the "nothing has changed" check)."""
        return self.root / "last-build.json"

    @property
    def lock(self) -> Path:
        """Held by the build using these caches (see build/lock.py)."""
        return self.root / "build.lock"
