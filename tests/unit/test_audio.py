"""Easy read you can listen to (generator/audio/): what is spoken, in what order, the cache, the programs
missing, and recordings an editor adds. The build tests (tests/build/test_audio_site.py) check the site."""
from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from generator.audio import build as audio_build
from generator.audio import speak
from generator.read import recordings as recorded
from generator.audio.text import page_segments, plain, speech_segments, transcript
from generator.diagnostics import Report
from generator.print.packs import language_view
from generator.validate.project import load_project

ROOT = Path(__file__).resolve().parents[2]
JIAS = "jias-engagement-framework"
URL = re.compile(r"https?://|www\.|\.gov\.uk/|\.org/|\.scot/", re.I)
HAVE_SPEECH = speak.find_tools() is not None
needs_speech = pytest.mark.skipif(not HAVE_SPEECH, reason="espeak-ng and opusenc are not installed "
                                                          "(make speech, or apt-get install espeak-ng opus-tools)")


def words_of(corpus, lang: str, doc_id: str):
    view, strings = language_view(corpus, lang)
    return page_segments(view.document(doc_id), strings)


# ---- what is spoken ------------------------------------------------------------------------------------
def test_plain_text_has_no_markup_and_no_web_addresses():
    said = plain("A **hard word** and [the council's website](https://www.northyorks.gov.uk/contact-us). "
                 "See [https://example.org/a/b](https://example.org/a/b) or www.example.org/page today.")
    assert said == "A hard word and the council's website. See or today."
    assert plain("Email **psi@nationalarchives.gsi.gov.uk**.") == "Email psi@nationalarchives.gsi.gov.uk."
    assert plain("Phone [0300 131 2 131](tel:+443001312131).") == "Phone 0300 131 2 131."
    assert "*" not in plain("*one* _two_ `three`") and "one two three" == plain("*one* _two_ `three`")


def test_the_page_is_read_in_its_order(corpus):
    doc = corpus.document(JIAS)
    er = doc.easy_read
    said = transcript(words_of(corpus, "en", JIAS))
    expected = [er.title] + [p.text for p in er.about] + ["Words to know"] + ["Who to contact"] + [p.text for p in er.contact]
    at = -1
    for text in expected:
        piece = plain(text)
        found = said.find(piece, at + 1)
        assert found > at, f"{piece!r} is not read after what comes before it"
        at = found
    assert said.startswith(plain(er.title))
    assert said.rstrip().endswith(plain(er.contact[-1].text).rstrip(".") + ".")
    # every section's easy-read points are read, in the order of the page
    points = [plain(p.text) for sec in doc.sections for p in sec.easy_read]
    assert points, "the JIAS document has no section points to check"
    positions = [said.find(p) for p in points]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)


def test_no_page_reads_out_a_web_address(corpus):
    checked = 0
    for language in corpus.config.languages:
        for doc in corpus.documents:
            if doc.easy_read is None:
                continue
            said = transcript(words_of(corpus, language.code, doc.id))
            assert not URL.search(said), (language.code, doc.id, URL.search(said).group(0))
            assert "**" not in said and "](" not in said
            checked += 1
    assert checked >= 5 * 5


def test_picture_descriptions_are_not_read(corpus):
    doc = corpus.document(JIAS)
    said = transcript(words_of(corpus, "en", JIAS))
    points = [p for p in (*doc.easy_read.about, *doc.easy_read.contact)] + [
        p for sec in doc.sections for p in sec.easy_read]
    alts = {p.alt for p in points if len(p.alt.split()) >= 4 and p.alt not in " ".join(plain(q.text) for q in points)}
    assert len(alts) >= 5
    assert [a for a in alts if a in said] == []


def test_each_passage_keeps_its_language(corpus):
    segments = words_of(corpus, "ar", JIAS)
    assert segments and {s.lang for s in segments} <= {"ar", "en"}
    assert segments[0].lang == "ar"
    # passages in the same language are joined: one run of espeak-ng a language change
    runs = speech_segments(segments)
    assert all(a.lang != b.lang for a, b in zip(runs, runs[1:]))
    assert transcript(runs).split() == transcript(segments).split()


