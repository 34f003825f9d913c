"""Easy-read pictures, from two symbol sets (both CC BY-SA 4.0):

- The Mulberry Symbols (release 3.6.1, by Steve Lee and contributors), made for adults who use symbols to
  communicate: people, care roles, health, feelings, places and everyday actions. They are on no package
  registry, so the project carries the symbols it uses in theme/pictures/mulberry/, with a keyword index of
  the whole set (symbols.csv) so an editor can find one and copy it in (`charterkit pictures --add NAME`).
  A Mulberry picture is named "mulberry-" and the symbol's name, for example mulberry-doctor-1a or
  mulberry-to-listen (verbs start with "to-").
- OpenMoji, installed from npm into node_modules/openmoji. A picture is named by its OpenMoji description in
  lower case with hyphens, for example speech-balloon. No OpenMoji name starts with "mulberry-", so every
  name means one picture.

A carried SVG is untrusted input (a pull request can add one): check_svg() lists anything in it that could
run, load something from elsewhere or reach a file, and `charterkit validate` reports each with its line.
"""
from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .diskerrors import write_whole

PACKAGE = Path("node_modules") / "openmoji"
MULBERRY_DIR = Path("theme") / "pictures" / "mulberry"
MULBERRY_INDEX = MULBERRY_DIR / "symbols.csv"
MULBERRY_PREFIX = "mulberry-"
MULBERRY_RELEASE = "3.6.1"
MULBERRY_RELEASE_URL = "https://github.com/mulberrysymbols/mulberry-symbols/releases/tag/v3.6.1"
# Where a copy of the Mulberry release may sit beside the project (on the machines charterkit is made on).
MULBERRY_BESIDE = Path("..") / "shared" / "pictures" / "mulberry-symbols-3.6.1"

CREDIT = ("Pictures: Mulberry Symbols by Steve Lee (https://mulberrysymbols.org/) and OpenMoji "
          "(https://openmoji.org/), both licensed under CC BY-SA 4.0.")
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"


@dataclass(frozen=True)
class Picture:
    name: str
    set: str  # "mulberry" or "openmoji"
    annotation: str  # what it shows, in words to search
    svg: Path | None  # None: a Mulberry symbol this project does not carry yet
    asset: str = ""  # the file's name under assets/pictures/ on the site
    source_file: str = ""  # Mulberry: the symbol's file name in the release's EN/ folder


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def mulberry_name(symbol: str) -> str:
    """The picture name of a Mulberry symbol: "doctor_1a" is mulberry-doctor-1a, "ask_,_to" is mulberry-to-ask."""
    verb = re.match(r"^(.*?)_,_to(?:_(\d+))?$", symbol)
    if verb:
        return MULBERRY_PREFIX + "to-" + slug(verb.group(1)) + (f"-{verb.group(2)}" if verb.group(2) else "")
    return MULBERRY_PREFIX + slug(symbol)


class PictureSetMissing(Exception):
    pass


@lru_cache(maxsize=4)
def mulberry_index(root: Path) -> dict[str, Picture]:
    """Every symbol of the Mulberry set, carried or not, from theme/pictures/mulberry/symbols.csv."""
    base = Path(root) / MULBERRY_DIR
    index = Path(root) / MULBERRY_INDEX
    present = set(os.listdir(base)) if base.is_dir() else set()
    out: dict[str, Picture] = {}
    if index.exists():
        with index.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                name = row["name"]
                file = f"{name.removeprefix(MULBERRY_PREFIX)}.svg"
                words = " ".join(filter(None, (name.removeprefix(MULBERRY_PREFIX).replace("-", " ") + ",",
                                               row["category"].lower(), row["keywords"])))
                out[name] = Picture(name, "mulberry", words, base / file if file in present else None,
                                    f"{name}.svg", f"{row['file']}.svg")
    # a carried file that the index does not know (for example from a newer release) is still usable
    for file in sorted(present):
        if file.endswith(".svg") and MULBERRY_PREFIX + file[:-4] not in out:
            name = MULBERRY_PREFIX + file[:-4]
            out[name] = Picture(name, "mulberry", file[:-4].replace("-", " "), base / file, f"{name}.svg")
    return out


