"""`make bench`: whole-process timings of charterkit against plain MkDocs on the same pages.

    python benchmarks/run.py [--runs 5] [--scale 1] [--scale 10] [--packs 1] [--out benchmarks/results.md]

For each scale (1 = the default content, 10 = ten copies of it) it measures, as separate processes:
  full site build (one core, then two), no-change rebuild, rebuild after one translation entry changes,
  rebuild after one English item changes, rebuild after one translated title changes, peak memory;
  at the scales given with --packs (default 1): full packs build on one core and on two, full build of
  site and packs, and the no-change and one-entry rebuilds of site and packs;
and the baseline: plain `mkdocs build` of the very pages charterkit generated, every language, one after
another. It prints median, min and max of --runs runs, and the ratios the targets in benchmarks/README.md use.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
CHARTERKIT = [PY, "-m", "generator"]

# Runs a command and reports its wall time and the peak memory of the whole process tree: the sum of the
# resident memory (RSS) of the process and every process under it, sampled every 20 ms from /proc. Builds
# use several processes at once (one per language, one per pack), so the largest single process
# (ru_maxrss) would understate it; where /proc is missing, that is what is reported instead.
TIMER = r"""
import os, resource, subprocess, sys, time

def tree_rss(root):
    children, rss = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total

t = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
peak = 0
while proc.poll() is None:
    if os.path.isdir("/proc"):
        peak = max(peak, tree_rss(proc.pid))
    time.sleep(0.02)
wall = time.perf_counter() - t
peak = peak or resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{proc.returncode} {wall:.3f} {peak}")
"""


#: "One core" runs are pinned to the first core with taskset (util-linux), so that no helper thread or
#: process can use the second one; without taskset, only CHARTERKIT_JOBS=1 limits them.
TASKSET = shutil.which("taskset")


def timed(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> tuple[float, int]:
    if env and env.get("CHARTERKIT_JOBS") == "1" and TASKSET:
        cmd = [TASKSET, "-c", "0", *cmd]
    out = subprocess.run([PY, "-c", TIMER, *cmd], capture_output=True, text=True, env=env, cwd=cwd)
    rc, wall, kb = out.stdout.split()
    if rc != "0":
        raise SystemExit(f"failed ({rc}): {' '.join(cmd)}")
    return float(wall), int(kb)


def env_jobs(n: int) -> dict:
    e = dict(os.environ, NO_MKDOCS_2_WARNING="1", CHARTERKIT_JOBS=str(n), PYTHONPATH=str(ROOT))
    return e


def stats(values: list[float]) -> str:
    return f"{statistics.median(values):7.2f} s (min {min(values):.2f}, max {max(values):.2f})"


def touch_translation(project: Path, n: int, key: str = "statement-1.text") -> None:
    """Change one translated text: by default the first language's text of JIAS statement 1."""
    import yaml

    path = sorted((project / "framework_data" / "translations").glob("*/jias-engagement-framework.yml"))[0]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = data["entries"][key]
    entry["text"] = entry["text"].rstrip("0123456789 ") + f" {n}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def touch_translated_title(project: Path, n: int) -> None:
    """Change one translated title: it is in the menu, so every page of that language changes."""
    touch_translation(project, n, key="statement-1.title")


def touch_english(project: Path, n: int) -> None:
    path = project / "framework_data" / "documents" / "jias-engagement-framework.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"People are not left with unanswered questions[^\n]*", f"People are not left with unanswered questions ({n})", text, count=1)
    path.write_text(text, encoding="utf-8")


def plain_mkdocs(project: Path, runs: int) -> list[float]:
    """Plain MkDocs on the pages charterkit generated, every language in turn. charterkit hands MkDocs its
    pages in memory; a build with CHARTERKIT_EXPORT_MKDOCS=1 (not timed) writes them out as a docs folder
    and mkdocs.yml per language, which plain MkDocs reads as it always does."""
    subprocess.run([*CHARTERKIT, "--project", str(project), "build", "--no-packs", "--clean"], check=True,
                   capture_output=True, env=dict(env_jobs(2), CHARTERKIT_EXPORT_MKDOCS="1"))
    times = []
    configs = sorted((project / ".charterkit-cache" / "site").glob("*/plain/mkdocs.yml"))
    if not configs:
        raise SystemExit("charterkit wrote no docs folder for plain MkDocs (CHARTERKIT_EXPORT_MKDOCS)")
    for _ in range(runs):
        total = 0.0
        for cfg in configs:
            out = Path(tempfile.mkdtemp())
            wall, _ = timed([PY, "-m", "mkdocs", "build", "-q", "-f", str(cfg), "-d", str(out)], env=env_jobs(1))
            shutil.rmtree(out)
            total += wall
        times.append(total)
    return times


