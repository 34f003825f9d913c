"""A source document's title, publisher and address are names a reader needs in their original words to find the
document (issue #13): pages and packs in every language show them in English, marked lang="en" translate="no"
(dir="ltr" inside right-to-left text), the title in a <cite> with "(in English)" in the reader's words. The notes
this site wrote about a source (copyright notes, permissions, address and date notes) are translated."""
from __future__ import annotations

import re
import pytest

from generator.markup.escape import md_inline
from generator.markup.lang import cited

DIRS = {"en": "ltr", "pl": "ltr", "ar": "rtl"}


def test_a_name_is_marked_english_and_not_to_translate_and_left_to_right_in_right_to_left_text():
    assert cited("Engagement Framework v1.0", "ar", DIRS) == (
        '<cite lang="en" dir="ltr" translate="no">Engagement Framework v1.0</cite>')
    assert cited("NICE", "pl", DIRS, "span") == '<span lang="en" dir="ltr" translate="no">NICE</span>'
    assert cited("NICE", "en", DIRS, "span") == '<span translate="no">NICE</span>'  # English already


@pytest.fixture(scope="module")
def pages(corpus):
    from generator.web.pages import render_language
    from generator.translate.localise import localise

    out = {}
    for lang in ("en", "pl", "ar"):
        view = localise(corpus, corpus.translations.get(lang), corpus.config.translations.publish_drafts)
        out[lang] = render_language(view, lang).pages
    return out


@pytest.mark.parametrize("lang, in_english", [("en", None), ("pl", "(po angielsku)"), ("ar", "(بالإنجليزية)")])
def test_every_document_page_cites_its_source_title_in_english_and_says_so(corpus, pages, lang, in_english):
    attrs = ' translate="no"' if lang == "en" else f' lang="en" dir="ltr" translate="no"'
    assert len(corpus.documents) >= 8
    for doc in corpus.documents:
        page = pages[lang][f"{doc.id}/index.md"]
        title = re.escape(md_inline(doc.source.title))
        cites = re.findall(f"<cite{attrs}>{title}</cite>( \\([^)<]*\\))?", page)
        # the origin line ("Quoted from ...") and "About this document" at least
        assert len(cites) >= 2, (lang, doc.id)
        # "(in English)" in the reader's words after each, on pages in other languages; nothing on English ones
        assert cites == [f" {in_english}" if in_english else ""] * len(cites), (lang, doc.id, cites)
        publisher = re.escape(md_inline(doc.source.publisher))
        assert re.search(f"<dd><span{attrs}>{publisher}</span></dd>", page), (lang, doc.id)
        if doc.source.url:
            assert f'<a href="{doc.source.url}"><span{attrs}>{doc.source.url}</span></a>' in page, (lang, doc.id)


def test_the_notes_about_a_source_are_translated_and_the_names_in_them_kept(pages):
    pl = pages["pl"]["jias-quality-indicators/index.md"]
    assert "Źródło nie podaje licencji" in pl and "The source gives no licence" not in pl
    assert "Źródło nie mówi, czy wolno je przerabiać" in pl and "The source does not say" not in pl
    ar = pages["ar"]["nice-adult-social-care-experience/index.md"]
    assert "Notice of rights" in ar and "This site quotes NICE's words unchanged" not in ar
    assert "https://www.nice.org.uk/guidance/ng86" in ar


@pytest.mark.parametrize("lang", ["pl", "ar"])
def test_a_packs_reference_list_cites_the_source_as_the_web_page_does(corpus, lang):
    from generator.print.packs import _coverage, language_view
    from generator.print.pack_html import PrintWriter

    view, strings = language_view(corpus, lang)
    writer = PrintWriter(view, lang, strings, coverage=_coverage(corpus, lang))
    doc = next(d for d in view.documents if d.id == "jias-quality-indicators")
    html = writer.document_html(doc, "standard", {"date": "", "description": ""}).html
    title = doc.source.title.replace("&", "&amp;")
    assert f'<cite lang="en" dir="ltr" translate="no">{title}</cite> ' in html
    assert strings.get("cited_in_english")[1] == lang  # "(in English)" in the pack's words
    assert '<span lang="en" dir="ltr" translate="no">Care Inspectorate and Healthcare Improvement Scotland</span>' in html
    assert "The source gives no licence" not in html  # the copyright note is translated
    assert ">Scotland<" not in html  # where it applies: in the pack's words, as on the website


def test_a_link_whose_words_are_its_address_is_kept_as_it_is_and_other_links_are_not():
    from generator.markup.lang import addresses_kept

    html = ('<p>See <a href="https://www.nice.org.uk/guidance/ng86">https://www.nice.org.uk/guidance/ng86</a> or '
            '<a href="https://www.nice.org.uk/">the NICE website</a>.</p>')
    ar = addresses_kept(html, "ar", DIRS)
    assert ('<a href="https://www.nice.org.uk/guidance/ng86" lang="en" dir="ltr" translate="no">'
            "https://www.nice.org.uk/guidance/ng86</a>") in ar
    assert '<a href="https://www.nice.org.uk/">the NICE website</a>' in ar  # words to translate: not marked
    assert addresses_kept(html, "en", DIRS).count(' translate="no"') == 1


def test_the_nice_pages_address_in_its_text_is_marked_on_an_arabic_page(pages):
    page = pages["ar"]["nice-adult-social-care-experience/index.md"]
    url = "http://pathways.nice.org.uk/pathways/peoples-experience-in-adult-social-care-services"
    assert f'<a href="{url}" lang="en" dir="ltr" translate="no">{url}</a>' in page


def test_no_arabic_words_are_marked_as_english_on_an_arabic_document_page(pages):
    """("Where it applies: Scotland" was marked lang="en" around the Arabic word for Scotland, which also put
    the "parts of this page are in English" notice on the page.)"""
    page = pages["ar"]["jias-quality-indicators/index.md"]
    marked = re.findall(r'<(?:span|cite|div|p)[^>]* lang="en"[^>]*>([^<]+)', page)
    assert len(marked) >= 4  # the source's title, publisher, licence, ...
    assert not [m for m in marked if re.search("[\u0600-\u06ff]", m)]
    assert 'class="ck-notice" role="note"' not in page  # no "parts of this page are in English" notice