@lru_cache(maxsize=4)
def openmoji(root: Path) -> dict[str, Picture]:
    base = Path(root) / PACKAGE
    data_file = base / "data" / "openmoji.json"
    if not data_file.exists():
        raise PictureSetMissing(
            f"The OpenMoji picture set is not installed ({data_file} is missing). Run 'make build' once to install it.")
    entries = json.loads(data_file.read_text(encoding="utf-8"))
    svg_dir = base / "color" / "svg"
    present = set(os.listdir(svg_dir)) if svg_dir.is_dir() else set()  # one listing, not 4,000 look-ups
    out: dict[str, Picture] = {}
    for e in entries:
        if e.get("skintone"):
            continue
        name = slug(e["annotation"])
        if not name or name in out or not name[0].isalpha() or name.startswith(MULBERRY_PREFIX):
            continue
        if f"{e['hexcode']}.svg" in present:  # a few entries (skin-tone bases) ship no picture of their own
            out[name] = Picture(name, "openmoji", e["annotation"], svg_dir / f"{e['hexcode']}.svg", f"{e['hexcode']}.svg")
    return out


@lru_cache(maxsize=4)
def catalogue(root: Path) -> dict[str, Picture]:
    """Every picture a document can use: the carried Mulberry symbols and OpenMoji."""
    out = dict(openmoji(root))
    out.update({n: p for n, p in mulberry_index(root).items() if p.svg is not None})
    return out


def search(root: Path, word: str) -> list[Picture]:
    """Pictures whose name or keywords contain the word: Mulberry first (carried ones before the rest), then OpenMoji."""
    word = word.lower().strip()
    key = slug(word)
    whole = re.compile(rf"\b{re.escape(word)}\b") if word else None

    def hit(p: Picture) -> bool:
        return bool(key) and (key in p.name or word in p.annotation.lower())

    def order(p: Picture):  # whole-word matches first, then carried pictures, then by name
        return (not (whole.search(p.name.replace("-", " ")) or whole.search(p.annotation.lower())), p.svg is None, p.name)

    mulberry = sorted((p for p in mulberry_index(root).values() if hit(p)), key=order)
    return mulberry + sorted((p for p in openmoji(root).values() if hit(p)), key=order)


def search_word(name: str) -> str:
    """A word to search for, from a picture name that was not found: mulberry-to-talk-1 gives talk."""
    words = [w for w in name.removeprefix(MULBERRY_PREFIX).split("-") if w.isalpha() and w != "to"]
    return words[0] if words else name


def unknown_picture(root: Path, name: str, names) -> tuple[str, str]:
    """What to tell an editor about a picture name that no document can use yet: (message, what to do)."""
    from .diagnostics import closest

    known = mulberry_index(root).get(name)
    if known is not None and known.svg is None:
        return (f'The picture "{name}" is in the Mulberry set, but not in this project yet.',
                "Copy it in with: " + how_to_add(root, known).replace("\n", " "))
    near = closest(name, names)
    return (f'There is no picture called "{name}".',
            (f'Did you mean "{near}"? ' if near else "") + f"Find picture names with: charterkit pictures {search_word(name)}")


def find_release(root: Path, given: str | None = None) -> Path | None:
    """The folder of a Mulberry release (with EN/ inside): the one given, or the copy beside the project."""
    for candidate in ([Path(given)] if given else []) + [Path(root) / MULBERRY_BESIDE]:
        if (candidate / "EN").is_dir():
            return candidate.resolve()
    return None


def how_to_add(root: Path, picture: Picture) -> str:
    """The command that copies a Mulberry symbol into the project, and where the set comes from."""
    if find_release(root) is not None:
        return (f"charterkit pictures --add {picture.name}\n(it copies EN/{picture.source_file} from the Mulberry "
                f"Symbols {MULBERRY_RELEASE} beside this project into {MULBERRY_DIR.as_posix()}/)")
    return (f"charterkit pictures --add {picture.name} --from FOLDER\n(FOLDER: the Mulberry Symbols {MULBERRY_RELEASE} "
            f"release, downloaded from {MULBERRY_RELEASE_URL} and unpacked; it copies EN/{picture.source_file} "
            f"into {MULBERRY_DIR.as_posix()}/)")


# ---- safety of a carried SVG --------------------------------------------------------------------------
_ANIMATION = {"set", "animate", "animatemotion", "animatetransform", "discard"}
_EMBEDS = {"script", "foreignobject", "iframe", "embed", "object", "audio", "video", "handler", "listener"}
_CSS_URL = re.compile(r"url\s*\(([^)]*)\)", re.I)
_CSS_LOADS = re.compile(r"@import|expression\s*\(|\\", re.I)
MAX_SVG_BYTES = 1_000_000


def _loads_outside(css: str) -> bool:
    """Whether CSS text loads anything but a #fragment of the same picture (escapes are refused outright)."""
    if _CSS_LOADS.search(css):
        return True
    return any(not m.group(1).strip().strip("'\"").strip().startswith("#") for m in _CSS_URL.finditer(css))


