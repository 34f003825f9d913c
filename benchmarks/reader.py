"""The reader's side of `make bench`: what a first view of a page costs a reader on a phone.

Lighthouse (npm, pinned in package.json) runs in the system's Chromium, headless, with its mobile defaults
(a mid-range phone, a slow 4G connection and a slowed-down processor, all simulated), on a fixed sample of
pages in every language, with the built site served on this computer the way a host serves it: each text
file compressed (the .br or .gz copy from `charterkit build --compress` when there is one, else gzip made
on the fly), shared files cacheable. For each page: bytes transferred, Lighthouse's performance score, its
largest contentful paint, layout shift, total blocking time and the main thread's time on style and layout
(the cost of laying out long Nastaliq text). Not a test: figures, against issue #15's goals (at most 400 KB on a first
view, a score of at least 90, the site at most 30 MB).

    .venv/bin/python benchmarks/reader.py [--site site] [--out benchmarks/results.md] [--langs en,ar]
                                          [--before other-build-of-the-site] [--runs 3]
                                          [--paths ar/,ur/north-yorkshire-involvement-charter/]

Scores and paint times depend on the machine's load (Lighthouse simulates the network but measures the
processor it runs on): --runs measures each page several times and gives the median of each figure, and the
section notes the machine's load average while each page was measured.

Writes its section of benchmarks/results.md between two markers (run.py keeps it when it rewrites the rest).
"""
from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START = "<!-- reader: start (benchmarks/reader.py writes this section) -->"
END = "<!-- reader: end -->"

#: The sample: in every language, the home page, a full document, an easy-read page and a long charter.
SAMPLE = ["", "jias-engagement-framework/", "jias-engagement-framework/easy-read/",
          "north-yorkshire-involvement-charter/"]
GOALS = {"bytes": 400 * 1024, "score": 90, "site": 30 * 1024 * 1024}
TEXT_TYPES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", "/")


class _Host(SimpleHTTPRequestHandler):
    """Serves the site as a host would: compressed text, shared files cacheable for a year."""

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        path = self.path.split("?", 1)[0]
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.html"
        accept = self.headers.get("Accept-Encoding", "")
        if not file.is_file() or not path.endswith(TEXT_TYPES):
            return super().do_GET()
        body, encoding = None, None
        for kind, name in ((".br", "br"), (".gz", "gzip")):
            copy = file.with_name(file.name + kind)
            if name in accept and copy.is_file():
                body, encoding = copy.read_bytes(), name
                break
        if body is None and "gzip" in accept:
            body, encoding = gzip.compress(file.read_bytes(), mtime=0), "gzip"
        if body is None:
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        if "/assets/" in path:
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        self.end_headers()
        self.wfile.write(body)
        return None


