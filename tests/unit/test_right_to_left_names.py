"""Issue #12 on right-to-left pages: the header's names (the organisation that runs the site, the site's name)
and the line of short forms keep their order in Arabic and Urdu. English left in them (a name not translated
yet, the English in brackets of a translated meaning) is isolated and marked as English (<bdi lang="en"> or an
element with lang="en" dir="ltr"), so the right-to-left words around it do not reorder it when the line wraps,
and a screen reader reads it in English. Words stay escaped: a name is text, never markup."""
from __future__ import annotations

import re

import pytest

from generator.markup.lang import english_passages
from generator.web.pages import PageWriter
from generator.translate.localise import localise
from generator.translate.words import Strings
from generator.web.context import site_chrome

LATIN = re.compile(r"[A-Za-z]")
# an element that isolates English and says it is English
ENGLISH = re.compile(r'<(bdi|span) lang="en" dir="ltr">[^<]*</\1>')


def _writer(corpus, lang):
    view = localise(corpus, corpus.translations.get(lang), True)
    strings = Strings.load(view.root, lang, view.translations.get(lang), view.config.translations.publish_drafts)
    return PageWriter(view, lang, strings, direction=view.config.language(lang).dir)


def _with_organisation(corpus, name):
    import dataclasses

    config = corpus.config.model_copy(update={"site": corpus.config.site.model_copy(update={"organisation": name})})
    return dataclasses.replace(corpus, config=config)


def _outside_english(html: str) -> str:
    """The text of html that is not inside an element marked as English."""
    return re.sub(r"<[^>]+>", "", ENGLISH.sub("", html))


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_the_header_names_are_translated_and_their_latin_words_isolated(corpus, lang):
    chrome = site_chrome(_writer(corpus, lang))
    entries = corpus.translations[lang].settings
    for key, html in (("site.organisation", chrome["organisation"]), ("site.name", chrome["site_name"])):
        translated = entries[key].text
        assert _outside_english(html).strip() and not LATIN.search(_outside_english(html)), (key, html)
        assert re.sub(r"<[^>]+>", "", html) == translated, (key, html)


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_an_organisation_not_translated_yet_is_english_kept_in_order(corpus, lang):
    """A real organisation's name (the translation of the example name is then out of date) is shown in English,
    in one element marked lang="en" dir="ltr"; characters that mean something in HTML stay text."""
    name = "Anytown Health & Social Care <Partnership>"
    chrome = site_chrome(_writer(_with_organisation(corpus, name), lang))
    assert chrome["organisation"] == ('<span lang="en" dir="ltr">Anytown Health &amp; Social Care '
                                      '&lt;Partnership&gt;</span>')
    assert "<Partnership>" not in chrome["run_by"]


def test_on_a_left_to_right_page_the_names_are_as_they_are(corpus):
    chrome = site_chrome(_writer(_with_organisation(corpus, "Anytown & Partners"), "en"))
    assert chrome["organisation"] == "Anytown &amp; Partners"
    assert chrome["site_name"] == corpus.config.site.name
    polish = site_chrome(_writer(_with_organisation(corpus, "Anytown & Partners"), "pl"))
    assert polish["organisation"] == '<span lang="en" dir="ltr">Anytown &amp; Partners</span>'  # marked, not moved


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_the_short_forms_line_isolates_its_english(corpus, lang):
    """Every short form the default site explains, on a page in Arabic or Urdu: the short form and each English
    passage of its translated meaning are isolated and marked as English; nothing in Latin letters is left
    loose among the right-to-left words."""
    writer = _writer(corpus, lang)
    shorts = sorted(key.split(".", 1)[1] for key in writer.t.english if key.startswith("short_forms."))
    assert len(shorts) >= 10
    writer.begin()
    [line] = writer.short_forms(["# Title", " ".join(shorts)])
    assert line.startswith('<p class="ck-short-forms">')
    for short in shorts:
        assert f'<bdi lang="en" dir="ltr">{short}</bdi>: ' in line, short
    assert not LATIN.search(_outside_english(line)), _outside_english(line)
    # the translated meanings' English is there, isolated: "(<bdi ...>Joint Inspection of Adult Services</bdi>)"
    assert line.count('<bdi lang="en" dir="ltr">') > len(shorts)


