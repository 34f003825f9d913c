"""Who runs the site (issue #12): `charterkit validate --publish` fails while example details remain, naming each
field with what to do; the logo is checked like the pictures."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    for name in ("site_config.yml", "framework_data", "content", "theme"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / name)
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    return root


REAL = {
    "organisation: The charterkit project": "organisation: Anytown Health and Social Care Partnership",
    "url: https://charters.example.org/": "url: https://charters.anytown.gov.uk/",
    "source_code_url: https://git.example.org/charterkit": "source_code_url: https://github.com/anytown/charters",
    "email: accessibility@example.org": "email: engagement@anytown.gov.uk",
    "phone: 01234 567890": "phone: 01999 123456",
    'text_relay: "18001 then 01234 567890"': 'text_relay: "18001 then 01999 123456"',
    "address: The charterkit project, 1 Example Street, Exampletown, EX1 2MP":
        "address: Anytown Partnership, Town Hall, Anytown, AN1 1AA",
    "return_to: The engagement team, The charterkit project, 1 Example Street, Exampletown, EX1 2MP":
        "return_to: The engagement team, Town Hall, Anytown, AN1 1AA",
}


def _config(root: Path, replace: dict) -> None:
    path = root / "site_config.yml"
    text = path.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_default_project_is_not_ready_to_publish(project, capsys):
    assert main(["--project", str(project), "validate"]) == 0
    capsys.readouterr()
    assert main(["--project", str(project), "validate", "--publish"]) == 1
    err = capsys.readouterr().err
    for field in ("site.organisation", "site.url", "site.source_code_url", "contact.email", "contact.phone",
                  "contact.text_relay", "contact.address", "tools.return_to"):
        assert f"at {field}" in err, field
    assert err.count("[publish.placeholder]") == 8
    assert "site_config.yml:" in err and "What to do:" in err


def test_real_details_pass(project, capsys):
    _config(project, REAL)
    assert main(["--project", str(project), "validate", "--publish"]) == 0, capsys.readouterr().err


def test_each_placeholder_alone_fails(project, capsys):
    for field, (old, new) in enumerate(REAL.items()):
        _config(project, {old: new})
    _config(project, {"phone: 01999 123456": "phone: 01632 960123"})  # an Ofcom drama number
    assert main(["--project", str(project), "validate", "--publish"]) == 1
    err = capsys.readouterr().err
    assert "at contact.phone" in err and err.count("[publish.placeholder]") == 1


def test_privacy_notice_is_needed(project, capsys):
    _config(project, REAL)
    # a site with no privacy page at all: the English page and its translations gone
    pages = sorted((project / "content").glob("*/privacy.md"))
    assert pages, "the example project should have a privacy page to remove"
    for page in pages:
        page.unlink()
    assert main(["--project", str(project), "validate", "--publish"]) == 1
    assert "privacy_url" in capsys.readouterr().err
    _config(project, {"  # privacy_url: https://...": "  privacy_url: https://www.anytown.gov.uk/privacy"})
    assert main(["--project", str(project), "validate", "--publish"]) == 0


@pytest.mark.parametrize("logo, content, code", [
    ("theme/logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "site.logo-unsafe"),
    ("theme/logo.png", b"not a png", "site.logo-type"),
    ("../logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "site.logo-outside"),
    ("theme/missing.svg", None, "site.logo-missing"),
    ("theme/logo.gif", b"GIF89a", "site.logo-type"),
])
def test_bad_logo_is_an_error(project, capsys, logo, content, code):
    if content is not None:
        (project / logo).parent.mkdir(parents=True, exist_ok=True)
        (project / logo).write_bytes(content)
    _config(project, {"  # logo: theme/logo.svg": f"  logo: {logo}"})
    assert main(["--project", str(project), "validate"]) == 1
    assert f"[{code}]" in capsys.readouterr().err


def test_good_logo_passes(project, capsys):
    (project / "theme" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
                                                '<rect width="10" height="10"/></svg>', encoding="utf-8")
    _config(project, {"  # logo: theme/logo.svg": "  logo: theme/logo.svg"})
    assert main(["--project", str(project), "validate"]) == 0, capsys.readouterr().err


def test_a_return_date_that_has_passed_is_refused(project, capsys):
    """tools.return_by: a real date (validate), and not one that has passed (validate --publish)."""
    _config(project, REAL)
    _config(project, {'return_by: "2027-03-31"': 'return_by: "2020-01-31"'})
    assert main(["--project", str(project), "validate"]) == 0
    capsys.readouterr()
    assert main(["--project", str(project), "validate", "--publish"]) == 1
    err = capsys.readouterr().err
    assert "[publish.return-by-passed]" in err and "at tools.return_by" in err and "What to do:" in err
    _config(project, {'return_by: "2020-01-31"': 'return_by: "2027-02-30"'})
    assert main(["--project", str(project), "validate"]) == 1
    err = capsys.readouterr().err
    assert "site_config.yml:" in err and "2027-02-30 is not a real date" in err
