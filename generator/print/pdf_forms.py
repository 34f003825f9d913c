"""PDF form fields in the engagement tools' packs (issue 18): what WeasyPrint 70 gets wrong, mended here.

The survey, easy-read survey and workbook templates (theme/print/) write every answer space as an HTML form
control: a radio button per answer (name = the field ID, value = the answer code, title = the question), a
<textarea> for comments and an <input type="text"> for a line to write on. The field IDs and answer codes are
the ones the XLSForm and the codebook use (generator/collect/fields.py, model.tools.field_id), so answers from
paper, from a filled-in PDF and from ODK or KoboToolbox line up. WeasyPrint renders them with pdf_forms=True
as AcroForm fields: /T is the name attribute, /TU (the accessible name) the title attribute (there is no <form>
element, so WeasyPrint does not look for a <label>), and each widget gets a /Form structure element with an
/OBJR, and /Tabs /S on its page. The boxes and lines are still drawn by the pack's CSS, so they print.

What WeasyPrint 70 gets wrong, and what fix() does about it (measured in /work/research/i16/REPORT.md, section 2):
1. A radio group's buttons (its /Kids) are also listed in /AcroForm /Fields, each with its own /T, /TU and /V,
   so a viewer sees a second, phantom field "statement_1.statement_1". Here the kids are pure widgets: they
   leave /Fields and lose /T, /TU and /V.
2. A radio group split over two pages becomes two fields with the same name whose buttons both have the
   on-state /0 (WeasyPrint keeps its groups per page). Here the second is merged into the first, its buttons'
   on-states renamed so every answer of the group has its own.
3. A radio button's on-state is its place in the group (/0, /1, ...), not the answer code, and /Opt holds the
   codes. Here each on-state is named by its code (/1 ... /5, /98, /99), so the value a viewer exports is the
   codebook's code.
4. Text fields in a right-to-left pack are left-aligned (/Q missing). Here /Q 2 (right) is set when the
   pack's language is written right to left.
5. A radio button's only name is its code: the group's /TU is the question, but nothing says which answer each
   button is, so a screen reader reads the question, then "1", "2"... Here each button gets its answer's words
   (the text of its <label for>, as printed beside the box, in the pack's language) in two places: the /Alt
   of its /Form structure element (what PDF/UA-1 7.18.1 names for a widget's description, read from the
   structure tree by Acrobat and screen readers) and the /TU of its widget (what pdf.js, Firefox's viewer,
   reads as a radio button's name: it looks for /TU on the widget itself, not on the group). /Opt and the
   on-states keep the codes, so the exported values stay the codebook's.
6. Nothing checks the names: a control without a name gets "unknown-<n>-<i>", and one without a title gets
   its name as /TU. problems() lists every field with no name, a name used twice, or no accessible name.

fill_css(document) makes the last writing box on each page taller, in whole lines, to use the space left at
the foot of the page (a page break that leaves a third of the page blank leaves it for writing instead);
pdf_engine.render() lays the pack out again with that CSS, keeping the first layout if the pages change.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

#: The distance between the ruled lines of a writing box (theme/print/print.css, .ck-write), in CSS pixels.
LINE_PITCH_PX = 8 / 25.4 * 96
#: Room kept under a grown box for the bottom margins of the sections around it (8 mm), in CSS pixels.
MARGIN_ROOM_PX = 8 / 25.4 * 96
#: Field IDs are lowercase letters, digits and "_" (model.tools.field_id); only such IDs are written into CSS.
_SAFE_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
RTL_LANGS = ("ar", "ur", "fa", "ps", "he", "yi", "ku", "sd", "ug")


# ---- 1. filling the page ---------------------------------------------------------------------------------

def _boxes(box):
    """Every box under box, without the page's margin boxes (running header and footer)."""
    from weasyprint.formatting_structure import boxes

    box = getattr(box, "_box", box)  # AbsolutePlaceholder -> the box it holds
    if isinstance(box, boxes.MarginBox):
        return
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def _ink_bottom(box):
    """Where a box's own drawing ends on the page (CSS px from the page's top), or None. Only lines of text and
    boxes with nothing inside count: a block split over pages reaches to the foot of the page."""
    from weasyprint.formatting_structure import boxes

    if not (isinstance(box, (boxes.LineBox, boxes.ReplacedBox)) or not getattr(box, "children", None)):
        return None
    try:
        return box.position_y + box.border_height()
    except (TypeError, AttributeError):
        return None