# ---- the cache key -------------------------------------------------------------------------------------
def test_the_key_changes_with_the_words_the_voice_and_the_programs():
    tools = speak.Tools("espeak-ng", "opusenc", "espeak 1 | opus 1", frozenset({"en-gb", "pl"}))
    runs = [("en-gb", "Hello.")]
    assert speak.key(runs, tools) == speak.key(list(runs), tools)
    assert speak.key(runs, tools) != speak.key([("en-gb", "Hello!")], tools)
    assert speak.key(runs, tools) != speak.key([("pl", "Hello.")], tools)
    assert speak.key(runs, dataclasses.replace(tools, versions="espeak 2 | opus 1")) != speak.key(runs, tools)


def test_voices_come_from_the_table_and_site_config(corpus):
    assert [speak.voice_for(l) for l in corpus.config.languages] == ["en-gb", "pl", "gd", "ar", "ur"]
    chosen = corpus.config.languages[0].model_copy(update={"voice": "en-gb-scotland"})
    assert speak.voice_for(chosen) == "en-gb-scotland"
    assert speak.voice_for("xx") == "xx"


@needs_speech
def test_speaking_makes_the_same_ogg_opus_bytes_every_time(tmp_path):
    tools = speak.find_tools()
    runs = [("en-gb", "This is a test. It is short."), ("pl", "To jest test.")]
    seconds = speak.speak(runs, tmp_path / "a.opus", tools)
    speak.speak(runs, tmp_path / "b.opus", tools)
    one, two = (tmp_path / "a.opus").read_bytes(), (tmp_path / "b.opus").read_bytes()
    assert one == two
    assert recorded.is_ogg_opus(one[:300])
    assert 1.0 < seconds < 20.0


# ---- the stage: cache, missing programs, missing voices ---------------------------------------------------
class FakeSpeaker:
    """Stands in for espeak-ng + opusenc (so these tests speak in milliseconds): counts the pages spoken and
    writes a small file that starts like an Ogg Opus file."""

    def __init__(self):
        self.calls: list[list[tuple[str, str]]] = []

    def __call__(self, runs, out, tools, stopper=None):
        self.calls.append(runs)
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_bytes(b"OggS" + bytes(22) + b"\x01\x13" + b"OpusHead" + bytes(40))
        return 12.5


@pytest.fixture
def fake_tools(monkeypatch):
    tools = speak.Tools("/usr/bin/espeak-ng", "/usr/bin/opusenc", "fake 1 | fake 1",
                        frozenset({"en-gb", "pl", "gd", "ar", "ur"}))
    monkeypatch.setattr(speak, "find_tools", lambda: tools)
    fake = FakeSpeaker()
    monkeypatch.setattr(speak, "speak", fake)
    return fake


def easy_read_ids(corpus):
    return sorted(d.id for d in corpus.documents if d.easy_read is not None)


def test_a_second_build_speaks_nothing_and_a_change_speaks_only_that_page(corpus, fake_tools, tmp_path):
    languages = corpus.config.languages[:2]
    ids = easy_read_ids(corpus)
    found = audio_build.build_audio(corpus, languages, tmp_path / "one", Report(), tmp_path / "cache", quiet=True)
    assert len(fake_tools.calls) == len(ids) * 2
    assert sorted(found["en"]) == ids and sorted(found["pl"]) == ids
    for code in ("en", "pl"):
        for doc_id in ids:
            assert (tmp_path / "one" / audio_build.file_path(code, doc_id)).is_file()
    fake_tools.calls.clear()
    again = audio_build.make_audio(corpus, languages, tmp_path / "two", Report(), tmp_path / "cache", quiet=True)
    assert fake_tools.calls == [] and again.stats.spoken == 0
    assert again.stats.cached == len(ids) * 2
    assert again.found == found
    # one document's easy-read title changed: only its pages are spoken again (the Polish title is now out of
    # date, so that page shows, and reads, the English title, in the English voice)
    doc = corpus.document(JIAS)
    changed_doc = doc.model_copy(update={"easy_read": doc.easy_read.model_copy(update={"title": "A new title"})})
    changed = dataclasses.replace(corpus, documents=tuple(changed_doc if d.id == JIAS else d for d in corpus.documents))
    audio_build.build_audio(changed, languages, tmp_path / "three", Report(), tmp_path / "cache", quiet=True)
    assert len(fake_tools.calls) == 2
    assert all(call[0][0] == "en-gb" and call[0][1].startswith("A new title.") for call in fake_tools.calls)
    assert any(voice == "pl" for call in fake_tools.calls for voice, _ in call)


