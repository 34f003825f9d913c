"""Write theme/pictures/mulberry/symbols.csv, the keyword index of the whole Mulberry symbol set, from a
release of the set. Run it again only when moving to a new release:

    .venv/bin/python tools/mulberry-index.py ../shared/pictures/mulberry-symbols-3.6.1

The index lets `charterkit pictures WORD` find every symbol, including the ones this project does not
carry yet; `charterkit pictures --add NAME --from FOLDER` then copies one in.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from generator.pictures import MULBERRY_INDEX, mulberry_name  # noqa: E402


def main(release: str) -> int:
    source = Path(release) / "scripts" / "data" / "symbol-info.csv"
    if not source.exists():
        print(f"{source} is missing: give the folder of a Mulberry Symbols release.", file=sys.stderr)
        return 1
    with source.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    target = Path(__file__).resolve().parents[1] / MULBERRY_INDEX
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["name", "file", "category", "keywords"])
        for row in sorted(rows, key=lambda r: mulberry_name(r["symbol-en"])):
            out.writerow([mulberry_name(row["symbol-en"]), row["symbol-en"], row["category-en"], row["tags"]])
    print(f"Wrote {len(rows)} symbols to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "../shared/pictures/mulberry-symbols-3.6.1"))