class _Stop(Exception):
    pass


def _local(name: str) -> str:
    """An element or attribute name without its namespace, in lower case ("xlink:href" gives "href")."""
    return name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1].lower()


def check_svg(data: bytes) -> list[tuple[int, str]]:
    """Everything in an SVG file that could run, reach out or read a file: (line, what is wrong) for each.

    Refused: script and foreignObject (and other embedding) elements, animation elements (they can change a
    link while the picture is shown), event attributes (onclick, onload...), href or xlink:href to anything but
    a #fragment in the same file, CSS that loads something (url() to anything but #fragment, @import),
    processing instructions (xml-stylesheet), and document type or entity declarations."""
    from xml.parsers import expat

    if len(data) > MAX_SVG_BYTES:
        return [(1, f"the file is {len(data) // 1000} kB; a picture should be under {MAX_SVG_BYTES // 1000} kB")]
    problems: list[tuple[int, str]] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    in_style = []

    def line() -> int:
        return parser.CurrentLineNumber

    def attr_line(local: str) -> int:
        """The line of an attribute: an element's attributes can be spread over several lines."""
        start_at = parser.CurrentByteIndex
        end_at = data.find(b">", start_at)
        found = re.compile(rb"(?:^|\s)(?:[\w.-]+:)?" + re.escape(local.encode()) + rb"\s*=", re.I).search(
            data, start_at, end_at if end_at > 0 else len(data))
        return data.count(b"\n", 0, found.start() + 1) + 1 if found else line()

    def start(name, attrs):
        shown = name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1]
        tag = shown.lower()
        if tag in _EMBEDS:
            problems.append((line(), f"a <{shown}> element (it can run code or show another page)"))
        if tag in _ANIMATION:
            problems.append((line(), f"an animation element, <{shown}> (it can change what the picture links to)"))
        for attr, value in attrs.items():
            local = _local(attr)
            if local.startswith("on"):
                problems.append((attr_line(local), f'an event attribute "{local}" (it runs code)'))
            elif local in ("href", "src") and not value.strip().startswith("#"):
                shown_value = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in value[:80])
                problems.append((attr_line(local), f'a link to "{shown_value}" ({local} may only point inside the '
                                                   "picture, to #name)"))
            elif _loads_outside(value):
                problems.append((attr_line(local), f'the attribute "{local}" loads something from outside the picture'))
        in_style.append(tag == "style")

    def end(name):
        in_style.pop()

    def text(data):
        if in_style and in_style[-1] and _loads_outside(data):
            problems.append((line(), "a style that loads something from outside the picture (url() or @import)"))

    def doctype(*_):
        problems.append((line(), "a document type declaration (<!DOCTYPE ...>), which can define entities"))
        raise _Stop  # read no further: its entities could make the file huge once expanded

    def entity(*_):
        problems.append((line(), "an entity declaration (<!ENTITY ...>)"))

    def instruction(target, _data):
        problems.append((line(), f"a processing instruction <?{target} ...?> (it can load a style sheet)"))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.ProcessingInstructionHandler = instruction
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except _Stop:
        pass
    except expat.ExpatError as exc:
        problems.append((exc.lineno, f"it is not well-formed SVG ({expat.ErrorString(exc.code)})"))
    return problems


def carried_files(root: Path) -> list[Path]:
    base = Path(root) / MULBERRY_DIR
    return sorted(p for p in base.iterdir() if p.suffix.lower() == ".svg") if base.is_dir() else []


def add_symbol(root: Path, name: str, source: str | None = None) -> int:
    """`charterkit pictures --add NAME`: copy one Mulberry symbol from a release folder into the project,
    after checking that it is safe. Prints what it did, or what to do; returns the exit code."""
    import sys

    root = Path(root)
    known = mulberry_index(root)
    picture = known.get(name) or known.get(MULBERRY_PREFIX + name)
    if picture is None or picture.set != "mulberry" or not picture.source_file:
        print(f'"{name}" is not a Mulberry symbol. Find names with: charterkit pictures WORD', file=sys.stderr)
        return 1
    if picture.svg is not None:
        print(f"{picture.name} is already in the project ({picture.svg.relative_to(root).as_posix()}).")
        return 0
    release = find_release(root, source)
    if release is None:
        print(f"Cannot find the Mulberry Symbols release. Download release {MULBERRY_RELEASE} from "
              f"{MULBERRY_RELEASE_URL}, unpack it, and give its folder with --from FOLDER.", file=sys.stderr)
        return 1
    src = release / "EN" / picture.source_file
    if not src.is_file():
        print(f"{src} is missing: is {release} the Mulberry Symbols {MULBERRY_RELEASE} release?", file=sys.stderr)
        return 1
    data = src.read_bytes()
    problems = check_svg(data)
    if problems:
        for line, what in problems:
            print(f"{src}:{line}: the picture has {what}.", file=sys.stderr)
        print("It was not copied. Choose another picture.", file=sys.stderr)
        return 1
    target = root / MULBERRY_DIR / picture.asset.removeprefix(MULBERRY_PREFIX)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    mulberry_index.cache_clear()
    catalogue.cache_clear()
    print(f"Copied {src.name} to {target.relative_to(root).as_posix()}. Use it in a point as: picture: {picture.name}")
    return 0


