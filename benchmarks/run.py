"""`make bench`: whole-process timings of charterkit against plain MkDocs on the same pages.

    python benchmarks/run.py [--runs 5] [--scale 1] [--scale 10] [--packs] [--out benchmarks/results.md]

For each scale (1 = the default content, 10 = ten copies of it) it measures, as separate processes:
  full site build (one core, then two), no-change rebuild, rebuild after one translation entry changes,
  rebuild after one English item changes, full packs build (--packs), peak memory,
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


def touch_translation(project: Path, n: int) -> None:
    """Change one translated text (the Polish, or the first language, title of JIAS statement 1)."""
    import yaml

    path = sorted((project / "framework_data" / "translations").glob("*/jias-engagement-framework.yml"))[0]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = data["entries"]["statement-1.title"]
    entry["text"] = entry["text"].rstrip("0123456789 ") + f" {n}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def touch_english(project: Path, n: int) -> None:
    path = project / "framework_data" / "documents" / "jias-engagement-framework.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"People are not left with unanswered questions[^\n]*", f"People are not left with unanswered questions ({n})", text, count=1)
    path.write_text(text, encoding="utf-8")


def plain_mkdocs(project: Path, runs: int) -> list[float]:
    """Plain MkDocs on the pages charterkit generated (its docs folders and mkdocs.yml), every language in turn."""
    times = []
    configs = sorted((project / ".charterkit-cache" / "site").glob("*/mkdocs.yml"))
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
    build = [*CHARTERKIT, "--project", str(project), "build", "--no-packs"]
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
    if packs:
        measure("full packs build, 1 core", [*CHARTERKIT, "--project", str(project), "build", "--packs-only", "--clean"], 1)
        measure("full packs build, 2 cores", [*CHARTERKIT, "--project", str(project), "build", "--packs-only", "--clean"], 2)
        measure("no-change packs rebuild", [*CHARTERKIT, "--project", str(project), "build", "--packs-only"], 2)
    pages = sum(1 for _ in (project / "site").rglob("*.html"))
    rows.append(f"{pages} pages, {len(list((project / 'framework_data' / 'documents').glob('*.yml')))} documents. "
                f"Median of {runs} runs.")
    rows.append("")
    rows.append("| measurement | time | peak memory |")
    rows.append("| --- | --- | --- |")
    for name, times in results.items():
        mem = f"{memory[name] / 1024:.0f} MB" if name in memory else "-"
        rows.append(f"| {name} | {stats(times)} | {mem} |")
    med = {k: statistics.median(v) for k, v in results.items()}
    full = med["full site build, 2 cores"]
    rows += ["", "| ratio | value | target |", "| --- | --- | --- |",
             f"| charterkit 1 core / plain MkDocs | {med['full site build, 1 core'] / med['plain mkdocs build, same pages, 1 core']:.2f} | at most 1.1 |",
             f"| charterkit 2 cores / plain MkDocs | {full / med['plain mkdocs build, same pages, 1 core']:.2f} | below 1.0 |",
             f"| no-change rebuild / full build | {med['no-change rebuild'] / full:.2f} | at most 0.10 |",
             f"| one translation entry / full build | {med['one translation entry changed'] / full:.2f} | at most 0.25 |",
             f"| one English item / full build | {med['one English item changed'] / full:.2f} | at most 0.25 |"]
    if packs:
        rows.append(f"| packs speed-up, 2 cores over 1 | {med['full packs build, 1 core'] / med['full packs build, 2 cores']:.2f} | at least 1.7 |")
    shutil.rmtree(project, ignore_errors=True)
    return rows + [""]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--scale", type=int, action="append")
    p.add_argument("--packs", action="store_true", help="also time the printable packs")
    p.add_argument("--out", type=Path, help="also write the tables to this Markdown file")
    a = p.parse_args(argv)
    lines = [f"Benchmarks run {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores, Python {sys.version.split()[0]}.", ""]
    for scale in a.scale or [1, 10]:
        lines += bench_scale(scale, a.runs, a.packs)
    text = "\n".join(lines)
    print(text)
    if a.out:
        a.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
