"""Make a synthetic charterkit project: N documents x M items x L languages, easy read included.

    python benchmarks/generate.py OUT --documents 10 --items 12 --languages 4 [--from-default 10]

--from-default K copies the default content K times instead (each copy gets new document IDs), with its
translations, so "10x the default content" means exactly that.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.model.units import source_hash  # noqa: E402

WORDS = ("people care support staff listen plan home health help choose family friends service team "
         "information decision community carer review safe respect dignity time voice").split()


def sentence(n: int, k: int) -> str:
    return " ".join(WORDS[(n * 7 + i * 3 + k) % len(WORDS)] for i in range(8)).capitalize() + "."


def point(n: int) -> dict:
    return {"text": f"{sentence(n, 1)} {sentence(n, 2)}", "picture": "speech-balloon", "alt": "A speech bubble"}


def synthetic_document(d: int, items: int) -> dict:
    doc_id = f"synthetic-{d}"
    return {
        "id": doc_id, "kind": "framework", "title": f"Synthetic framework {d}", "summary": sentence(d, 0),
        "applies_to": ["Scotland"], "titles": "site",
        "source": {"title": f"Synthetic {d}", "publisher": "Benchmark", "date": "2024", "licence": "CC0",
                   "licence_id": "CC0-1.0", "may_adapt": "yes", "may_translate": "yes"},
        "sections": [{"id": "items", "title": "Items", "intro": sentence(d, 3), "items": [
            {"id": f"item-{i}", "number": str(i), "title": f"Item {i}", "text": " ".join(sentence(i, k) for k in range(4)),
             "page": True, "lists": [{"id": "examples", "title": "Examples", "entries": [sentence(i, k) for k in range(6)]}],
             "easy_read": [point(i), point(i + 1)],
             **({"maps_to": {f"synthetic-{d - 1}": [f"item-{i}"]}} if d > 0 else {})}
            for i in range(1, items + 1)]}],
        "easy_read": {"title": f"Synthetic {d} in easy read", "about": [point(d)], "contact": [point(d + 1)]},
    }


def write_translations(root: Path, langs: list[str], docs: list[dict]) -> None:
    from generator.model.units import document_units
    from generator.model.schema import Document

    for lang in langs:
        folder = root / "framework_data" / "translations" / lang
        folder.mkdir(parents=True, exist_ok=True)
        for data in docs:
            doc = Document.model_validate(data)
            entries = {u.key: {"text": f"[{lang}] {u.text}", "source": source_hash(u.text)}
                       for n, u in enumerate(document_units(doc)) if n % 2 == 0}
            (folder / f"{doc.id}.yml").write_text(yaml.safe_dump({"status": "draft", "entries": entries},
                                                                 allow_unicode=True, sort_keys=False), encoding="utf-8")


def base_project(out: Path, langs: list[str]) -> None:
    if out.exists():
        shutil.rmtree(out)
    (out / "framework_data" / "documents").mkdir(parents=True)
    shutil.copytree(ROOT / "theme", out / "theme")
    shutil.copytree(ROOT / "content", out / "content", ignore=shutil.ignore_patterns(*[l for l in "pl gd ar ur".split()]))
    (out / "node_modules").symlink_to(ROOT / "node_modules")
    config = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))
    config["languages"] = [{"code": "en", "name": "English", "dir": "ltr"}] + [
        {"code": l, "name": l.upper(), "dir": "rtl" if l in ("ar", "ur") else "ltr"} for l in langs]
    config.pop("documents", None)
    (out / "site_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def from_default(out: Path, copies: int) -> None:
    """The default content, copies times, every ID suffixed so the copies do not clash."""
    langs = [l["code"] for l in yaml.safe_load((ROOT / "site_config.yml").read_text())["languages"] if l["code"] != "en"]
    base_project(out, langs)
    cfg = yaml.safe_load((out / "site_config.yml").read_text())
    cfg["languages"] = yaml.safe_load((ROOT / "site_config.yml").read_text())["languages"]
    (out / "site_config.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ids = [p.stem for p in (ROOT / "framework_data" / "documents").glob("*.yml")]
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + r")\b")
    for c in range(copies):
        suffix = "" if c == 0 else f"-copy{c}"
        for src in (ROOT / "framework_data" / "documents").glob("*.yml"):
            text = pattern.sub(lambda m: m.group(1) + suffix, src.read_text(encoding="utf-8"))
            (out / "framework_data" / "documents" / f"{src.stem}{suffix}.yml").write_text(text, encoding="utf-8")
        # the engagement tools (surveys, interview and focus-group guides, workbook): printed as packs
        for src in (ROOT / "framework_data" / "tools").glob("*.yml"):
            text = pattern.sub(lambda m: m.group(1) + suffix, src.read_text(encoding="utf-8"))
            (out / "framework_data" / "tools").mkdir(parents=True, exist_ok=True)
            (out / "framework_data" / "tools" / pattern.sub(lambda m: m.group(1) + suffix, src.name)).write_text(
                text, encoding="utf-8")
        for lang in langs:
            folder = ROOT / "framework_data" / "translations" / lang
            target = out / "framework_data" / "translations" / lang
            target.mkdir(parents=True, exist_ok=True)
            for src in folder.glob("*.yml"):
                name = src.stem if src.stem == "interface" else src.stem + suffix
                if src.stem == "interface" and c > 0:
                    continue
                (target / f"{name}.yml").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    for lang in langs:
        if (ROOT / "content" / lang).is_dir():
            shutil.copytree(ROOT / "content" / lang, out / "content" / lang, dirs_exist_ok=True)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", type=Path)
    p.add_argument("--documents", type=int, default=10)
    p.add_argument("--items", type=int, default=12)
    p.add_argument("--languages", type=int, default=4)
    p.add_argument("--from-default", type=int, default=0, metavar="K")
    a = p.parse_args(argv)
    if a.from_default:
        from_default(a.out, a.from_default)
        return 0
    langs = ["pl", "gd", "ar", "ur", "cy", "fr", "de", "es", "it", "pt"][: a.languages]
    base_project(a.out, langs)
    docs = [synthetic_document(d, a.items) for d in range(a.documents)]
    for data in docs:
        (a.out / "framework_data" / "documents" / f"{data['id']}.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    write_translations(a.out, langs, docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