# ---- lighter pictures for the website -------------------------------------------------------------------
#: A picture's path coordinates are rounded to a step of at most 1/SITE_STEPS of its width or height (the
#: larger): 0.1 of a unit for a Mulberry symbol (850 units), 0.01 for an OpenMoji (72 units). An easy-read
#: picture is shown at most 120 CSS pixels wide, 480 screen pixels at 400% zoom: a point moves at most 0.05
#: of a screen pixel there, 0.025 at 200%.
SITE_STEPS = 5000
#: Part of the key of the rounded pictures kept between builds: change it when round_path_data() changes.
COMPACT_VERSION = "1"
_NUMBER = re.compile(rb"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_SEPARATORS = re.compile(rb"[\s,]*")
_ARITY = {b"m": 2, b"l": 2, b"t": 2, b"h": 1, b"v": 1, b"c": 6, b"s": 4, b"q": 4, b"a": 7, b"z": 0}
_VIEWBOX = re.compile(rb'<svg\b[^>]*?\sviewBox\s*=\s*["\']\s*([-+.\deE]+)[\s,]+([-+.\deE]+)[\s,]+([-+.\deE]+)[\s,]+'
                      rb'([-+.\deE]+)\s*["\']')
_TAG = re.compile(rb"<[A-Za-z][^>]*>")
_PATH_DATA = re.compile(rb'(\sd\s*=\s*)(["\'])(.*?)\2', re.S)
#: In a picture with any of these, a unit may be longer than its viewBox says: such a picture is left as it is.
_SCALED = re.compile(rb"transform|<svg\b.*<svg\b|<symbol\b|<use\b|<pattern\b|<marker\b", re.S | re.I)


def _path_segments(d: bytes) -> list[tuple[bytes, list[float]]] | None:
    """The commands of SVG path data with their numbers ([(b"c", [6 numbers]), ...]), the implicit repeats of a
    command given their own entry (after a move, a line); None if it is not path data this can read."""
    out: list[tuple[bytes, list[float]]] = []
    i, n = _SEPARATORS.match(d, 0).end(), len(d)
    while i < n:
        cmd = d[i:i + 1]
        arity = _ARITY.get(cmd.lower())
        if arity is None or (not out and cmd.lower() != b"m"):
            return None
        i = _SEPARATORS.match(d, i + 1).end()
        if arity == 0:
            out.append((cmd, []))
            continue
        while True:
            numbers = []
            for k in range(arity):
                if arity == 7 and k in (3, 4):  # an arc's two flags: one character each, maybe unseparated
                    if d[i:i + 1] not in (b"0", b"1"):
                        return None
                    numbers.append(float(d[i:i + 1]))
                    i = _SEPARATORS.match(d, i + 1).end()
                    continue
                found = _NUMBER.match(d, i)
                if not found:
                    return None
                numbers.append(float(found.group()))
                i = _SEPARATORS.match(d, found.end()).end()
            out.append((cmd, numbers))
            if cmd in (b"M", b"m"):
                cmd = b"L" if cmd == b"M" else b"l"
            if i >= n or not _NUMBER.match(d, i):
                break
    return out


def _number(value: float, places: int) -> bytes:
    text = f"{value:.{places}f}".rstrip("0").rstrip(".") if places > 0 else str(int(round(value)))
    if text in ("-0", ""):
        text = "0"
    if text.startswith("0."):
        text = text[1:]
    elif text.startswith("-0."):
        text = "-" + text[2:]
    return text.encode()


def round_path_data(d: bytes, places: int) -> bytes | None:
    """Path data with every point rounded to `places` decimals of its absolute position (a relative step is
    written as the difference of two rounded positions, so that rounding never adds up along a path), written
    as briefly as SVG allows; None if the data cannot be read (then it is left as it is)."""
    segments = _path_segments(d)
    if segments is None:
        return None

    def r(v: float) -> float:
        return round(v, places) + 0.0  # (+ 0.0: no "-0")

    true_x = true_y = true_sx = true_sy = 0.0  # where the original path is, and where its subpath began
    x = y = sx = sy = 0.0  # the same for the rounded path
    out = bytearray()
    previous = b""  # the last number written ("" after a command letter)
    last = b""  # the command that a number with no letter before it would repeat
    for cmd, numbers in segments:
        lower = cmd.lower()
        relative = cmd != cmd.upper()
        bx, by = (true_x, true_y) if relative else (0.0, 0.0)  # where the original numbers count from
        ox, oy = (x, y) if relative else (0.0, 0.0)  # where the written numbers count from
        written: list[bytes] = []
        if lower == b"z":
            true_x, true_y, x, y = true_sx, true_sy, sx, sy
        elif lower in (b"h", b"v"):
            true = (bx if lower == b"h" else by) + numbers[0]
            at = r(true)
            written.append(_number(r(at - (ox if lower == b"h" else oy)), places))
            if lower == b"h":
                true_x, x = true, at
            else:
                true_y, y = true, at
        else:
            pairs = list(zip(numbers[0::2], numbers[1::2])) if lower != b"a" else [tuple(numbers[5:])]
            if lower == b"a":
                rx, ry, rotation, large, sweep = numbers[:5]
                written += [_number(r(abs(rx)), places), _number(r(abs(ry)), places), _number(rotation, 6),
                            b"1" if large else b"0", b"1" if sweep else b"0"]
            for px, py in pairs:
                true_x, true_y = bx + px, by + py
                x, y = r(true_x), r(true_y)
                written += [_number(r(x - ox), places), _number(r(y - oy), places)]
            if lower == b"m":
                true_sx, true_sy, sx, sy = true_x, true_y, x, y
        if lower == b"z" or not (cmd == last or (last, cmd) in ((b"M", b"L"), (b"m", b"l"))):
            out += cmd
            previous = b""
        for word in written:
            if previous and not (word.startswith(b"-") or (word.startswith(b".") and b"." in previous)):
                out += b" "
            out += word
            previous = word
        last = b"L" if cmd == b"M" else b"l" if cmd == b"m" else cmd
    return bytes(out)


def _svg_places(data: bytes) -> int | None:
    """Decimals to round a picture's coordinates to (SITE_STEPS), from its viewBox; None: leave it as it is."""
    import math

    box = _VIEWBOX.search(data)
    if not box or _SCALED.search(data):
        return None
    try:
        size = max(abs(float(box.group(3))), abs(float(box.group(4))))
    except ValueError:
        return None
    if not size > 0:
        return None
    return max(0, min(6, math.ceil(math.log10(SITE_STEPS / size))))


@lru_cache(maxsize=512)
def _compact(data: bytes) -> bytes:
    from xml.parsers import expat

    places = _svg_places(data)
    if places is None:
        return data

    def path(match):
        rounded = round_path_data(match.group(3), places)
        if rounded is None or len(rounded) >= len(match.group(3)):
            return match.group(0)
        return match.group(1) + match.group(2) + rounded + match.group(2)

    out = _TAG.sub(lambda tag: _PATH_DATA.sub(path, tag.group(0)), data)
    try:
        expat.ParserCreate().Parse(out, True)
    except expat.ExpatError:
        return data  # (cannot happen: only path data changed; but never publish a broken picture)
    return out


def compact_svg(data: bytes) -> bytes:
    """An SVG picture for the website with its path coordinates rounded to what no screen shows (SITE_STEPS):
    a Mulberry symbol is about a tenth smaller. Only path data (d="...") changes; a picture whose units may be
    scaled inside it (transform, nested svg, use, symbol, pattern, marker), or whose path data cannot be read,
    is left as it is. Printed packs round their own drawings (print/weasyprint_engine/patches.py)."""
    return _compact(bytes(data))


def site_picture(source: Path, cache_dir: Path | None = None) -> bytes:
    """The bytes to publish for a picture file: an SVG made lighter by compact_svg() (kept in cache_dir, under
    a hash of the file and of the rounding, as rounding a hundred pictures takes a second or two), any other
    file as it is."""
    import hashlib

    data = Path(source).read_bytes()
    if Path(source).suffix.lower() != ".svg":
        return data
    key = hashlib.sha256(data + f"\0{SITE_STEPS}:{COMPACT_VERSION}".encode()).hexdigest()[:24]
    cached = Path(cache_dir) / "pictures" / f"{key}.svg" if cache_dir else None
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    out = compact_svg(data)
    if cached is not None:
        write_whole(cached, out)
    return out
