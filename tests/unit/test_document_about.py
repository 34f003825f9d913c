"""The document page's "About this document" and the easy read say where a document applies, its licence,
copyright and what the publisher allows, with notes beside dates and addresses the source does not give
(issue #12). Pages are rendered as Markdown with HTML (web/pages.py), without MkDocs, in English and Arabic."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.diagnostics import Report
from generator.web.pages import doc_path, easy_read_path, render_language
from generator.translate.localise import localise
from generator.validate.project import load_project

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus():
    report = Report()
    corpus = load_project(ROOT, report)
    assert corpus is not None, report.format()
    return corpus


def _pages(corpus, lang):
    return render_language(localise(corpus, corpus.translations.get(lang), True), lang)


@pytest.fixture(scope="module")
def english(corpus):
    return _pages(corpus, "en")


@pytest.fixture(scope="module")
def arabic(corpus):
    return _pages(corpus, "ar")


def _about(page: str) -> str:
    assert "#about-this-document" in page
    return page[page.index("#about-this-document"):]


def test_every_document_page_says_where_it_applies_and_its_licence(corpus, english):
    assert len(corpus.documents) >= 8
    for doc in corpus.documents:
        page = english.pages[doc_path(doc)]
        about = _about(page)
        place = (doc.area + ", " if doc.area else "") + doc.applies_to[0]
        assert f'<p class="ck-applies">Where it applies: {place}' in page, doc.id
        assert f"<dt>Where it applies</dt><dd>{place}" in about, doc.id
        assert doc.source.licence in about, doc.id
        if doc.source.licence_id != "all-rights-reserved":
            assert f"({doc.source.licence_id})" in about, doc.id
        if doc.source.copyright:
            assert "<dt>Copyright</dt>" in about, doc.id
        if doc.source.permissions:
            assert "<dt>What the publisher allows</dt>" in about, doc.id
        if doc.source.date_note:
            assert "Where the date comes from:" in about, doc.id
        if doc.source.url_note:
            assert "About this address:" in about, doc.id
        assert "How we read the source" not in page, doc.id


def test_the_notes_beside_dates_and_addresses_are_shown_for_the_documents_that_have_them(corpus):
    assert any(d.source.date_note for d in corpus.documents)
    assert any(d.source.url_note for d in corpus.documents)
    assert any(d.area for d in corpus.documents)


def test_easy_read_says_where_it_applies(corpus, english):
    found = 0
    for doc in corpus.documents:
        if doc.easy_read is None:
            continue
        found += 1
        page = english.pages[easy_read_path(doc)]
        assert f"This is about services in {doc.area + ', ' if doc.area else ''}{doc.applies_to[0]}." in page, doc.id
    assert found >= 1


def test_in_arabic_the_source_facts_are_marked_as_english(corpus, arabic):
    nice = corpus.document("nice-adult-social-care-experience")
    about = _about(arabic.pages[doc_path(nice)])
    assert "All rights reserved" in about
    row = [m for m in re.findall(r"<dd>(.*?)</dd>", about) if "All rights reserved" in m]
    assert row and 'lang="en"' in row[0], row


def _after(page: str, marker: str) -> str:
    return page[page.index(marker) + len(marker):].lstrip()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_site_written_text_is_labelled_and_quoted_text_credited(corpus, english, arabic, lang):
    """The summary (written for the site) is followed by its label; the document's own words are introduced as
    quoted; site-written headings, easy read and translations say so. Fails if a page shows site-written text
    without its label."""
    pages = english if lang == "en" else arabic
    org = corpus.config.site.organisation
    from generator.web.pages import item_path
    from generator.model.corpus import walk_items

    items = 0
    for doc in corpus.documents:
        page = pages.pages[doc_path(doc)]
        lead = page.index('<div class="ck-lead" markdown="1">')
        assert _after(page[lead:], "</div>").startswith('<p class="ck-origin ck-origin--site">'), doc.id
        assert org in page.split('ck-origin--site">', 1)[1].split("</p>", 1)[0] or lang != "en", doc.id
        first_section = page.index(f"{{ #{doc.sections[0].id} }}")
        assert 'ck-origin--source' in page[lead:first_section], doc.id
        assert ('ck-origin--site-headings' in page[lead:first_section]) == (doc.titles == "site"), doc.id
        assert ('ck-origin--translation' in page) == (lang != "en"), doc.id
        if doc.easy_read is not None:
            er = pages.pages[easy_read_path(doc)]
            assert 'ck-origin--easy-read' in er.split("{ #", 1)[0], doc.id
            assert ('ck-origin--translation' in er) == (lang != "en"), doc.id
        for loc in walk_items(doc):
            if corpus.has_page(doc, loc.item):
                items += 1
                assert 'ck-origin--source' in pages.pages[item_path(doc, loc.item)], (doc.id, loc.item.id)
    assert items > 20


def test_every_reference_in_the_text_is_followed_by_links_to_what_it_means(corpus, english):
    """refers_to: the item's page, or its document's page, has "See:" and one link a target after the text."""
    from generator.model.corpus import walk_items
    from generator.web.pages import item_path

    checked = 0
    for doc in corpus.documents:
        for loc in walk_items(doc):
            if not loc.item.refers_to:
                continue
            checked += 1
            targets = sum(len(ids) for ids in loc.item.refers_to.values())
            where = [english.pages[doc_path(doc)]]
            for shown in loc.parents + (loc.item,):
                if corpus.has_page(doc, shown):
                    where.append(english.pages[item_path(doc, shown)])
            lines = [line for page in where for line in page.splitlines() if line.startswith('<p class="ck-see-also">See: ')]
            assert any(line.count("<a href=") == targets for line in lines), (doc.id, loc.item.id, lines)
    assert checked >= 4


def test_lists_whose_addresses_are_missing_link_the_original(corpus, english):
    from generator.model.corpus import walk_items

    lists = [(doc, lst) for doc in corpus.documents for loc in walk_items(doc) for lst in loc.item.lists
             if lst.addresses_missing]
    assert len(lists) >= 5
    doc = lists[0][0]
    sentence = f'These were links in the original document. The addresses are not on this website: you can find them in the original, at <a href="{doc.source.url}">'
    shown = sum(page.count(sentence) for page in english.pages.values())
    assert shown >= len(lists), (shown, len(lists))


def test_the_glossary_page_has_every_word_of_the_word_list_in_every_language(corpus):
    """At least 30 words, each with its own id, the documents it comes from and where it applies; the page
    says the meanings were written for this site, and quotes a document's own definition as its publisher's."""
    languages = [lang.code for lang in corpus.config.languages]
    assert len(languages) >= 5
    terms = corpus.glossary.terms
    assert len(terms) >= 30
    for lang in languages:
        page = _pages(corpus, lang).pages["glossary.md"]
        found = re.findall(r'<dt id="([a-z0-9-]+)"', page)
        assert len(found) >= 30 and sorted(found) == sorted(t.id for t in terms), lang
        assert 'class="ck-origin ck-origin--site"' in page.split('<dl class="ck-glossary">')[0], lang
        assert page.count('<p class="ck-applies-in">') == sum(1 for t in terms if t.documents), lang
        quoted = sum(len(t.source_definitions) for t in terms)
        assert quoted >= 1 and page.count("ck-quote--definition") == quoted, lang
        # the publisher is a name, kept in its own words and marked so (translate="no"; lang="en" elsewhere)
        publisher = "National Institute for Health and Care Excellence (NICE)</span>"
        assert publisher in page and (lang != "en" or f'<span translate="no">{publisher} says:' in page)
        assert lang == "en" or f'<span lang="en" dir="ltr" translate="no">{publisher}' in page
