"""markup/lang.py: the one helper that marks text in another language (web pages, menus, pack links and
print packs all call it), and keeps left-to-right labels in order on right-to-left pages."""
from __future__ import annotations

from generator.markup import lang

DIRS = {"en": "ltr", "pl": "ltr", "ar": "rtl", "ur": "rtl"}


def test_a_text_in_the_pages_language_is_not_marked():
    assert lang.lang_attrs("pl", "pl", DIRS) == ""
    assert lang.wrap("Dzień dobry", "pl", "pl", DIRS) == "Dzień dobry"


def test_a_text_in_another_language_gets_its_language_and_direction_from_the_configuration():
    assert lang.lang_attrs("en", "ar", DIRS) == ' lang="en" dir="ltr"'
    assert lang.lang_attrs("ar", "en", DIRS) == ' lang="ar" dir="rtl"'
    assert lang.wrap("Hello", "en", "pl", DIRS) == '<span lang="en" dir="ltr">Hello</span>'
    assert lang.wrap("<p>x</p>", "ur", "en", DIRS, element="div") == '<div lang="ur" dir="rtl"><p>x</p></div>'


def test_a_language_the_configuration_does_not_name_is_left_to_right():
    # no list of right-to-left codes is written in the code: only site_config.yml says which they are
    assert lang.direction("he", DIRS) == "ltr"
    assert lang.direction("he", {"he": "rtl"}) == "rtl"


def test_labels_are_isolated_only_on_right_to_left_pages_and_only_when_needed():
    for label in ("(b)(v)", "2.1", "QI 5.2", "3, 7", "(a)"):
        assert lang.isolate(label, "rtl") == f"\u2066{label}\u2069", label
        assert lang.isolate(label, "ltr") == label
    assert lang.isolate("7", "rtl") == "7"  # a plain number is laid out the same either way
    assert lang.isolate("(ب)", "rtl") == "(ب)"  # right-to-left letters: laid out with the page
    assert lang.isolate("", "rtl") == ""


def test_isolated_labels_become_bdi_elements_in_html():
    text = lang.isolate("(b)(v)", "rtl") + " المشاركة"
    assert lang.isolates_as_html(text) == '<bdi dir="ltr">(b)(v)</bdi> المشاركة'
    assert lang.isolates_as_html("no label") == "no label"
    # an isolate that is not a whole pair (never made by charterkit) is left alone, not made into a tag
    assert lang.isolates_as_html("\u2066<b>") == "\u2066<b>"


def test_phone_links_keep_their_digits_in_order_on_right_to_left_pages():
    html = '<p>اتصل <a href="tel:+441609532470">01609 532470</a></p>'
    assert lang.ltr_phone_links(html, "rtl") == (
        '<p>اتصل <a href="tel:+441609532470" dir="ltr">01609 532470</a></p>')
    assert lang.ltr_phone_links(html, "ltr") == html
    done = lang.ltr_phone_links(html, "rtl")
    assert lang.ltr_phone_links(done, "rtl") == done  # never twice
    other = '<a href="https://example.org">x</a>'
    assert lang.ltr_phone_links(other, "rtl") == other