def test_without_the_programs_the_build_goes_on_and_says_what_to_install_once(corpus, monkeypatch, tmp_path,
                                                                                capsys):
    monkeypatch.setattr(speak, "find_tools", lambda: None)
    monkeypatch.setattr(speak, "missing_programs", lambda: ["espeak-ng", "opusenc"])
    report = Report()
    found = audio_build.build_audio(corpus, corpus.config.languages, tmp_path / "site", report, tmp_path / "cache")
    assert found == {} and not report.errors and not report.warnings
    err = capsys.readouterr().err
    assert err.count("apt-get install espeak-ng opus-tools") == 1, err
    assert "--no-audio" in err and "without" in err
    assert not (tmp_path / "site" / "en" / "audio").exists()


def test_a_language_without_a_voice_is_left_out_with_one_message(corpus, fake_tools, monkeypatch, tmp_path, capsys):
    tools = speak.Tools("/usr/bin/espeak-ng", "/usr/bin/opusenc", "fake 1 | fake 1", frozenset({"en-gb", "pl"}))
    monkeypatch.setattr(speak, "find_tools", lambda: tools)
    found = audio_build.build_audio(corpus, corpus.config.languages, tmp_path / "site", Report(), tmp_path / "c")
    assert set(found) == {"en", "pl"}
    err = capsys.readouterr().err
    for code, voice in (("gd", "gd"), ("ar", "ar"), ("ur", "ur")):
        assert err.count(f'no voice called "{voice}"') == 1 and f"({code})" in err


# ---- recordings ----------------------------------------------------------------------------------------
OPUS_HEAD = b"OggS\x00\x02" + bytes(20) + b"\x01\x13" + b"OpusHead\x01\x01" + bytes(30)


def test_recordings_are_checked_like_pictures(corpus, tmp_path, monkeypatch):
    root = tmp_path
    folder = root / recorded.AUDIO_DIR
    (folder / "en").mkdir(parents=True)
    (folder / "en" / f"{JIAS}.opus").write_bytes(OPUS_HEAD)  # good
    (folder / "pl").mkdir()
    (folder / "pl" / f"{JIAS}.mp3").write_bytes(b"ID3" + bytes(50))  # another kind of file
    (folder / "pl" / "care-standards.opus").write_bytes(b"RIFF" + bytes(60))  # not Opus inside
    (folder / "xx").mkdir()
    (folder / "xx" / f"{JIAS}.opus").write_bytes(OPUS_HEAD)  # no such language
    (folder / "en" / "no-such-document.opus").write_bytes(OPUS_HEAD)
    (folder / "en" / "glossary.opus").write_bytes(OPUS_HEAD)
    (folder / "stray.opus").write_bytes(OPUS_HEAD)  # not in a language folder
    (folder / "gd").mkdir()
    (folder / "gd" / f"{JIAS}.opus").write_bytes(OPUS_HEAD + bytes(2000))
    monkeypatch.setattr(recorded, "MAX_BYTES", 1000)
    report = Report()
    good = recorded.check_recordings(root, ["en", "pl", "gd"], corpus.documents, report)
    assert good == {("en", JIAS): folder / "en" / f"{JIAS}.opus"}
    codes = sorted((e.code, e.file) for e in report.errors)
    assert codes == sorted([
        ("audio.not-a-recording", f"framework_data/audio/pl/{JIAS}.mp3"),
        ("audio.not-opus", "framework_data/audio/pl/care-standards.opus"),
        ("audio.unknown-language", f"framework_data/audio/xx/{JIAS}.opus"),
        ("audio.unknown-document", "framework_data/audio/en/no-such-document.opus"),
        ("audio.unknown-document", "framework_data/audio/en/glossary.opus"),
        ("audio.not-a-recording", "framework_data/audio/stray.opus"),
        ("audio.too-big", f"framework_data/audio/gd/{JIAS}.opus"),
    ]), report.format()
    assert all(e.hint for e in report.errors)


