"""MkDocs hooks (MkDocs's own plugin-free extension point, named in the generated mkdocs.yml).

on_env keeps the compiled Material templates between builds, so a rebuild does not compile them again.
"""
from __future__ import annotations

from pathlib import Path

import jinja2


def on_env(env: jinja2.Environment, config, files):
    cache = (config.get("extra") or {}).get("charterkit", {}).get("template_cache")
    if cache:
        Path(cache).mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(cache)
    return env
