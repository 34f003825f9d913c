"""Easy read you can listen to, in the built site (issue #16): every easy-read page of every language has
its audio file and a player; a second build speaks nothing; the packs page and the easy-read packs point
to the audio. Also: `--no-packs` never links collection files that are not there (issue #16, part 1)."""
from __future__ import annotations

import json
import re
import shutil
import struct
from pathlib import Path

import pytest

from generator.audio import build as audio_build
from generator.audio import speak
from generator.read import recordings as recorded
from generator.diagnostics import Report
from generator.validate.project import load_project

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus():
    report = Report()
    loaded = load_project(ROOT, report)
    assert loaded is not None, report.format()
    return loaded


@pytest.fixture(scope="module")
def speech():
    if speak.find_tools() is None:
        pytest.skip("espeak-ng and opusenc are not installed, so the site was built WITHOUT audio and these "
                    "checks did not run (make speech, or apt-get install espeak-ng opus-tools)")


def opus_seconds(data: bytes) -> float:
    """The length of an Ogg Opus file: the last page's granule position (48 kHz samples) less the pre-skip."""
    last = data.rfind(b"OggS")
    granule = struct.unpack_from("<q", data, last + 6)[0]
    head = data.find(b"OpusHead")
    pre_skip = struct.unpack_from("<H", data, head + 10)[0]
    return (granule - pre_skip) / 48000


def pages_with_easy_read(corpus):
    return [(l.code, d.id) for l in corpus.config.languages for d in corpus.documents if d.easy_read is not None]


def test_every_easy_read_page_of_every_language_has_its_audio_and_player(built_site, corpus, speech):
    pages = pages_with_easy_read(corpus)
    assert len(pages) >= 5 * 5
    for code, doc_id in pages:
        audio = built_site / audio_build.file_path(code, doc_id)
        assert audio.is_file(), f"{audio} is missing"
        data = audio.read_bytes()
        assert recorded.is_ogg_opus(data[:300]), audio
        assert opus_seconds(data) > 20, (audio, opus_seconds(data))
        html = (built_site / code / doc_id / "easy-read" / "index.html").read_text(encoding="utf-8")
        players = re.findall(r"<audio\b[^>]*>", html)
        assert len(players) == 1, (code, doc_id, players)
        player = players[0]
        assert " controls" in player and "autoplay" not in player
        src = re.search(r'src="([^"]+)"', player).group(1)
        assert (built_site / code / doc_id / "easy-read" / src).resolve() == audio.resolve()
        label = re.search(r'aria-labelledby="([^"]+)"', player).group(1)
        # the label: in the page's language, or the English marked as English until it is translated
        assert re.search(rf'<p class="ck-listen-label" id="{label}">(<span lang="en" dir="ltr">)?'
                         r"Listen to this page \(computer voice\)", html) or (
            code != "en" and re.search(rf'<p class="ck-listen-label" id="{label}">[^<]+</p>', html)), (code, doc_id)
        assert f'id="{label}"' in html
        assert "ck-listen-note" in html and html.count(f'href="{src}"') >= 1
        # near the top: before the first easy-read point
        assert html.index("<audio") < html.index('class="ck-er-point"')


def test_pages_say_the_voice_is_a_computer_and_the_words_are_the_transcript(built_site, speech):
    html = (built_site / "en" / "jias-engagement-framework" / "easy-read" / "index.html").read_text(encoding="utf-8")
    note = re.search(r'<p class="ck-listen-note">(.*?)</p>', html).group(1)
    assert "computer voice" in note and "words on this page are what it says" in note
    assert re.search(r'<a href="[^"]+\.opus" type="audio/ogg" download="">Download the audio</a>', html)


def test_a_second_build_speaks_nothing(built_site, corpus, test_cache, tmp_path, speech):
    """The default site was built with the test run's cache (tests/conftest.py): built again, every page's
    audio comes from the cache, with the same bytes."""
    made = audio_build.make_audio(corpus, corpus.config.languages, tmp_path, Report(), test_cache, quiet=True)
    found, stats = made.found, made.stats
    assert stats.spoken == 0 and stats.speak_calls == 0
    assert stats.cached == len(pages_with_easy_read(corpus)) == sum(len(v) for v in found.values())
    for code, doc_id in pages_with_easy_read(corpus):
        rel = audio_build.file_path(code, doc_id)
        assert (tmp_path / rel).read_bytes() == (built_site / rel).read_bytes()


def test_the_packs_page_and_the_easy_read_packs_point_to_the_audio(built_site, corpus, speech):
    from pdfminer.high_level import extract_text

    for language in corpus.config.languages:
        page = (built_site / language.code / "printable-packs" / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'<p class="ck-pack-listen"><a href="([^"]+)"', page)
        assert len(links) == len([d for d in corpus.documents if d.easy_read is not None]), language.code
        for href in links:
            assert (built_site / language.code / "printable-packs" / href).resolve().is_file()
    cover = extract_text(str(built_site / "en" / "packs" / "jias-engagement-framework-easy-read-en.pdf"),
                         page_numbers=[0])
    assert "You can also listen to this on the web page" in " ".join(cover.split())


def test_no_packs_never_links_collection_files_and_no_audio_leaves_out_files_and_players(built_site, tmp_path,
                                                                                          capsys):
    """A site whose packs folder has the packs but not the collection files (an older build), built again
    with --no-packs: every file the packs page links is there. And with --no-audio: no audio files, no
    players, and one line saying so."""
    from generator.pipeline import build

    out = tmp_path / "site"
    (out / "en" / "packs").mkdir(parents=True)
    for pdf in (built_site / "en" / "packs").glob("*.pdf"):
        shutil.copy(pdf, out / "en" / "packs")
    shutil.copy(built_site / "en" / "packs" / "manifest.json", out / "en" / "packs")
    (out / "en" / "audio").mkdir()
    (out / "en" / "audio" / "left-over.opus").write_bytes(b"OggS")  # what an earlier build left
    capsys.readouterr()
    report = Report()
    assert build(ROOT, report, out=str(out), packs=False, lang="en", audio=False, cache_dir=tmp_path / "cache",
                 quiet=False), report.format()
    page = out / "en" / "printable-packs" / "index.html"
    links = re.findall(r'href="([^"]+\.(?:xlsx|xml|csv))"', page.read_text(encoding="utf-8"))
    assert len(links) >= 3
    missing = [href for href in links if not (page.parent / href).resolve().is_file()]
    assert missing == []
    assert not list(out.rglob("*.opus"))
    html = (out / "en" / "jias-engagement-framework" / "easy-read" / "index.html").read_text(encoding="utf-8")
    assert "<audio" not in html and "ck-listen" not in html
    assert "ck-pack-listen" not in page.read_text(encoding="utf-8")
    assert capsys.readouterr().err.count("--no-audio") == 1