def serve(site: Path):
    handler = functools.partial(_Host, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def lighthouse(url: str) -> dict:
    exe = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not exe.exists():
        sys.exit("Lighthouse is not installed: run `make node-tools` (npm ci installs it from package.json).")
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    env["PATH"] = os.pathsep.join([str(ROOT / ".venv" / "bin"), env.get("PATH", "")])
    with tempfile.TemporaryDirectory() as profile:
        flags = (f"--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run "
                 f"--disable-background-networking --disable-component-update --user-data-dir={profile}")
        proc = subprocess.run([str(exe), url, "--only-categories=performance", "--output=json",
                               "--output-path=stdout", "--quiet", f"--chrome-flags={flags}"],
                              capture_output=True, text=True, env=env, timeout=300)
    if proc.returncode != 0 or not proc.stdout.strip().startswith("{"):
        raise RuntimeError(f"Lighthouse failed on {url}: {proc.stderr[-2000:]}")
    report = json.loads(proc.stdout)
    audits = report["audits"]
    work = audits.get("mainthread-work-breakdown", {}).get("details", {}).get("items", [])
    return {
        "score": round((report["categories"]["performance"]["score"] or 0) * 100),
        "bytes": int(audits["total-byte-weight"]["numericValue"]),
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "requests": len(audits.get("network-requests", {}).get("details", {}).get("items", [])),
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        # the main thread's time spent on style and layout (Lighthouse's estimate on its slowed processor)
        "layout": sum(item.get("duration", 0) for item in work if item.get("group") == "styleLayout") / 1000,
        "load": os.getloadavg()[0],  # the machine's load average over the last minute, as the run ended
    }


#: The parts of a site, by what a file is (first match wins): (name, test on the path under the site).
PARTS = (
    ("compressed copies (.gz, .br)", lambda rel: rel.endswith((".gz", ".br")) and not rel.endswith("sitemap.xml.gz")),
    ("easy-read audio (.opus)", lambda rel: rel.endswith(".opus")),
    ("printable packs (.pdf)", lambda rel: rel.endswith(".pdf")),
    ("pages (.html)", lambda rel: rel.endswith(".html")),
    ("search indexes", lambda rel: "/search/" in f"/{rel}"),
    ("shared assets (styles, scripts, fonts, pictures)", lambda rel: rel.startswith("assets/")),
    # (the tools' forms: in forms/ since issue #15, in each language's packs/ before)
    ("collection files (XLSForms, XForms, codebooks)", lambda rel: rel.startswith("forms/") or rel.endswith(
        (".csv", ".xlsx")) or ("/packs/" in rel and rel.endswith(".xml"))),
    ("sitemaps (.xml)", lambda rel: rel.endswith((".xml", ".xml.gz"))),
)


def site_size(site: Path) -> dict[str, tuple[int, int]]:
    """The site's bytes and files by part (PARTS, then "other"), and "total"."""
    out: dict[str, list[int]] = {name: [0, 0] for name, _ in PARTS}
    out["other"] = [0, 0]
    for f in site.rglob("*"):
        if f.is_file() and not f.is_symlink():
            rel = f.relative_to(site).as_posix()
            name = next((n for n, test in PARTS if test(rel)), "other")
            out[name][0] += f.stat().st_size
            out[name][1] += 1
    out["total"] = [sum(v[0] for v in out.values()), sum(v[1] for v in out.values())]
    return {k: (v[0], v[1]) for k, v in out.items()}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    p.add_argument("--site", type=Path, default=ROOT / "site")
    p.add_argument("--out", type=Path, help="write the section into this Markdown file (between its markers)")
    p.add_argument("--langs", help="only these languages (comma-separated); default: every language folder")
    p.add_argument("--pages", type=int, default=len(SAMPLE), help="only the first N pages of the sample")
    p.add_argument("--paths", help="only these pages of the sample (comma-separated, as the table names them: "
                   "ar/,ur/north-yorkshire-involvement-charter/)")
    p.add_argument("--before", type=Path, help="another build of the site (an earlier version): each page is "
                   "measured on it too, alternately with this one (so both see the same load), and the "
                   "section shows both")
    p.add_argument("--runs", type=int, default=1, help="measure each page this many times and give the median "
                   "of each figure (scores vary with the machine's load)")
    a = p.parse_args(argv)
    site = a.site.resolve()
    before = a.before.resolve() if a.before else None
    for folder in (site, before):
        if folder is not None and not (folder / "index.html").is_file():
            sys.exit(f"No built site at {folder}: run `make build` first.")
    langs = a.langs.split(",") if a.langs else sorted(
        d.name for d in site.iterdir() if d.is_dir() and (d / "sitemap.xml").is_file())
    only = set(a.paths.split(",")) if a.paths else None
    servers = [serve(site)] + ([serve(before)] if before else [])
    rows = []
    try:
        for lang in langs:
            for page in SAMPLE[:a.pages]:
                if not (site / lang / page / "index.html").is_file():
                    continue
                if only is not None and f"{lang}/{page}" not in only:
                    continue
                started = time.time()
                runs = [[lighthouse(f"{url}{lang}/{page}") for _, url in reversed(servers)][::-1]
                        for _ in range(max(1, a.runs))]
                measured = [median([run[i] for run in runs]) for i in range(len(servers))]
                rows.append((f"{lang}/{page}", *measured))
                if a.out:  # written after each page: a long run stopped half-way keeps what it measured
                    write_section(a.out, render(rows, site_size(site), langs, site_size(before) if before else None))
                print(" / ".join(f"{lang}/{page}: {r['bytes'] / 1024:.0f} KB, score {r['score']}, largest paint "
                                 f"{r['lcp']:.1f} s" for r in measured) + f" ({time.time() - started:.0f} s)",
                      file=sys.stderr)
    finally:
        for httpd, _ in servers:
            httpd.shutdown()
    text = render(rows, site_size(site), langs, site_size(before) if before else None)
    print(text)
    if a.out:
        write_section(a.out, text)
    return 0


def median(results: list[dict]) -> dict:
    """The median of each figure of several runs of one page, and the machine's load average over them."""
    out = {key: statistics.median(r[key] for r in results)
           for key in ("score", "bytes", "lcp", "requests", "cls", "tbt", "layout")}
    out["score"] = round(out["score"])
    out["runs"] = len(results)
    out["load"] = statistics.mean(r["load"] for r in results)
    return out


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def _cls(r: dict) -> str:
    return f"{r['cls']:.3f}" if "cls" in r else "-"


def _ms(r: dict, key: str) -> str:
    return f"{r[key]:,.0f} ms" if key in r else "-"


def _s(r: dict, key: str) -> str:
    return f"{r[key]:.1f} s" if key in r else "-"


def render(rows, sizes: dict[str, tuple[int, int]], langs, before_sizes=None) -> str:
    """rows: (page, figures) or, with an earlier build measured too, (page, figures, figures before)."""
    import datetime
    import platform

    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    compared = bool(rows) and len(rows[0]) > 2
    lines = [START, "", "### A reader's first view (Lighthouse, mobile)", "",
             f"Measured {when} by `benchmarks/reader.py` on {os.cpu_count()} cores ({platform.machine()}): "
             "Lighthouse 12.8.2 with its mobile defaults (simulated slow 4G and a slowed processor), Chromium "
             "headless, the built site served on this computer with compressed text as a host serves it. "
             "Scores depend on the machine's load: Lighthouse simulates the network but measures the "
             "processor it runs on." + (" Each page was measured on the earlier build (before) and this one "
                                        "(after), one right after the other." if compared else "")
             + (f" Each figure is the median of {rows[0][1]['runs']} runs of the page; the load column is the "
                "machine's load average (1 minute) during them." if rows and rows[0][1].get("runs", 1) > 1
                else " The load column is the machine's load average (1 minute) as the page was measured."), ""]
    if compared:
        lines += ["| page | transferred before | after | performance before | after | largest paint before "
                  "| after | layout shift before | after | blocking time before | after | style and layout before "
                  "| after | requests before | after | load |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        for name, r, b in rows:
            lines.append(f"| {name} | {b['bytes'] / 1024:,.0f} KB | {r['bytes'] / 1024:,.0f} KB | {b['score']} | "
                         f"{r['score']} | {b['lcp']:.1f} s | {r['lcp']:.1f} s | {_cls(b)} | {_cls(r)} | "
                         f"{_ms(b, 'tbt')} | {_ms(r, 'tbt')} | {_s(b, 'layout')} | {_s(r, 'layout')} | "
                         f"{b['requests']:.0f} | {r['requests']:.0f} | {r.get('load', 0):.1f} |")
    else:
        lines += ["| page | transferred | performance | largest paint | layout shift | blocking time "
                  "| style and layout | requests | load |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        for name, r in rows:
            lines.append(f"| {name} | {r['bytes'] / 1024:,.0f} KB | {r['score']} | {r['lcp']:.1f} s | {_cls(r)} | "
                         f"{_ms(r, 'tbt')} | {_s(r, 'layout')} | {r['requests']:.0f} | {r.get('load', 0):.1f} |")
    worst_bytes = max((row[1]["bytes"] for row in rows), default=0)
    worst_score = min((row[1]["score"] for row in rows), default=0)
    below = [row[0] for row in rows if row[1]["score"] < GOALS["score"]]
    total = sizes["total"][0]
    copies = sizes["compressed copies (.gz, .br)"][0]
    audio = sizes["easy-read audio (.opus)"][0]
    pdfs = sizes["printable packs (.pdf)"][0]
    lines += ["", "| goal (issue #15) | measured | met |", "| --- | --- | --- |",
              f"| every sampled page at most 400 KB on a first view | largest {worst_bytes / 1024:,.0f} KB | "
              f"{'yes' if rows and worst_bytes <= GOALS['bytes'] else 'no'} |",
              f"| performance at least 90 | lowest {worst_score}"
              + (f"; below 90: {', '.join(below)}" if below else "") + " | "
              f"{'yes' if rows and worst_score >= GOALS['score'] else 'no'} |",
              f"| the site at most 30 MB | {_mb(total)}; without the compressed copies {_mb(total - copies)}; "
              f"without them, the audio and the packs {_mb(total - copies - audio - pdfs)} | "
              f"{'yes' if total <= GOALS['site'] else 'no'} |",
              "", "The site's size by part (the compressed copies are made by `--compress`, for hosts that "
              "serve them):", ""]
    if before_sizes:
        lines += ["| part | files before | size before | files after | size after |",
                  "| --- | --- | --- | --- | --- |"]
        for name, (size, count) in sizes.items():
            b_size, b_count = before_sizes.get(name, (0, 0))
            if count or b_count or name == "total":
                lines.append(f"| {name} | {b_count:,} | {_mb(b_size)} | {count:,} | {_mb(size)} |")
    else:
        lines += ["| part | files | size |", "| --- | --- | --- |"]
        for name, (size, count) in sizes.items():
            if count or name == "total":
                lines.append(f"| {name} | {count:,} | {_mb(size)} |")
    lines += ["", f"Languages sampled: {', '.join(langs)}.", "", END]
    return "\n".join(lines)


def write_section(path: Path, section: str) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in old and END in old:
        before, rest = old.split(START, 1)
        after = rest.split(END, 1)[1]
        new = before + section + after
    else:
        new = old.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