def fill_css(document) -> str:
    """CSS that makes the last writing box (<textarea class="ck-write">) on each page taller by the whole lines
    of space left under the page's content. "" when no page has a line to spare."""
    rules = []
    for page in document.pages:
        page_box = page._page_box
        bottom_limit = page_box.content_box_y() + page_box.height
        lowest = None
        last = None
        for box in _boxes(page_box):
            if box is page_box:
                continue
            bottom = _ink_bottom(box)
            if bottom is not None:
                lowest = bottom if lowest is None else max(lowest, bottom)
            element = getattr(box, "element", None)
            if (element is not None and element.tag == "textarea" and "ck-write" in element.get("class", "").split()
                    and box.element_tag == "textarea" and _SAFE_ID.match(element.get("id", ""))):
                if last is None or box.position_y >= last.position_y:
                    last = box
        if last is None or lowest is None:
            continue
        # keep the box's own bottom margin and the margins of what holds it (a few mm) on the page: a box that
        # reached the foot of the page with its margins would be moved to the next page
        spare = bottom_limit - lowest - (last.margin_bottom or 0) - MARGIN_ROOM_PX
        lines = int(spare // LINE_PITCH_PX)
        if lines >= 1:
            height = last.height + lines * LINE_PITCH_PX
            rules.append(f"#{last.element.get('id')} {{ height: {height:.2f}px; }}")
    return "\n".join(rules) + ("\n" if rules else "")


def is_rtl(lang: str) -> bool:
    return lang.split("-")[0].lower() in RTL_LANGS


class _Labels(HTMLParser):
    """The radio buttons of a pack's HTML and the words of each <label for="...">."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.radios: list[tuple[str, str, str]] = []  # (name, value, id)
        self.labels: dict[str, list[str]] = {}
        self._open: list[str] = []  # the for= of each <label> open now ("" for one without)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and (a.get("type") or "").lower() == "radio" and a.get("name"):
            self.radios.append((a["name"], a.get("value") or "Yes", a.get("id") or ""))
        elif tag == "label":
            self._open.append(a.get("for") or "")
            if self._open[-1]:
                self.labels.setdefault(self._open[-1], [])

    def handle_endtag(self, tag):
        if tag == "label" and self._open:
            self._open.pop()

    def handle_data(self, data):
        for target in self._open:
            if target:
                self.labels[target].append(data)


def option_words(html: str) -> dict[tuple[str, str], str]:
    """{(field name, answer code): the words of its label} for every radio button of a pack's HTML with a
    <label for> that has words (a picture's alt text is not part of them: only what is printed)."""
    parser = _Labels()
    parser.feed(html)
    parser.close()
    out = {}
    for name, value, ident in parser.radios:
        words = " ".join("".join(parser.labels.get(ident, [])).split()) if ident else ""
        if words:
            out[(name, value)] = words
    return out


def _tagged_widgets(pdf):
    """(the /Form structure element, a widget it holds through its /OBJR), in the structure tree's reading order:
    the one walk form_elements and tagged_fields share."""
    import pikepdf

    from .pdf_structure import struct_elements

    for element, _ in struct_elements(pdf):
        if element.get("/S") != "/Form":
            continue
        kids = element.get("/K")
        for kid in (list(kids) if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR" and "/Obj" in kid:
                yield element, kid.Obj


def form_elements(pdf) -> dict:
    """{a widget's (object, generation): the /Form structure element that holds it (through its /OBJR)}."""
    return {widget.objgen: element for element, widget in _tagged_widgets(pdf)}


def fix(pdf, words: dict[tuple[str, str], str] | None = None) -> dict:
    """Mend the AcroForm of an open pikepdf.Pdf in place (see the module's docstring, 1-5). words: each radio
    button's words, {(field name, answer code): words} (option_words()). Returns counts."""
    import pikepdf
    from pikepdf import Array, Name, String

    acro = pdf.Root.get("/AcroForm")
    stats = {"fields": 0, "radio_groups": 0, "groups_merged": 0, "kids_unlisted": 0, "buttons_named": 0}
    if acro is None or "/Fields" not in acro:
        return stats
    rtl = is_rtl(str(pdf.Root.get("/Lang", "")))
    fields = list(acro.Fields)
    kid_ids = {k.objgen for f in fields for k in f.get("/Kids", [])}
    groups: dict[str, pikepdf.Dictionary] = {}
    top = []
    for f in fields:
        if f.objgen in kid_ids:
            stats["kids_unlisted"] += 1
            continue
        name = str(f.get("/T", ""))
        if "/Kids" in f:
            if name in groups:  # the same group, continued on another page
                first = groups[name]
                for n, kid in enumerate(list(f.Kids)):
                    kid.Parent = first
                    first.Kids.append(kid)
                    first.Opt.append(f.Opt[n])
                if str(f.get("/V", "/Off")) != "/Off":
                    first.V = f.V
                stats["groups_merged"] += 1
                continue
            groups[name] = f
        top.append(f)
    elements = form_elements(pdf) if words else {}
    for name, group in groups.items():
        stats["radio_groups"] += 1
        codes = [str(c) for c in group.Opt]
        states = {}
        for n, kid in enumerate(group.Kids):
            for key in ("/T", "/TU", "/V"):
                if key in kid:
                    del kid[key]
            code = codes[n] if n < len(codes) and _SAFE_ID.match("c" + codes[n]) else str(n)
            states[n] = code
            normal = kid.get("/AP", {}).get("/N") if "/AP" in kid else None
            if isinstance(normal, pikepdf.Dictionary):
                on = [k for k in normal.keys() if k != "/Off"]
                if len(on) == 1 and on[0] != f"/{code}":
                    stream = normal[on[0]]
                    del normal[on[0]]
                    normal[Name(f"/{code}")] = stream
                    if str(kid.get("/AS")) == on[0]:
                        kid.AS = Name(f"/{code}")
            said = (words or {}).get((name, code))
            if said:  # the answer's words, where screen readers and viewers look for them (5)
                kid.TU = String(said)
                if kid.objgen in elements:
                    elements[kid.objgen].Alt = String(said)
                stats["buttons_named"] += 1
        if str(group.get("/V", "/Off")) != "/Off":
            # a pre-ticked answer: WeasyPrint names it by its place, the kids now by their code
            old = str(group.V)[1:]
            group.V = Name(f"/{states.get(int(old), old)}") if old.isdigit() else group.V
    for f in top:
        stats["fields"] += 1
        if rtl and f.get("/FT") == "/Tx":
            f.Q = 2
    acro.Fields = Array(top)
    for page in pdf.pages:
        if len(page.obj.get("/Annots", [])):
            page.obj.Tabs = Name.S
    return stats


def mend(data: bytes, html: str = "") -> bytes:
    """The PDF bytes with their form fields mended by fix() (html: the pack's HTML, where each radio button's
    words are found); the same input gives the same bytes."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        fix(pdf, option_words(html) if html else None)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def fields(pdf) -> list[dict]:
    """Every form field of an open pikepdf.Pdf, in /AcroForm /Fields order: name, type ("radio", "text" or
    "checkbox"), accessible name (/TU), answer codes (radio groups), and each widget's page (from 0) and
    rectangle [x0, y0, x1, y1] in PDF points, and (radio buttons) its own words: the widget's /TU and its /Form
    structure element's /Alt ("" when it has none)."""
    acro = pdf.Root.get("/AcroForm")
    if acro is None:
        return []
    pages = {p.objgen: n for n, p in enumerate(pdf.pages)}
    elements = form_elements(pdf)
    out = []
    for f in acro.get("/Fields", []):
        kids = list(f.get("/Kids", [])) or [f]
        ft = str(f.get("/FT", ""))
        flags = int(f.get("/Ff", 0))
        kind = "text" if ft == "/Tx" else ("radio" if ft == "/Btn" and flags & (1 << 15) else
                                           "checkbox" if ft == "/Btn" else ft.strip("/").lower())
        widgets = []
        for kid in kids:
            page = kid.get("/P")
            widgets.append({"page": pages.get(page.objgen) if page is not None else None,
                            "rect": [float(v) for v in kid.get("/Rect", [0, 0, 0, 0])],
                            "state": next((str(k)[1:] for k in kid.get("/AP", {}).get("/N", {}).keys()
                                           if k != "/Off"), None) if "/AP" in kid else None,
                            "tu": str(kid.get("/TU", "")) if kid is not f else "",
                            "alt": str(elements[kid.objgen].get("/Alt", "")) if kid.objgen in elements else ""})
        out.append({"name": str(f.get("/T", "")), "type": kind, "tu": str(f.get("/TU", "")),
                    "codes": [str(c) for c in f.get("/Opt", [])], "widgets": widgets,
                    "kid_names": [str(k.get("/T")) for k in kids if k is not f and "/T" in k],
                    "q": int(f.get("/Q", 0))})
    return out


def problems(pdf) -> list[str]:
    """What is wrong with the form fields of an open pikepdf.Pdf, in plain words (6 in the module's docstring,
    and the faults fix() mends, should one come back)."""
    found = []
    listed = fields(pdf)
    names = [f["name"] for f in listed]
    for f in listed:
        name = f["name"]
        if not name or name.startswith("unknown-"):
            found.append(f"a form field has no name (WeasyPrint called it {name!r}): give the control a name")
        if names.count(name) > 1:
            found.append(f"the form field name {name!r} is used by {names.count(name)} fields")
        if not f["tu"].strip() or f["tu"] == name:
            found.append(f"form field {name!r} has no accessible name (/TU): screen readers read only its ID")
        if f["kid_names"]:
            found.append(f"the buttons of radio group {name!r} are fields of their own (phantom fields)")
        if f["type"] == "radio" and f["codes"] and [w["state"] for w in f["widgets"]] != f["codes"]:
            found.append(f"the buttons of radio group {name!r} are not named by their answer codes")
        if f["type"] == "radio":
            bare = [w["state"] for w in f["widgets"]
                    if not w["tu"].strip() or not w["alt"].strip() or w["tu"] in (w["state"], "") or w["alt"] != w["tu"]]
            if bare:
                found.append(f"the tick boxes of radio group {name!r} have no words of their own (only their codes "
                             f"{', '.join(map(str, bare))}): in the print template, give each tick box a label with "
                             "its answer's words")
    acro = pdf.Root.get("/AcroForm")
    if acro is not None and is_rtl(str(pdf.Root.get("/Lang", ""))):
        if any(f["type"] == "text" and f["q"] != 2 for f in listed):
            found.append("text fields in a right-to-left pack are not aligned right (/Q 2)")
    untagged = len(widgets(pdf)) - len(tagged_fields(pdf, names_only=False))
    if listed and untagged:
        found.append(f"{untagged} form field boxes are not in the structure tree (each needs a Form element "
                     "with an OBJR), so screen readers cannot reach them")
    return found


def widgets(pdf) -> list:
    """Every widget annotation on the pages."""
    return [a for page in pdf.pages for a in page.obj.get("/Annots", []) if a.get("/Subtype") == "/Widget"]


def tagged_fields(pdf, names_only: bool = True) -> list:
    """The widgets reached from Form structure elements (through their /OBJR), in the structure tree's reading
    order: with names_only, the name of each one's field, once per field (a radio group's buttons give one
    name); otherwise the widgets."""
    out = [widget for _, widget in _tagged_widgets(pdf)]
    if not names_only:
        return out
    names: list[str] = []
    for widget in out:
        field = widget if "/T" in widget else widget.get("/Parent")
        name = str(field.get("/T", "")) if field is not None else ""
        if not names or names[-1] != name:
            names.append(name)
    return names
