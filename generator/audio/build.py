"""The build's audio stage: every easy-read page of every language gets an audio file (issue #16).

make_audio() (build_audio(): only its result) reads top to bottom:
  1. for each language and each document with an easy-read page: a recording in framework_data/audio/
     wins (read/recordings.py); otherwise the page's words (text.py) are to be spoken by the language's voice,
  2. each spoken page is filed in the cache (<cache>/audio/) under a hash of its words, voices, the
     programs' versions and options (speak.key), so a page whose words did not change is never spoken again,
  3. the others are spoken, one or two at a time (speaking is light, but the machine may be busy),
  4. the files are copied to site/<lang>/audio/<doc>-easy-read-<lang>.opus, and the pages and packs are told
     which pages have audio (a page without audio shows no player).

Audio never stops a build: without espeak-ng or opusenc, or without a language's voice, the pages are
published without audio and one message says what to install. `charterkit build --no-audio` leaves audio out.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import speak
from ..read.recordings import check_recordings
from .text import page_segments, speech_segments

INSTALL = "sudo apt-get install espeak-ng opus-tools"


@dataclass(frozen=True)
class Audio:
    """One easy-read page's audio file in the site."""

    lang: str
    doc_id: str
    path: str  # relative to the site folder, e.g. "en/audio/jias-engagement-framework-easy-read-en.opus"
    bytes: int
    seconds: float  # 0 when not known (a recording)
    recorded: bool  # True: a person's recording; False: the computer voice

    @property
    def file(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def minutes(self) -> int:
        """Its length in whole minutes, at least 1 (0 when not known)."""
        return max(1, round(self.seconds / 60)) if self.seconds else 0


@dataclass
class AudioStats:
    spoken: int = 0
    cached: int = 0
    recorded: int = 0
    left_out: int = 0
    audio_seconds: float = 0.0
    bytes: int = 0
    seconds: float = 0.0
    speak_calls: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AudioResult:
    """What make_audio() made: lang -> doc id -> Audio for the pages that have audio, and how it went."""

    found: dict
    stats: AudioStats


def workers() -> int:
    """How many pages are spoken at once: CHARTERKIT_AUDIO_JOBS, else at most 2 (and never more than the
    cores), so a build does not take the whole machine."""
    try:
        return max(1, int(os.environ["CHARTERKIT_AUDIO_JOBS"]))
    except (KeyError, ValueError):
        return max(1, min(2, os.cpu_count() or 1))


def file_path(lang: str, doc_id: str) -> str:
    return f"{lang}/audio/{doc_id}-easy-read-{lang}.opus"


def tools_state() -> str:
    """What this computer can speak with (part of a build's fingerprint: installing espeak-ng later makes
    the next build a real one)."""
    tools = speak.find_tools()
    return "none" if tools is None else f"{tools.versions} {sorted(tools.voices)}"


def build_audio(corpus, languages, site_dir: Path, report, cache_dir: Path, quiet: bool = False,
                views: dict | None = None) -> dict[str, dict[str, Audio]]:
    """make_audio(), returning only what was found: lang -> doc id -> Audio."""
    return make_audio(corpus, languages, site_dir, report, cache_dir, quiet=quiet, views=views).found


def make_audio(corpus, languages, site_dir: Path, report, cache_dir: Path, quiet: bool = False,
               views: dict | None = None) -> AudioResult:
    """Write the audio of every easy-read page of languages into site_dir/<lang>/audio/; returns
    lang -> doc id -> Audio for the pages that have audio. views: lang -> translate.view.LanguageView, the
    build's views (a language without one gets its own)."""
    from ..translate.view import build_view

    started = time.perf_counter()
    stats = AudioStats()
    site_dir = Path(site_dir)
    cache = Path(cache_dir) / "audio"
    codes = [getattr(l, "code", l) for l in languages]
    documents = [d for d in corpus.documents if d.easy_read is not None]

    from ..diagnostics import Report as _Report

    recordings = check_recordings(corpus.root, [l.code for l in corpus.config.languages], corpus.documents,
                                  _Report())  # (load_project reported the problems already)
    tools = speak.find_tools()
    if tools is None and any((c, d.id) not in recordings for c in codes for d in documents):
        missing = speak.missing_programs() or ["espeak-ng"]
        stats.notes.append(
            f"Easy-read audio: {' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not installed, so the "
            f"easy-read pages are published without the computer voice (recorded audio is still used). To add it, "
            f"install them ({INSTALL}; `make build` does this when run as root) and build again. "
            f"To leave audio out without this message: charterkit build --no-audio.")

    planned: list[tuple[str, str, str, list[tuple[str, str]]]] = []  # (lang, doc id, key, runs)
    found: dict[str, dict[str, Audio]] = {}
    copies: list[tuple[str, str, Path, bool, float]] = []  # (lang, doc id, source, recorded, seconds)
    for code in codes:
        language = corpus.config.language(code)
        voice = speak.voice_for(language or code)
        view = strings = None
        no_voice = tools is not None and not tools.has_voice(voice)
        if no_voice and any((code, d.id) not in recordings for d in documents):
            stats.notes.append(
                f'Easy-read audio: espeak-ng has no voice called "{voice}" for {getattr(language, "english_name", None) or code} '
                f"({code}), so its easy-read pages are published without audio. Set voice: under this language in "
                f"site_config.yml to one that `espeak-ng --voices` lists, or add recordings (README.md).")
        for doc in documents:
            if (code, doc.id) in recordings:
                copies.append((code, doc.id, recordings[(code, doc.id)], True, 0.0))
                continue
            if tools is None or no_voice:
                stats.left_out += 1
                continue
            if view is None:
                made = (views or {}).get(code) or build_view(corpus, code)
                view, strings = made.corpus, made.words
            localised = view.document(doc.id)
            runs = []
            for seg in speech_segments(page_segments(localised, strings)):
                seg_voice = speak.voice_for(corpus.config.language(seg.lang) or seg.lang)
                runs.append((seg_voice if tools.has_voice(seg_voice) else voice, seg.text))
            if not runs:
                stats.left_out += 1
                continue
            key = speak.key(runs, tools)
            planned.append((code, doc.id, key, runs))

    todo = [p for p in planned if not _cached(cache, p[2])]
    stats.cached = len(planned) - len(todo)
    failed = _speak_all(todo, cache, tools, stats)
    for code, doc_id, key, _ in planned:
        if key in failed:
            report.warning("audio.failed", f"The easy-read page of {doc_id} ({code}) could not be spoken: {failed[key]}. "
                           "It is published without audio.", hint="Build again; if it happens again, please report it "
                                                                   "with this message (or build with --no-audio).")
            continue
        seconds = json.loads((cache / f"{key}.json").read_text(encoding="utf-8"))["seconds"]
        copies.append((code, doc_id, cache / f"{key}.opus", False, seconds))

    for code in codes:
        shutil.rmtree(site_dir / code / "audio", ignore_errors=True)  # (what an earlier build left, in a partial build)
    for code, doc_id, source, recorded, seconds in copies:
        rel = file_path(code, doc_id)
        out = site_dir / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, out)
        size = out.stat().st_size
        found.setdefault(code, {})[doc_id] = Audio(code, doc_id, rel, size, seconds, recorded)
        stats.recorded += recorded
        stats.bytes += size
        stats.audio_seconds += seconds
    if set(codes) == {l.code for l in corpus.config.languages}:
        _prune(cache, {p[2] for p in planned if p[2] not in failed})
    stats.seconds = time.perf_counter() - started
    if not quiet:
        for note in stats.notes:
            print(note, file=sys.stderr)
        pages = sum(len(v) for v in found.values())
        if pages:
            print(f"Easy-read audio: {pages} page(s) ({stats.spoken} spoken, {stats.cached} from the cache, "
                  f"{stats.recorded} recorded), {stats.audio_seconds / 60:.0f} minutes, "
                  f"{stats.bytes / 1048576:.1f} MB, in {stats.seconds:.1f} s.", file=sys.stderr)
    return AudioResult(found, stats)


