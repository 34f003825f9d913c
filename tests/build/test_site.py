"""The default site: URL scheme, every document and item, crosswalks both ways, the about part, the root page."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from generator.diagnostics import Report
from generator.model.corpus import walk_items
from generator.validate.project import load_project

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def corpus():
    report = Report()
    c = load_project(ROOT, report)
    assert c is not None, report.format()
    return c


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.resources: list[tuple[str, str]] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        for attr in ("src", "data-src", "poster"):
            if a.get(attr):
                self.resources.append((tag, a[attr]))
        if tag == "link" and a.get("href") and a.get("rel") not in ("alternate", "canonical"):
            self.resources.append((tag, a["href"]))
        if a.get("srcset"):
            self.resources.append((tag, a["srcset"]))


def parse(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def page(site: Path, lang: str, *parts: str) -> Path:
    return site.joinpath(lang, *parts, "index.html")


def test_every_document_and_item_has_its_page(built_site, corpus):
    assert corpus.documents
    item_pages = 0
    for doc in corpus.documents:
        assert page(built_site, "en", doc.id).exists(), doc.id
        for loc in walk_items(doc):
            if corpus.has_page(doc, loc.item):
                assert page(built_site, "en", doc.id, loc.item.id).exists(), (doc.id, loc.item.id)
                item_pages += 1
    assert item_pages >= 12 + 13  # the JIAS statements and the integration principles at least


def test_statements_and_principles_have_pages(built_site):
    for n in range(1, 13):
        assert page(built_site, "en", "jias-engagement-framework", f"statement-{n}").exists()
    for p in ["a"] + [f"b-{r}" for r in "i ii iii iv v vi vii viii ix x xi xii".split()]:
        assert page(built_site, "en", "integration-principles", f"principle-{p}").exists()


def _hrefs_to(path: Path, site: Path) -> set[Path]:
    """The pages a page links to, as files in the site."""
    out = set()
    base = "http://x/" + str(path.relative_to(site)).replace("\\", "/")
    for href in parse(path).links:
        url = urlparse(urljoin(base, href))
        if url.netloc != "x":
            continue
        target = site / url.path.lstrip("/")
        if target.is_dir() or not target.suffix:
            target = target / "index.html"
        out.add(target.resolve())
    return out


def test_crosswalks_link_both_ways(built_site, corpus):
    checked = 0
    for doc in corpus.documents:
        for loc in walk_items(doc):
            for target_doc, targets in loc.item.maps_to.items():
                src_page = page(built_site, "en", doc.id, loc.item.id)
                for target in targets:
                    tgt_page = page(built_site, "en", target_doc, target)
                    assert tgt_page.exists()
                    if src_page.exists():
                        assert tgt_page.resolve() in _hrefs_to(src_page, built_site), (doc.id, loc.item.id, target)
                        assert src_page.resolve() in _hrefs_to(tgt_page, built_site), (target_doc, target, loc.item.id)
                    else:  # item shown inline on its document's page
                        linked = {p.parent for p in _hrefs_to(tgt_page, built_site)}
                        assert page(built_site, "en", doc.id).parent.resolve() in linked
                    checked += 1
    assert checked >= 100  # JIAS alone has well over 100 mappings


def test_every_reference_entry_has_a_crosswalk_page(built_site, corpus):
    for doc_id in ("health-wellbeing-outcomes", "care-standards", "jias-quality-indicators"):
        doc = corpus.document(doc_id)
        entries = list(walk_items(doc))
        assert entries, f"{doc_id} has no entries"
        for loc in entries:
            html = page(built_site, "en", doc_id, loc.item.id).read_text(encoding="utf-8")
            assert 'id="linked-from"' in html


def test_matrix_tables_are_accessible(built_site, corpus):
    pairs = corpus.mapping_pairs()
    assert len(pairs) >= 4
    for source, target in pairs:
        html = page(built_site, "en", "crosswalks", f"{source.id}--{target.id}").read_text(encoding="utf-8")
        assert "<caption>" in html
        assert '<th scope="col"' in html and '<th scope="row"' in html
        assert 'role="region"' in html and 'tabindex="0"' in html
        rows = re.findall(r'<th scope="row">', html)
        expected = sum(1 for loc in walk_items(source) if target.id in loc.item.maps_to)
        assert len(rows) == expected
        yes = html.count('class="ck-yes"')
        assert yes == sum(len(loc.item.maps_to[target.id]) for loc in walk_items(source) if target.id in loc.item.maps_to)


def test_about_this_document_shows_source_publisher_licence(built_site, corpus):
    import html as htmlmod

    assert corpus.documents
    for doc in corpus.documents:
        text = htmlmod.unescape(page(built_site, "en", doc.id).read_text(encoding="utf-8"))
        assert 'id="about-this-document"' in text
        from generator.model.dates import reader_date

        # the date as readers write it ("9 March 2022", issue #12), never 2022-03-09
        for value in (doc.source.publisher, doc.source.licence, reader_date(doc.source.date, "en")):
            assert " ".join(value.split()) in " ".join(text.split()), (doc.id, value)
        if doc.source.review_date:
            assert reader_date(doc.source.review_date, "en") in text


def _glossary_sections(sections):
    for section in sections:
        if section.glossary:
            yield section
        yield from _glossary_sections(getattr(section, "sections", None) or [])


def test_glossary_accessibility_and_formats_pages(built_site, corpus):
    glossary = page(built_site, "en", "glossary").read_text(encoding="utf-8")
    assert '<dl class="ck-glossary">' in glossary
    assert len(corpus.glossary.terms) >= 30
    for term in corpus.glossary.terms:  # every word of the site's word list, with its own anchor
        assert f'<dt id="{term.id}">' in glossary, term.id
    terms = [(doc, item) for doc in corpus.documents for section in _glossary_sections(doc.sections)
             for item in section.items]
    assert terms, "the default content has glossary sections"
    for doc, item in terms:  # a document's own glossary stays on its page, under its own anchor
        text = page(built_site, "en", doc.id).read_text(encoding="utf-8")
        assert item.title and f"<dt>{html.escape(item.title, quote=True)}</dt>" in text, item.id
    access = page(built_site, "en", "accessibility").read_text(encoding="utf-8")
    assert corpus.config.contact.email in access
    formats = page(built_site, "en", "other-formats").read_text(encoding="utf-8")
    assert corpus.config.other_formats
    for fmt in corpus.config.other_formats:
        assert fmt.name in formats
    assert page(built_site, "en", "sitemap").exists()
    assert (built_site / "en" / "sitemap.xml").exists()
    assert (built_site / "sitemap.xml").exists()


def test_root_page_sends_readers_to_their_language(built_site, corpus):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert corpus.config.languages
    for lang in corpus.config.languages:
        assert f'href="{lang.code}/"' in html
        assert f'hreflang="{lang.code}"' in html
    assert 'hreflang="x-default"' in html
    assert "location.replace" in html


def test_pages_have_lang_and_dir_on_html(built_site, corpus):
    assert len(corpus.config.languages) >= 2
    for lang in corpus.config.languages:
        pages = list((built_site / lang.code).rglob("*.html"))
        assert len(pages) > 50, f"{lang.code}: only {len(pages)} pages"
        for f in pages:
            head = f.read_text(encoding="utf-8")[:400]
            assert f'<html lang="{lang.code}" dir="{lang.dir}"' in head, f


def test_no_page_asks_another_host_for_anything(built_site):
    offenders = []
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 100
    for f in pages:
        p = parse(f)
        for tag, url in p.resources:
            for part in url.split(","):
                u = part.strip().split(" ")[0]
                if urlparse(u).scheme in ("http", "https") or u.startswith("//"):
                    offenders.append((str(f.relative_to(built_site)), tag, u))
    assets = list(built_site.rglob("*.css")) + list(built_site.rglob("*.js"))
    assert assets
    for f in assets:
        text = f.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", text):
            offenders.append((str(f.relative_to(built_site)), "css", m.group(1)))
        for m in re.finditer(r"@import\s+['\"]((?:https?:)?//[^'\"]+)", text):
            offenders.append((str(f.relative_to(built_site)), "import", m.group(1)))
    assert offenders == []


def test_fonts_are_self_hosted(built_site):
    fonts = list(built_site.rglob("*.woff2"))
    assert fonts, "the site should carry its own font files"
    css = "\n".join(f.read_text(encoding="utf-8") for f in built_site.rglob("*.css"))
    assert "@font-face" in css
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


def test_no_broken_links_anchors_or_third_party_requests_in_any_language(built_site):
    from generator.check.links import check_site

    report = Report()
    figures = check_site(built_site, report)
    assert report.errors == [], report.format()
    assert figures["links"] > 1000


def test_left_to_right_labels_keep_their_order_on_right_to_left_pages(built_site):
    """An item number such as "(b)(v)" on an Arabic page is isolated from the right-to-left words around it
    (else it reads ")v()b("): <bdi dir="ltr"> in the page's HTML (headings, links), Unicode isolates in the
    plain-text places (the page title, the menus). Phone-number links keep their digits in order too."""
    import re

    page = (built_site / "ar" / "integration-principles" / "principle-b-v" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h1 id="[^"]+"><bdi dir="ltr">\(b\)\(v\)</bdi> ', page), "the heading's label is not isolated"
    assert "<title>\u2066(b)(v)\u2069 " in page, "the page title's label is not isolated"
    copies = [m.start() for m in re.finditer(re.escape("(b)(v)"), page)]
    assert len(copies) >= 4  # title, header, menu, heading (and links to it)
    for at in copies:
        before = page[:at]
        assert before.endswith(("\u2066", '<bdi dir="ltr">')), f"not isolated: ...{page[at - 80:at + 20]!r}"
    # a left-to-right page is left as it was
    english = (built_site / "en" / "integration-principles" / "principle-b-v" / "index.html").read_text(encoding="utf-8")
    assert "(b)(v)" in english and "\u2066" not in english and "<bdi" not in english
    # phone numbers: the digits of a tel: link stay in order in right-to-left text
    easy_read = (built_site / "ar" / "north-yorkshire-involvement-charter" / "easy-read" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a [^>]*href="tel:[^"]*"[^>]*>', easy_read)
    assert links, "no phone link found on the Arabic North Yorkshire easy read"
    assert all('dir="ltr"' in link for link in links), links


def test_latin_names_inside_translated_labels_keep_their_order_on_right_to_left_pages(built_site):
    """A place or a title in Latin letters put into a translated label ("North Yorkshire" in where the
    document applies, the original's title in the origin notes) is isolated on an Arabic page: otherwise its
    brackets and words are laid out by the Arabic around it ("Involvement Framework (with ..." read back to
    front). On the English page the same label has no isolation."""
    arabic = (built_site / "ar" / "north-yorkshire-involvement-charter" / "index.html").read_text(encoding="utf-8")
    # (and marked as English, so a screen reader reads it with an English voice)
    assert '<bdi lang="en" dir="ltr">North Yorkshire</bdi>، ' in arabic, "the area in where it applies is not isolated"
    # the original's title is a citation kept in English: its own element with dir="ltr" isolates it as <bdi> does
    assert ('<cite lang="en" dir="ltr" translate="no">Involvement Framework (with the Health and Adult Services '
            'Involvement Charter)</cite>') in arabic
    english = (built_site / "en" / "north-yorkshire-involvement-charter" / "index.html").read_text(encoding="utf-8")
    assert "North Yorkshire" in english and "<bdi" not in english
