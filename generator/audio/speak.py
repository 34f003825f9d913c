"""The computer voice: espeak-ng speaks the words into a WAV file, opusenc makes a small Opus file of it.

Both are Debian packages (`apt-get install espeak-ng opus-tools`; `make build` installs them when it runs as
root, tools/ensure-speech.sh). Nothing is downloaded and nothing leaves the computer.

The bytes are the same on every build of the same words: espeak-ng's WAV always is, and opusenc's Ogg file
is once its stream serial number is fixed (--serial; it is random otherwise). So a file can be filed in the
cache under a hash of the words, the voices and the programs' versions (key()).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import threading
import tempfile
import wave
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

#: The espeak-ng voice for each language code. A language that is not here is spoken by the voice named
#: like its code, if espeak-ng has one; `voice:` under a language in site_config.yml overrides both.
VOICES = {"en": "en-gb", "pl": "pl", "gd": "gd", "ar": "ar", "ur": "ur", "cy": "cy"}
#: Words a minute. espeak-ng's own default is 175; easy read is read a little more slowly.
RATE = 150
#: opusenc's options: speech at 12 kbit/s (about 1.4 KB a second of speech). Measured on easy-read pages in
#: English, Arabic and Urdu (December 2026): 12 kbit/s makes files 35% smaller than 16 (Opus keeps sounds up
#: to 8 kHz, "wideband", as HD telephone calls do, where 16 kbit/s kept them to 12 kHz), and the objective
#: intelligibility of the speech (STOI, against espeak-ng's own WAV) went from 0.976-0.980 at 16 kbit/s to
#: 0.968-0.975, where 0.95 and over is speech understood in full. 10 kbit/s fell further (0.950-0.960) and
#: is not used. --serial makes the bytes the same on every build.
OPUS_OPTIONS = ("--bitrate", "12", "--speech", "--comp", "5", "--serial", "1")
#: Bump when a change here changes the files in a way the hashed inputs do not show.
AUDIO_VERSION = "1"
#: Longest a program may take for one page before it counts as stuck (seconds).
TIMEOUT = 600


class SpeechError(Exception):
    """espeak-ng or opusenc failed for one page: what it said."""


@dataclass(frozen=True)
class Tools:
    """The programs found on this computer: their paths, versions and the voices espeak-ng has."""

    espeak: str
    opusenc: str
    versions: str
    voices: frozenset[str]

    def has_voice(self, voice: str) -> bool:
        return voice.lower() in self.voices


def missing_programs() -> list[str]:
    """The names of the programs that are not installed (empty when both are)."""
    return [name for name in ("espeak-ng", "opusenc") if shutil.which(name) is None]


@lru_cache(maxsize=1)
def find_tools() -> Tools | None:
    """espeak-ng and opusenc, or None if either is missing (missing_programs() says which)."""
    espeak, opusenc = shutil.which("espeak-ng"), shutil.which("opusenc")
    if espeak is None or opusenc is None:
        return None
    try:
        espeak_version = _run([espeak, "--version"]).decode("utf-8", "replace").strip()
        opus_version = _run([opusenc, "--version"]).decode("utf-8", "replace").splitlines()[0].strip()
        listing = _run([espeak, "--voices"]).decode("utf-8", "replace")
    except (OSError, SpeechError, IndexError):
        return None
    voices = set()
    for line in listing.splitlines()[1:]:
        columns = line.split()
        if len(columns) >= 4:
            # Pty Language Age/Gender VoiceName File [Other languages]: -v takes the language or the name
            voices.update({columns[1].lower(), columns[3].lower()})
            voices.update(c.strip("(").lower() for c in columns[5:] if c.startswith("("))
    return Tools(espeak, opusenc, f"{espeak_version} | {opus_version}", frozenset(voices))


def voice_for(language) -> str:
    """The espeak-ng voice of a site language (a Language from site_config.yml, or a code)."""
    code = getattr(language, "code", language)
    chosen = getattr(language, "voice", None)
    return chosen or VOICES.get(code, code)


def key(runs: list[tuple[str, str]], tools: Tools) -> str:
    """A hash of everything that decides the bytes of a spoken page: each run's voice and words, the
    programs' versions and the options."""
    digest = hashlib.sha256(json.dumps([AUDIO_VERSION, RATE, OPUS_OPTIONS, tools.versions, runs],
                                       ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:32]


def speak(runs: list[tuple[str, str]], out: Path, tools: Tools, stopper: "Stopper | None" = None) -> float:
    """Speak runs ((voice, words), in order) into the Opus file out; returns its length in seconds.

    Each run is spoken by its voice into a WAV file of its own; they are joined into one (espeak-ng writes
    every voice at the same rate, mono, 16 bit) and encoded once. out is written whole or not at all."""
    out = Path(out)
    with tempfile.TemporaryDirectory(prefix="charterkit-speak-") as work:
        work_dir = Path(work)
        frames: list[bytes] = []
        params = None
        for n, (voice, words) in enumerate(runs):
            text = work_dir / f"{n}.txt"
            text.write_text(words, encoding="utf-8")
            wav = work_dir / f"{n}.wav"
            _run([tools.espeak, "-v", voice, "-s", str(RATE), "-b", "1", "-f", str(text), "-w", str(wav)], stopper)
            with wave.open(str(wav), "rb") as part:
                if params is None:
                    params = part.getparams()
                elif (part.getnchannels(), part.getsampwidth(), part.getframerate()) != (
                        params.nchannels, params.sampwidth, params.framerate):
                    raise SpeechError(f"the voice {voice} speaks at another rate than the first voice")
                frames.append(part.readframes(part.getnframes()))
        if params is None:
            raise SpeechError("there are no words to speak")
        joined = work_dir / "page.wav"
        with wave.open(str(joined), "wb") as whole:
            whole.setnchannels(params.nchannels)
            whole.setsampwidth(params.sampwidth)
            whole.setframerate(params.framerate)
            for chunk in frames:
                whole.writeframes(chunk)
        seconds = sum(len(c) for c in frames) / (params.framerate * params.nchannels * params.sampwidth)
        encoded = work_dir / "page.opus"
        _run([tools.opusenc, "--quiet", *OPUS_OPTIONS, str(joined), str(encoded)], stopper)
        out.parent.mkdir(parents=True, exist_ok=True)
        temp = out.with_name(f".{out.name}.{os.getpid()}")
        shutil.copyfile(encoded, temp)
        os.replace(temp, out)
    return seconds


class Stopper:
    """Lets a build that is stopping (Ctrl+C, or an error) end the speaking at once: the pages are spoken in
    threads, which Ctrl+C does not reach, and each waits for espeak-ng or opusenc. stop() ends the tools'
    processes that are running, and no new one starts after it."""

    def __init__(self) -> None:
        self.stopped = threading.Event()
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen] = set()

    def stop(self) -> None:
        self.stopped.set()
        with self._lock:
            for process in self._running:
                try:
                    process.kill()
                except OSError:
                    pass

    def add(self, process: subprocess.Popen) -> None:
        with self._lock:
            self._running.add(process)
        if self.stopped.is_set():  # (stop() came between the start and the add)
            process.kill()

    def remove(self, process: subprocess.Popen) -> None:
        with self._lock:
            self._running.discard(process)


def _run(command: list[str], stopper: Stopper | None = None) -> bytes:
    if stopper is not None and stopper.stopped.is_set():
        raise SpeechError("the build is stopping")
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if stopper is not None:
        stopper.add(process)
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise SpeechError(f"{Path(command[0]).name} took longer than {TIMEOUT} seconds") from None
    finally:
        if stopper is not None:
            stopper.remove(process)
    if stopper is not None and stopper.stopped.is_set():
        raise SpeechError("the build is stopping")
    if process.returncode != 0:
        said = (stderr or stdout).decode("utf-8", "replace").strip().splitlines()
        raise SpeechError(f"{Path(command[0]).name} stopped with an error: {said[-1] if said else process.returncode}")
    return stdout