def bench_scale(scale: int, runs: int, packs: bool) -> list[str]:
    project = Path(tempfile.mkdtemp(prefix=f"charterkit-bench-{scale}x-"))
    subprocess.run([PY, str(ROOT / "benchmarks" / "generate.py"), str(project), "--from-default", str(scale)], check=True)
    base = [*CHARTERKIT, "--project", str(project), "build"]
    build = [*base, "--no-packs"]
    rows = [f"### {scale}x the default content", ""]
    results: dict[str, list[float]] = {}
    memory: dict[str, int] = {}

    def measure(name, cmd, jobs, before=None):
        times = []
        for n in range(runs):
            if before:
                before(n)
            wall, kb = timed(cmd, env=env_jobs(jobs))
            times.append(wall)
            memory[name] = max(memory.get(name, 0), kb)
        results[name] = times

    measure("full site build, 1 core", [*build, "--clean"], 1)
    measure("full site build, 2 cores", [*build, "--clean"], 2)
    results["plain mkdocs build, same pages, 1 core"] = plain_mkdocs(project, runs)
    measure("no-change rebuild", build, 2)
    measure("one translation entry changed", build, 2, before=lambda n: touch_translation(project, n))
    measure("one English item changed", build, 2, before=lambda n: touch_english(project, n))
    measure("one translated title changed (menu of every page)", build, 2,
            before=lambda n: touch_translated_title(project, n))
    # what a first build on a new machine costs: nothing kept at all (no .charterkit-cache), no target
    measure("first build, nothing kept (no .charterkit-cache), 2 cores", [*build, "--clean"], 2,
            before=lambda n: shutil.rmtree(project / ".charterkit-cache", ignore_errors=True))
    if packs:
        measure("full packs build, 1 core", [*base, "--packs-only", "--clean"], 1)
        measure("full packs build, 2 cores", [*base, "--packs-only", "--clean"], 2)
        measure("full build, site and packs, 2 cores", [*base, "--clean"], 2)
        measure("no-change build, site and packs", base, 2)
        measure("one English item changed, site and packs", base, 2, before=lambda n: touch_english(project, n + 100))
        measure("one translation entry changed, site and packs", base, 2,
                before=lambda n: touch_translation(project, n + 100))
    pages = sum(1 for _ in (project / "site").rglob("*.html"))
    pdfs = sum(1 for _ in (project / "site").rglob("*.pdf"))
    rows.append(f"{pages} pages, {pdfs} packs, {len(list((project / 'framework_data' / 'documents').glob('*.yml')))} "
                f"documents, 5 languages. Median of {runs} runs (min and max in brackets); peak memory is the most "
                f"the whole process tree held at once.")
    rows.append("")
    rows.append("| measurement | time | peak memory |")
    rows.append("| --- | --- | --- |")
    for name, times in results.items():
        mem = f"{memory[name] / 1024:.0f} MB" if name in memory else "-"
        rows.append(f"| {name} | {stats(times)} | {mem} |")
    med = {k: statistics.median(v) for k, v in results.items()}
    full = med["full site build, 2 cores"]
    plain = med["plain mkdocs build, same pages, 1 core"]

    def row(label, value, target, ok):
        met = "-" if target == "(no target)" else ("yes" if ok else "NO")
        return f"| {label} | {value:.2f} | {target} | {met} |"

    rows += ["", "| ratio | value | target | met |", "| --- | --- | --- | --- |",
             row("charterkit site, 1 core / plain MkDocs", med["full site build, 1 core"] / plain, "at most 1.1",
                 med["full site build, 1 core"] / plain <= 1.1),
             row("charterkit site, 2 cores / plain MkDocs", full / plain, "below 1.0", full / plain < 1.0),
             row("no-change rebuild / full site build", med["no-change rebuild"] / full, "at most 0.10",
                 med["no-change rebuild"] / full <= 0.10),
             row("one translation entry / full site build", med["one translation entry changed"] / full,
                 "at most 0.25", med["one translation entry changed"] / full <= 0.25),
             row("one English item / full site build", med["one English item changed"] / full, "at most 0.25",
                 med["one English item changed"] / full <= 0.25),
             row("one translated title / full site build",
                 med["one translated title changed (menu of every page)"] / full, "(no target)", True),
             row("first build, nothing kept, 2 cores / plain MkDocs",
                 med["first build, nothing kept (no .charterkit-cache), 2 cores"] / plain, "(no target)", True)]
    if packs:
        speed = med["full packs build, 1 core"] / med["full packs build, 2 cores"]
        whole = med["full build, site and packs, 2 cores"]
        rows += [row("packs speed-up, 2 cores over 1", speed, "at least 1.7", speed >= 1.7),
                 row("no-change build / full build, site and packs", med["no-change build, site and packs"] / whole,
                     "at most 0.10", med["no-change build, site and packs"] / whole <= 0.10),
                 row("one English item / full build, site and packs",
                     med["one English item changed, site and packs"] / whole, "at most 0.25",
                     med["one English item changed, site and packs"] / whole <= 0.25),
                 row("one translation entry / full build, site and packs",
                     med["one translation entry changed, site and packs"] / whole, "at most 0.25",
                     med["one translation entry changed, site and packs"] / whole <= 0.25)]
    rows.append("")
    rows.append(f"Peak memory, full site build on 2 cores: {memory['full site build, 2 cores'] / 1024:.0f} MB.")
    shutil.rmtree(project, ignore_errors=True)
    return rows + [""]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--scale", type=int, action="append")
    p.add_argument("--packs", type=int, action="append", metavar="SCALE",
                   help="also time the printable packs at this scale (default: at 1x only; rendering every pack "
                        "of 10x the content five times over on one core takes hours)")
    p.add_argument("--out", type=Path, help="also write the tables to this Markdown file")
    a = p.parse_args(argv)
    lines = [f"Benchmarks run {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores, Python {sys.version.split()[0]}.", ""]
    packs_at = set(a.packs or [1])
    for scale in a.scale or [1, 10]:
        lines += bench_scale(scale, a.runs, scale in packs_at)
    text = "\n".join(lines)
    print(text)
    if a.out:
        # the reader's section (benchmarks/reader.py) is kept as it was
        from reader import END, START

        old = a.out.read_text(encoding="utf-8") if a.out.exists() else ""
        kept = ""
        if START in old and END in old:
            kept = "\n" + START + old.split(START, 1)[1].split(END, 1)[0] + END + "\n"
        a.out.write_text(text + "\n" + kept, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