def _cached(cache: Path, key: str) -> bool:
    return (cache / f"{key}.opus").is_file() and (cache / f"{key}.json").is_file()


def _speak_one(job, cache: Path, tools, stopper=None) -> float:
    code, doc_id, key, runs = job
    seconds = speak.speak(runs, cache / f"{key}.opus", tools, stopper)
    temp = cache / f".{key}.json.{os.getpid()}.{id(job)}"
    temp.write_text(json.dumps({"seconds": round(seconds, 3), "lang": code, "document": doc_id}), encoding="utf-8")
    os.replace(temp, cache / f"{key}.json")
    return seconds


def _speak_all(todo, cache: Path, tools, stats: AudioStats) -> dict[str, str]:
    """Speak every page of todo into the cache; returns key -> what went wrong, for the pages that failed."""
    failed: dict[str, str] = {}
    if not todo:
        return failed
    cache.mkdir(parents=True, exist_ok=True)
    todo = sorted(todo, key=lambda job: -sum(len(words) for _, words in job[3]))  # longest first
    from concurrent.futures import ThreadPoolExecutor

    # Threads are enough: the work is done by espeak-ng and opusenc, in processes of their own.
    stopper = speak.Stopper()
    pool = ThreadPoolExecutor(max_workers=min(workers(), len(todo)))
    try:
        futures = {job[2]: pool.submit(_speak_one, job, cache, tools, stopper) for job in todo}
        for key, future in futures.items():
            try:
                future.result()
                stats.spoken += 1
                stats.speak_calls += 1
            except speak.SpeechError as exc:
                failed[key] = str(exc)
            except OSError as exc:
                from ..diskerrors import is_disk_error

                if is_disk_error(exc):
                    raise
                failed[key] = str(exc)
    except BaseException:  # Ctrl+C or a full disk: no page waits for the others to be spoken
        stopper.stop()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return failed


def _prune(cache: Path, keep: set[str]) -> None:
    """Remove the cached files no page uses any more (after a build of every language)."""
    if not cache.is_dir():
        return
    for path in cache.iterdir():
        stem = path.name.split(".", 1)[0]
        if stem and stem not in keep and path.suffix in (".opus", ".json"):
            try:
                path.unlink()
            except OSError:
                pass
