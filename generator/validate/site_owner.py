"""Who runs the site: the organisation's logo is a safe picture in the project, and `charterkit validate --publish`
refuses to publish while site_config.yml still has the example details it ships with."""
from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import Report

MAX_LOGO_BYTES = 200_000
PRIVACY_PAGE = Path("content") / "en" / "privacy.md"

# Details that are examples, not real: reserved example web and email names, the phone numbers set aside for
# drama (Ofcom), the example postcode and street, and the name the project ships with.
PLACEHOLDERS = [
    (re.compile(r"\bexample\.(?:org|com|net)\b", re.I), "an example address (example.org)"),
    (re.compile(r"\b01234\s?567\s?890\b|\b0?1632\s?960\s?\d{3}\b|\b0?7700\s?900\s?\d{3}\b|\b0?20\s?7946\s?0\d{3}\b"),
     "an example phone number"),
    (re.compile(r"\bExample (?:Street|Road|town)\b|\bExampletown\b|\bEX1 2MP\b", re.I), "an example address"),
    (re.compile(r"^The charterkit project$"), "the example organisation name"),
]
# The fields of site_config.yml that name or reach the people who run the site, with what to write instead.
PUBLISH_FIELDS = {
    ("site", "organisation"): "the name of the organisation that runs this site",
    ("site", "url"): "the site's real web address",
    ("site", "privacy_url"): "the web address of your privacy notice",
    ("site", "source_code_url"): "the web address of this site's source, for example its repository",
    ("contact", "email"): "the email address where people can reach you",
    ("contact", "phone"): "your phone number (or remove the line)",
    ("contact", "text_relay"): "your text relay number (or remove the line)",
    ("contact", "address"): "your postal address (or remove the line)",
    ("tools", "run_by"): "who runs the engagement and keeps the answers",
    ("tools", "return_to"): "who people give or send their answers to, and how to reach them (or remove the line)",
}


def check_logo(root: Path, config, report: Report) -> None:
    """site.logo: a .svg or .png file inside the project, small, and (for SVG) with nothing that runs or loads."""
    from ..pictures import check_svg

    logo = getattr(config.site, "logo", None) if config is not None else None
    if not logo:
        return
    cl = getattr(config, "_loaded", None)
    line = cl.position(("site", "logo"))[0] if cl is not None else None
    where = dict(file="site_config.yml", line=line, key="site.logo")
    path = (root / logo)
    try:
        resolved = path.resolve()
        inside = resolved.is_relative_to(root.resolve()) and ".." not in Path(logo).parts and not Path(logo).is_absolute()
    except (OSError, ValueError):
        inside = False
    if not inside or path.is_symlink():
        report.error("site.logo-outside", f'The logo "{logo}" is not a file of this project.', **where,
                     hint="Put the logo file in the project (for example theme/logo.svg) and write its path from the "
                          "project's folder.")
        return
    if path.suffix.lower() not in (".svg", ".png"):
        report.error("site.logo-type", f'The logo "{logo}" is not an .svg or .png file.', **where,
                     hint="Save the logo as SVG (best: sharp at every size) or PNG.")
        return
    if not path.is_file():
        report.error("site.logo-missing", f'There is no file "{logo}".', **where,
                     hint="Check the spelling of the path, or add the file.")
        return
    data = path.read_bytes()
    if len(data) > MAX_LOGO_BYTES:
        report.error("site.logo-large", f"The logo is {len(data) // 1000} kB.", **where,
                     hint=f"Use a logo under {MAX_LOGO_BYTES // 1000} kB (an SVG, or a smaller PNG).")
    if path.suffix.lower() == ".svg":
        for at, what in check_svg(data):
            report.error("site.logo-unsafe", f"The logo has {what}.", file=report.rel(path), line=at,
                         hint="A logo may only draw: remove that part, or export the logo again as a plain SVG.")
    elif not data.startswith(b"\x89PNG\r\n\x1a\n"):
        report.error("site.logo-type", f'"{logo}" is not a PNG picture, whatever its name says.', **where,
                     hint="Save the logo again as PNG or SVG.")


def check_publish(root: Path, config, report: Report) -> None:
    """Refuse the example details the project ships with, each by field, with what to write instead; and ask
    for a privacy notice and the site's source address."""
    if config is None:
        return
    cl = getattr(config, "_loaded", None)

    def where(path: tuple) -> dict:
        line, col = cl.position(path) if cl is not None else (None, None)
        return dict(file="site_config.yml", line=line or 1, column=col, key=".".join(path))

    for path, instead in PUBLISH_FIELDS.items():
        value = getattr(getattr(config, path[0]), path[1], None)
        if not isinstance(value, str):
            continue
        for pattern, what in PLACEHOLDERS:
            if pattern.search(value):
                report.error("publish.placeholder", f'{".".join(path)} is still {what}: "{value}".', **where(path),
                             hint=f"Write {instead}, then run charterkit validate --publish again.")
                break
    return_by = getattr(config.tools, "return_by", None)
    if return_by:
        import datetime

        if datetime.date.fromisoformat(return_by) < datetime.date.today():
            report.error("publish.return-by-passed", f"tools.return_by is {return_by}, a date that has passed: the "
                         "surveys and the workbook would ask people to hand in their answers by then.",
                         **where(("tools", "return_by")),
                         hint="Write the date answers are due by in this round of engagement, or remove the line.")
    if not config.site.privacy_url and not (root / PRIVACY_PAGE).is_file():
        report.error("publish.no-privacy", "The site has no privacy notice.", **where(("site",)),
                     hint=f"Add site.privacy_url (your organisation's privacy notice) or write {PRIVACY_PAGE.as_posix()}.")
    if (root / PRIVACY_PAGE).is_file():
        text = (root / PRIVACY_PAGE).read_text(encoding="utf-8", errors="replace")
        for n, line_text in enumerate(text.splitlines(), start=1):
            for pattern, what in PLACEHOLDERS[:3]:
                if pattern.search(line_text):
                    report.error("publish.placeholder", f"The privacy notice still has {what}.",
                                 file=PRIVACY_PAGE.as_posix(), line=n,
                                 hint="Write your organisation's real details, then run charterkit validate --publish again.")
    if not config.site.source_code_url:
        report.error("publish.no-source-code", "site.source_code_url is missing: readers cannot see how the site is "
                     "made.", **where(("site",)),
                     hint="Add source_code_url under site: with the address of this site's repository.")