def test_a_recording_wins_over_the_computer_voice(corpus, fake_tools, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(ROOT / "framework_data", root / "framework_data")
    shutil.copytree(ROOT / "theme" / "strings", root / "theme" / "strings")
    recording = root / recorded.AUDIO_DIR / "en" / f"{JIAS}.opus"
    recording.parent.mkdir(parents=True)
    recording.write_bytes(OPUS_HEAD + b"a person reading")
    project = dataclasses.replace(corpus, root=root)
    found = audio_build.build_audio(project, corpus.config.languages[:1], tmp_path / "site", Report(),
                                    tmp_path / "cache", quiet=True)
    audio = found["en"][JIAS]
    assert audio.recorded and (tmp_path / "site" / audio.path).read_bytes() == recording.read_bytes()
    assert not any(a.recorded for d, a in found["en"].items() if d != JIAS)
    assert len(fake_tools.calls) == len(easy_read_ids(corpus)) - 1  # every page but the recorded one spoken


def test_a_bad_recording_stops_validate_with_the_file_named(project_copy):
    bad = project_copy / recorded.AUDIO_DIR / "en" / f"{JIAS}.opus"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"<html>not audio</html>")
    report = Report()
    assert load_project(project_copy, report) is None
    assert [(e.code, e.file) for e in report.errors] == [("audio.not-opus", f"framework_data/audio/en/{JIAS}.opus")]


def test_the_page_allow_list_keeps_the_player_and_drops_what_a_hostile_edit_could_add():
    from generator.markup.sanitise import clean_page

    page = clean_page('<audio class="ck-listen-player" controls preload="metadata" src="../../audio/a.opus" '
                      'autoplay onplay="alert(1)" loop></audio><audio src="https://example.com/x.opus" controls>'
                      '</audio><audio src="data:audio/ogg;base64,AAAA"></audio>')
    assert '<audio class="ck-listen-player" controls="" preload="metadata" src="../../audio/a.opus">' in page
    assert "autoplay" not in page and "onplay" not in page and "loop" not in page
    assert "example.com" not in page and "data:" not in page


def test_charterkits_own_servers_send_parts_of_files(tmp_path):
    """The checks' server and the preview answer Range requests (generator/byteranges.py), as web servers do:
    without them a browser cannot tell how long an Ogg file is."""
    import urllib.error
    import urllib.request

    from generator.check.harness import SiteServer

    (tmp_path / "a.opus").write_bytes(bytes(range(100)))

    def get(headers):
        request = urllib.request.Request(server.base + "a.opus", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, b""

    with SiteServer(tmp_path) as server:
        status, headers, body = get({"Range": "bytes=10-19"})
        assert (status, headers["Content-Range"], body) == (206, "bytes 10-19/100", bytes(range(10, 20)))
        status, headers, body = get({"Range": "bytes=95-"})
        assert (status, body) == (206, bytes(range(95, 100)))
        status, headers, body = get({"Range": "bytes=-3"})
        assert (status, body) == (206, bytes([97, 98, 99]))
        assert get({"Range": "bytes=200-300"})[0] == 416
        status, headers, body = get({})
        assert (status, body) == (200, bytes(range(100)))


def test_stopping_ends_the_speech_tools_that_are_running_and_starts_no_more():
    """Ctrl+C while pages are spoken (in threads, which Ctrl+C does not reach): Stopper.stop() ends the running
    tool at once, and no tool starts after it, so the build (and `charterkit serve`) ends without waiting for
    every page to be spoken."""
    import threading
    import time

    stopper = speak.Stopper()
    raised = []

    def run():
        try:
            speak._run(["sleep", "60"], stopper)
        except speak.SpeechError as exc:
            raised.append(str(exc))

    thread = threading.Thread(target=run)
    started = time.monotonic()
    thread.start()
    time.sleep(0.5)
    stopper.stop()
    thread.join(timeout=20)
    assert not thread.is_alive() and time.monotonic() - started < 20
    assert raised and "stopping" in raised[0]
    with pytest.raises(speak.SpeechError):
        speak._run(["true"], stopper)
    assert speak._run(["echo", "words"]) == b"words\n"  # (without a stopper, as before)
