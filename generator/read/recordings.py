"""Recorded audio an editor adds for a page: it is used instead of the computer voice.

A recording of a document's easy-read page in one language goes in

    framework_data/audio/<lang>/<document id>.opus        for example framework_data/audio/en/jias-engagement-framework.opus

It must be an Ogg Opus file (what `opusenc` makes, and what Audacity exports as "Opus") of at most
MAX_BYTES. Like pictures, a recording is checked before it is published: anything else in the folder, a
file that is not really Ogg Opus, one that is too big, or one for a document or language the site does
not have is an error, with what to do. The file is copied into the site as it is; nothing in it runs.
"""
from __future__ import annotations

from pathlib import Path

AUDIO_DIR = Path("framework_data") / "audio"
#: The largest recording accepted: about an hour of speech at 32 kbit/s.
MAX_BYTES = 15 * 1024 * 1024


def recording_path(root: Path, lang: str, doc_id: str) -> Path:
    return Path(root) / AUDIO_DIR / lang / f"{doc_id}.opus"


def is_ogg_opus(head: bytes) -> bool:
    """Whether the first bytes of a file are an Ogg stream whose first packet is an Opus header: "OggS",
    then, after the 27-byte page header and its segment table, "OpusHead"."""
    if len(head) < 28 or head[:4] != b"OggS":
        return False
    segments = head[26]
    start = 27 + segments
    return head[start:start + 8] == b"OpusHead"


def check_recordings(root: Path, languages, documents, report) -> dict[tuple[str, str], Path]:
    """Every file under framework_data/audio/, checked; returns the good ones, (lang, doc id) -> path.
    languages: the site's language codes; documents: the site's documents (those with easy read can have
    a recording)."""
    folder = Path(root) / AUDIO_DIR
    found: dict[tuple[str, str], Path] = {}
    if not folder.is_dir():
        return found
    codes = set(languages)
    with_easy_read = {d.id for d in documents if getattr(d, "easy_read", None) is not None}
    all_ids = {d.id for d in documents}
    hint_place = "Recordings go in framework_data/audio/<language code>/<document id>.opus (see README.md, \"Easy read you can listen to\")."
    for path in sorted(folder.rglob("*")):
        if path.is_dir():
            continue
        shown = path.relative_to(root).as_posix()
        parts = path.relative_to(folder).parts
        if path.name in (".gitkeep", "README.md"):
            continue
        if len(parts) != 2 or path.suffix.lower() != ".opus":
            report.error("audio.not-a-recording", f"{shown} is not where a recording goes, or is not an .opus file.",
                         file=shown, hint=hint_place + " Other files cannot be published from this folder: "
                                                      "convert the recording to Opus, or remove the file.")
            continue
        lang, doc_id = parts[0], path.stem
        if lang not in codes:
            report.error("audio.unknown-language", f'{shown}: "{lang}" is not one of the languages in site_config.yml.',
                         file=shown, hint=f"Use one of: {', '.join(sorted(codes))}.")
            continue
        if doc_id not in all_ids:
            report.error("audio.unknown-document", f'{shown}: there is no document with the ID "{doc_id}".',
                         file=shown, hint="Name the file after the document's id: (the name of its file in "
                                          "framework_data/documents/, without .yml).")
            continue
        if doc_id not in with_easy_read:
            report.error("audio.no-easy-read", f'{shown}: the document "{doc_id}" has no easy-read page to listen to.',
                         file=shown, hint="Recordings are for easy-read pages. Add easy_read: to the document, or "
                                          "remove the file.")
            continue
        try:
            size = path.stat().st_size
            with path.open("rb") as f:
                head = f.read(300)
        except OSError as exc:
            report.error("audio.unreadable", f"{shown} cannot be read: {exc.strerror or exc}.", file=shown,
                         hint="Check the file is there and can be read, or remove it.")
            continue
        if size > MAX_BYTES:
            report.error("audio.too-big", f"{shown} is {size / 1048576:.1f} MB; a recording can be at most "
                         f"{MAX_BYTES // 1048576} MB, so that it can be played on a slow phone connection.", file=shown,
                         hint="Export it again as Opus at 24 or 32 kbit/s (speech needs no more), or split the page.")
            continue
        if not is_ogg_opus(head):
            report.error("audio.not-opus", f"{shown} is not an Ogg Opus file (its first bytes say it is something else).",
                         file=shown, hint="Export the recording as Opus (.opus) from your sound editor, or convert it: "
                                          "opusenc recording.wav " + path.name)
            continue
        found[(lang, doc_id)] = path
    return found
