"""What the printable packs' bytes are (issue #15): by kind of pack, and by what takes them.

    .venv/bin/python benchmarks/pack_bytes.py                  # the packs in site/
    .venv/bin/python benchmarks/pack_bytes.py --before OLD     # and an earlier copy (OLD/<lang>/packs/*.pdf)
    .venv/bin/python benchmarks/pack_bytes.py --pictures 15    # the 15 pictures that cost the most
    .venv/bin/python benchmarks/pack_bytes.py --parts --before OLD   # and the whole site's bytes by part

Reads every PDF in <site>/<lang>/packs/ with pikepdf (the kind of each from the folder's manifest.json) and
sorts the bytes of its objects as they are stored in the file (compressed):

- page drawing: the pages' content streams (text, lines, boxes, and the pictures where they are drawn inline);
- stored drawings: form XObjects (WeasyPrint's groups, and the SVG pictures charterkit stores once per PDF);
- fonts: embedded font files, their character maps and widths;
- images: raster images;
- structure and objects: object streams (the structure tree that screen readers read, form fields, page
  dictionaries), the cross-reference stream, metadata;
- the rest: the file's bytes not in any stream above (object headers, uncompressed dictionaries).

Pictures: each /Figure marked-content sequence of each page is one use of a picture. Its drawing (the
instructions inside it, less the first move to its place) is hashed, so the same picture drawn again is
counted as a repeat; a use that paints a stored drawing (`Do`) is counted under that drawing. For each picture:
uses, packs, and its bytes (its instructions compressed on their own: an estimate of what each inline use costs,
since a content stream is compressed as a whole).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import zlib
from collections import defaultdict
from pathlib import Path

import pikepdf

PARTS = ("page drawing", "stored drawings", "fonts", "images", "structure and objects", "the rest")
FONT_KEYS = ("/FontFile", "/FontFile2", "/FontFile3")


def kinds(folder: Path) -> dict[str, str]:
    """File name -> kind of pack, from the packs folder's manifest.json."""
    try:
        entries = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {Path(str(e.get("path", ""))).name: str(e.get("kind", "?")) for e in entries if isinstance(e, dict)}


def stream_part(obj, page_contents: set, font_streams: set) -> str:
    objgen = obj.objgen
    if objgen in page_contents:
        return "page drawing"
    subtype = obj.get("/Subtype")
    kind = obj.get("/Type")
    if subtype == "/Form":
        return "stored drawings"
    if subtype == "/Image":
        return "images"
    if objgen in font_streams:
        return "fonts"
    if kind in ("/ObjStm", "/XRef", "/Metadata"):
        return "structure and objects"
    return "the rest"


def measure(path: Path) -> tuple[dict[str, int], list[tuple[str, str, int, int]]]:
    """(bytes by part, [(picture key, alt text, bytes of one inline drawing compressed, 1 if it is stored)])"""
    size = path.stat().st_size
    parts = dict.fromkeys(PARTS, 0)
    uses: list[tuple[str, str, int, int]] = []
    with pikepdf.open(path) as pdf:
        page_contents, font_streams = set(), set()
        for page in pdf.pages:
            contents = page.obj.get("/Contents")
            for c in (contents if isinstance(contents, pikepdf.Array) else [contents]):
                if c is not None:
                    page_contents.add(c.objgen)
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                for key in FONT_KEYS + ("/CIDSet",):
                    if key in obj:
                        font_streams.add(obj[key].objgen)
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font":
                for key in ("/ToUnicode", "/CIDToGIDMap"):
                    if key in obj and isinstance(obj[key], pikepdf.Stream):
                        font_streams.add(obj[key].objgen)
                for d in obj.get("/DescendantFonts", []):
                    if "/CIDToGIDMap" in d and isinstance(d.CIDToGIDMap, pikepdf.Stream):
                        font_streams.add(d.CIDToGIDMap.objgen)
        counted = 0
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                n = len(obj.read_raw_bytes())
                parts[stream_part(obj, page_contents, font_streams)] += n
                counted += n
        parts["the rest"] += size - counted

        alts = figure_alts(pdf)
        for number, page in enumerate(pdf.pages):
            xobjects = page.obj.get("/Resources", {}).get("/XObject", {})
            for mcid, body in figures(page):
                alt = alts.get((number, mcid), "")
                painted = [str(operands[0]) for operands, op in body if str(op) == "Do"]
                drawing = [(o, op) for o, op in body if str(op) not in ("q", "Q", "gs")]
                # less the move to the picture's place (the first cm), so the same picture elsewhere matches
                if drawing and str(drawing[0][1]) == "cm":
                    drawing = drawing[1:]
                if len(painted) == 1 and painted[0] in xobjects:
                    form = xobjects[painted[0]]
                    data = form.read_bytes()
                    key = hashlib.sha256(data).hexdigest()[:12]
                    uses.append((key, alt, len(zlib.compress(data)), 1))
                else:
                    data = pikepdf.unparse_content_stream(drawing)
                    key = hashlib.sha256(data).hexdigest()[:12]
                    uses.append((key, alt, len(zlib.compress(data)), 0))
    return parts, uses


def figure_alts(pdf) -> dict[tuple[int, int], str]:
    """(page index, MCID) -> the /Alt of the /Figure structure element it belongs to."""
    pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
    out: dict[tuple[int, int], str] = {}
    stack = [(pdf.Root.StructTreeRoot.get("/K"), None, None)]
    while stack:
        node, page, alt = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend((kid, page, alt) for kid in node)
        elif isinstance(node, pikepdf.Dictionary):
            if "/Pg" in node:
                page = pages.get(node.Pg.objgen, page)
            if node.get("/S") == "/Figure":
                alt = str(node.get("/Alt", ""))
            if "/MCID" in node and page is not None:
                out[(page, int(node.MCID))] = alt or ""
            if "/K" in node:
                stack.append((node.K, page, alt))
        elif isinstance(node, int) and page is not None and alt is not None:
            out[(page, int(node))] = alt
    return out