def test_english_passages():
    assert english_passages("التفتيش المشترك (Joint Inspection of Adult Services).", "rtl") == \
        'التفتيش المشترك (<bdi lang="en" dir="ltr">Joint Inspection of Adult Services</bdi>).'
    # words joined by commas and "&" are one passage; character references are left whole
    assert english_passages("منظمات (voluntary, community &amp; social enterprise&#x27;s) ok", "rtl") == \
        ('منظمات (<bdi lang="en" dir="ltr">voluntary, community &amp; social enterprise&#x27;s</bdi>) '
         '<bdi lang="en" dir="ltr">ok</bdi>')
    # tags and their attributes are left alone; left-to-right text is not changed
    assert english_passages('<a href="x/y">Open Data Kit</a> برنامج', "rtl") == \
        '<a href="x/y"><bdi lang="en" dir="ltr">Open Data Kit</bdi></a> برنامج'
    assert english_passages("Open Data Kit (program)", "ltr") == "Open Data Kit (program)"


def test_english_passages_keep_a_name_whole():
    """A passage is cut only where the page's own words are: one cut inside a name would lay its two halves out in
    the wrong order (two left-to-right pieces in right-to-left words read from right to left)."""
    for name in ("Scottish Health Council: Stronger Voice", "Community Development/ALLIANCE Scotland",
                 "XLSForm (.xlsx)", "accessibility@example.org", "https://charters.example.org/",
                 "National Institute for Health and Care Excellence (NICE)", "Exampletown, EX1 2MP",
                 "Open Government Licence v3.0"):
        assert english_passages(f"نص {name} نص", "rtl") == f'نص <bdi lang="en" dir="ltr">{name}</bdi> نص', name
    # a bracket that belongs to the page's words stays outside
    assert english_passages("Care Inspectorate (هيئة تفتيش الرعاية)", "rtl") == \
        '<bdi lang="en" dir="ltr">Care Inspectorate</bdi> (هيئة تفتيش الرعاية)'


def _page(body: str, lang: str = "ar", direction: str = "rtl") -> str:
    return (f'<!doctype html>\n<html lang="{lang}" dir="{direction}"><head><title>JIAS · مواثيق</title>'
            f'<meta name="description" content="JIAS"></head>\n<body dir="{direction}">{body}</body></html>')


def test_a_right_to_left_page_has_its_english_marked():
    from generator.markup.lang import english_in_page

    page = _page('<nav><a href="x/" title="JIAS">إطار JIAS للتواصل</a></nav>'
                 '<dl><dt id="ci">Care Inspectorate (هيئة تفتيش الرعاية)</dt></dl>'
                 '<p class="ck-run-by">الجهة التي تدير الموقع: \u2066The charterkit project\u2069</p>'
                 '<p><bdi dir="ltr">North Yorkshire</bdi>، إنجلترا <bdi dir="ltr">(b)(v)</bdi> \u2066(a)\u2069 '
                 '<a href="mailto:a@example.org" dir="ltr">a@example.org</a> <a href="tel:01" dir="ltr">01234 567890</a>'
                 '<span lang="en" dir="ltr">Already marked</span> <a hreflang="pl" lang="pl">Polski</a></p>'
                 '<script>var x = "JIAS";</script><code>mkdocs build</code><img alt="A heart" src="h.svg">')
    out = english_in_page(page)
    assert '<a href="x/" title="JIAS">إطار <bdi lang="en" dir="ltr">JIAS</bdi> للتواصل</a>' in out
    assert '<dt id="ci"><bdi lang="en" dir="ltr">Care Inspectorate</bdi> (هيئة تفتيش الرعاية)</dt>' in out
    assert 'الموقع: <bdi lang="en" dir="ltr">The charterkit project</bdi></p>' in out  # "Run by" in the footer
    assert '<bdi lang="en" dir="ltr">North Yorkshire</bdi>، إنجلترا' in out
    assert '<a lang="en" href="mailto:a@example.org" dir="ltr">a@example.org</a>' in out
    # items' numbers and phone numbers are kept in order as they were; marked text, scripts, code, the title and
    # attributes are left alone
    for kept in ('<bdi dir="ltr">(b)(v)</bdi>', "\u2066(a)\u2069", '<a href="tel:01" dir="ltr">01234 567890</a>',
                 '<span lang="en" dir="ltr">Already marked</span>', '<a hreflang="pl" lang="pl">Polski</a>',
                 '<script>var x = "JIAS";</script>', "<code>mkdocs build</code>", '<img alt="A heart" src="h.svg">',
                 "<title>JIAS · مواثيق</title>", 'content="JIAS"'):
        assert kept in out, kept
    assert out.count("<bdi") == page.count("<bdi") + 3  # JIAS, Care Inspectorate, the organisation
    # a left-to-right page is returned as it is
    assert english_in_page(_page("<p>JIAS i NHS</p>", "pl", "ltr")) == _page("<p>JIAS i NHS</p>", "pl", "ltr")