def figures(page) -> list[tuple[int | None, list]]:
    """(MCID, instructions inside) for each /Figure marked-content sequence of a page."""
    out = []
    inside, depth, mcid = None, 0, None
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if inside is None:
            if op == "BDC" and str(operands[0]) == "/Figure":
                props = operands[1] if len(operands) > 1 else None
                mcid = int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
                inside, depth = [], 1
            continue
        if op in ("BDC", "BMC"):
            depth += 1
        elif op == "EMC":
            depth -= 1
            if depth == 0:
                out.append((mcid, inside))
                inside = None
                continue
        inside.append((operands, operator))
    return out


def site_packs(site: Path) -> list[tuple[Path, str]]:
    out = []
    for folder in sorted(site.glob("*/packs")):
        names = kinds(folder)
        for pdf in sorted(folder.glob("*.pdf")):
            out.append((pdf, names.get(pdf.name, "?")))
    return out


def mb(n: float) -> str:
    """Megabytes of 1,048,576 bytes, as the rest of benchmarks/results.md counts them."""
    return f"{n / 2**20:.2f} MB"


def report(site: Path, top: int) -> dict:
    packs = site_packs(site)
    if not packs:
        raise SystemExit(f"No packs in {site}/*/packs/: build the site with its packs first.")
    by_kind: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(("files", "bytes", *PARTS), 0))
    pictures: dict[str, dict] = {}
    for path, kind in packs:
        parts, uses = measure(path)
        row = by_kind[kind]
        row["files"] += 1
        row["bytes"] += path.stat().st_size
        for part, n in parts.items():
            row[part] += n
        for key, alt, cost, stored in uses:
            pic = pictures.setdefault(key, {"alt": alt, "uses": 0, "packs": set(), "cost": cost, "stored": stored,
                                            "inline_uses": 0})
            pic["uses"] += 1
            pic["packs"].add(path.name)
            pic["inline_uses"] += 0 if stored else 1
    return {"site": str(site), "kinds": dict(by_kind), "pictures": pictures, "packs": len(packs)}


def print_report(result: dict, top: int) -> None:
    kinds_ = result["kinds"]
    total = {k: sum(row[k] for row in kinds_.values()) for k in ("files", "bytes", *PARTS)}
    print(f"\n{result['packs']} packs in {result['site']}: {mb(total['bytes'])}\n")
    print("| kind | packs | bytes | " + " | ".join(PARTS) + " |")
    print("| --- " * (3 + len(PARTS)) + "|")
    for kind, row in sorted(kinds_.items(), key=lambda kv: -kv[1]["bytes"]) + [("all", total)]:
        print(f"| {kind} | {row['files']} | {mb(row['bytes'])} | " + " | ".join(
            f"{mb(row[p])} ({row[p] / max(row['bytes'], 1):.0%})" for p in PARTS) + " |")
    pics = result["pictures"]
    uses = sum(p["uses"] for p in pics.values())
    inline = sum(p["inline_uses"] for p in pics.values())
    repeat_cost = sum(p["cost"] * (p["inline_uses"] - len(p["packs"])) for p in pics.values() if p["inline_uses"])
    print(f"\nPictures (/Figure uses): {uses} uses of {len(pics)} different drawings; {inline} drawn inline, "
          f"{uses - inline} painting a stored drawing. Inline drawings repeated within a pack: about "
          f"{mb(max(repeat_cost, 0))} (each drawing compressed on its own).\n")
    print("| picture (alt text) | uses | packs | one drawing | drawn inline |")
    print("| --- | --- | --- | --- | --- |")
    ranked = sorted(pics.values(), key=lambda p: -p["cost"] * p["uses"])
    for p in ranked[:top]:
        print(f"| {p['alt'][:48] or '(no alt)'} | {p['uses']} | {len(p['packs'])} | {p['cost'] / 1000:.1f} KB | "
              f"{p['inline_uses']} |")


def print_parts(site: Path, before: Path | None) -> None:
    """The whole site's bytes by part (benchmarks/reader.py's PARTS), before and after, in decimal MB (the
    reader section's table uses the same parts)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from reader import site_size

    after = site_size(site)
    old = site_size(before) if before else None
    print(f"\nThe site by part ({site}{' against ' + str(before) if before else ''}; MB of 1,000,000 bytes):\n")
    print("| part | files | bytes before | bytes after | change |" if old else "| part | files | bytes |")
    print("| --- | --- | --- | --- | --- |" if old else "| --- | --- | --- |")
    for name, (size, files) in after.items():
        if old:
            was = old.get(name, (0, 0))[0]
            change = f"{(size - was) / was:+.1%}" if was else "-"
            print(f"| {name} | {files} | {was / 1e6:.2f} MB | {size / 1e6:.2f} MB | {change} |")
        else:
            print(f"| {name} | {files} | {size / 1e6:.2f} MB |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", default="site", help="the built site (default: site)")
    parser.add_argument("--before", help="an earlier copy of the site (or of its <lang>/packs folders)")
    parser.add_argument("--pictures", type=int, default=10, help="how many pictures to list (default 10)")
    parser.add_argument("--parts", action="store_true", help="also the whole site's bytes by part (with --before: "
                        "before and after)")
    args = parser.parse_args()
    if args.parts:
        print_parts(Path(args.site), Path(args.before) if args.before else None)
    if args.before:
        print_report(report(Path(args.before), args.pictures), args.pictures)
    print_report(report(Path(args.site), args.pictures), args.pictures)


if __name__ == "__main__":
    main()
