"""The pieces that keep words words: sanitize.py (text, Markdown, the page-wide allow-list), fill() for
interface words, the content pages' sandbox, the Content-Security-Policy, and validate's safety checks."""
from __future__ import annotations

import re

import markdown
import pytest

from generator.markup import content
from generator.markup import sanitise as sanitize
from generator.web import csp
from generator.model.text import fill
from generator.validate import safety

# ---- sanitize.text ---------------------------------------------------------------------------------------
HOSTILE_WORDS = [
    "&lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;",
    "</title><img src=x onerror=alert(1)>",
    'Docs *x*{: onclick="alert(1)" }',
    "Docs {: #main-content .hostile }",
    "[click](javascript:alert(1)) [r][1]\n\n[1]: https://evil.example/",
    "__drawer # | ` \\ _x_",
]


@pytest.mark.parametrize("words", HOSTILE_WORDS)
def test_plain_text_is_inert_as_html_and_as_markdown(words):
    out = sanitize.text(words)
    assert "<" not in out and ">" not in out and '"' not in out
    # read again as Markdown, with the extensions MkDocs uses for the pages, in a heading and a paragraph
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "def_list", "toc"])
    for source in (f"## {out} {{ #x }}", out, f'<div markdown="1">\n\n{out}\n\n</div>'):
        html = md.reset().convert(source)
        for tag, attrs in re.findall(r"<([a-z0-9]+)([^>]*)>", html):
            assert tag in ("p", "h2", "div"), html  # no link, emphasis, picture or script was made
            # and no attribute, id or class (a heading's id made from its words by MkDocs is fine)
            assert attrs.strip() == "" or tag == "h2" and re.fullmatch(r'id="[a-z0-9_-]+"', attrs.strip()), html


def test_plain_text_keeps_what_it_says():
    assert sanitize.text("A & B's <charter> [1] *") == "A &amp; B&#x27;s &lt;charter&gt; &#91;1&#93; &#42;"
    assert sanitize.text("a\x00b\x1bc\td") == "abc\td"  # control characters are never part of a text


# ---- sanitize.markdown_html ------------------------------------------------------------------------------
def test_markdown_keeps_the_markdown_texts_use():
    out = sanitize.markdown_html("We **listen** to *you*.\n\n- one\n- [NHS](https://www.nhs.uk/)\n\nThen:\n\n1. first")
    assert "<strong>listen</strong>" in out and "<em>you</em>" in out
    assert '<a href="https://www.nhs.uk/">NHS</a>' in out and "<li>one</li>" in out and "<ol>" in out


@pytest.mark.parametrize("source, never", [
    ("<script>alert(1)</script>", "<script"),
    ('<img src=x onerror="alert(1)">', "<img"),
    ("Words.\n{: onclick=\"alert(1)\" #main-content }", "onclick="),
    ("Words.\n{: onclick=\"alert(1)\" #main-content }", "main-content"),
    ("*x*{: style=\"background:url(x)\" }", "style="),
    ("[x](javascript:alert(1))", "javascript:"),
    ("[x](jav&#x09;ascript:alert(1))", "ascript:alert"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
    ("[x][r]\n\n[r]: https://evil.example/", "evil.example\""),
    ("<https://evil.example/>", "href"),
    ("![t](https://evil.example/t.png)", "<img"),
    ("[x](https://www.nhs.u\u043a/)", "href"),
    ("[x](https://www.nhs.uk@evil.example/)", "href"),
    ("Words\n\n# A second title", "<h1"),
    ("Words\n=====", "<h1"),
])
def test_markdown_from_the_data_never_makes_markup(source, never):
    out = sanitize.markdown_html(source)
    tags = "".join(re.findall(r"<[^>]*>", out))  # the markup only: the words may say anything
    assert never not in tags, out
    assert "<script" not in tags and " on" not in tags and "style=" not in tags


def test_a_content_page_may_have_sub_headings_tables_and_relative_links():
    out = sanitize.markdown_html("## Part\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[next](../next/)", "page")
    assert "<h2>Part</h2>" in out and "<table>" in out and '<a href="../next/">' in out
    assert 'href="../next/"' not in sanitize.markdown_html("[next](../next/)")  # data links are full addresses


def test_page_wide_allow_list_keeps_the_site_and_drops_the_rest():
    site = ('<div class="ck-table" role="region" tabindex="0" aria-label="Table: x"><table><caption>x</caption>'
            '<tbody><tr><th scope="col"><a href="../a/">1</a></th></tr></tbody></table></div>'
            '<img class="ck-er-picture" src="../p.svg" alt="A bubble" width="96" height="96">'
            '<a class="ck-attachment-link" href="../packs/a.pdf" type="application/pdf" hreflang="en">A</a>'
            '<p lang="en" dir="ltr">x</p><details class="ck-packs"><summary>S</summary></details>')
    assert sanitize.clean_page(site) == site
    hostile = ('<p onclick="x" style="color:red">a</p><script>alert(1)</script><iframe src="x"></iframe>'
               '<a href="javascript:x">b</a><div role="button" tabindex="-1">c</div>')
    out = sanitize.clean_page(hostile)
    for never in ("onclick", "style", "script", "alert", "iframe", "javascript", "role=", "tabindex"):
        assert never not in out, out


# ---- interface words: fill() ----------------------------------------------------------------------------
class Trap:
    """A value whose only safe use is str(): anything else (attributes, format specs) fails the test."""

    def __str__(self):
        return "DOC"

    def __format__(self, spec):
        raise AssertionError("format spec used")

    def __getattr__(self, name):
        raise AssertionError(f"attribute {name} read")


@pytest.mark.parametrize("words, expected", [
    ("Back to {document}", "Back to DOC"),
    ("Back to {document.__class__.__init__.__globals__}", "Back to {document.__class__.__init__.__globals__}"),
    ("{0} and {document}", "{0} and DOC"),
    ("A lone { and {document}", "A lone { and DOC"),
    ("{document:>200000}", "{document:>200000}"),
    ("{document.x}", "{document.x}"),
    ("{{document}}", "{DOC}"),
    ("{secret}", "{secret}"),
])
def test_interface_words_are_filled_in_without_str_format(words, expected):
    assert fill(words, {"document": Trap()}) == expected


# ---- content pages: the sandbox --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def config():
    from pathlib import Path

    from generator.diagnostics import Report
    from generator.validate.project import _load_config

    return _load_config(Path(__file__).resolve().parents[2], Report())


@pytest.mark.parametrize("template", [
    "{{ site.__class__ }}",
    "{{ site.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ range(10) }}",
    "{{ 'x' * 100000000 }}",
    "{{ 9 ** 999999 }}",
    "{{ '%s' | format(site) }}",
    "{% for x in site %}{{ x }}{% endfor %}{{ site.update({}) }}",
    "{{ config }}",
    "{% include '/etc/hostname' %}",
    "{% macro m(x) %}{{ m(x ~ x) }}{% endmacro %}{{ m('a') }}",  # would double its text until memory runs out
    "{% set x = site %}{{ x }}",
    "{{ site.items() }}",
    "{% for x in languages recursive %}{{ loop(x) }}{% endfor %}",
    "{{ unclosed",
])
def test_content_page_templates_cannot_reach_python_or_the_computer(template, config):
    with pytest.raises(content.ContentError) as exc:
        content.render(template, config)
    assert exc.value.message and exc.value.hint


def test_content_page_templates_fill_in_the_settings_as_text(config):
    out = content.render("Email [{{ contact.email }}](mailto:{{ contact.email }}). {{ site.organisation }}."
                         "{% for f in other_formats %} {{ f.description }}{% endfor %}", config)
    title, page = content.to_markdown("# Title\n\n" + out)
    assert title == "Title"
    assert f'<a href="mailto:{config.contact.email}">{config.contact.email}</a>' in page


def test_a_setting_cannot_add_markup_to_a_content_page(config):
    hostile = config.model_copy(update={"site": config.site.model_copy(
        update={"organisation": '[x](javascript:alert(1)) *b*{: onclick="y" } <img src=x onerror=z>'})})
    title, page = content.to_markdown(content.render("# T\n\nRun by {{ site.organisation }}.", hostile))
    tags = "".join(re.findall(r"<[^>]*>", page))
    assert tags == "<p></p>", page  # one paragraph of words: no link, emphasis, picture or attribute
    assert "javascript:alert(1)" in page and "onerror" in page  # shown as the words they are


def test_a_second_main_heading_in_a_content_page_is_not_a_second_h1():
    title, page = content.to_markdown("# One\n\nWords.\n\n# Two\n")
    assert title == "One" and page.count("\n# ") + page.startswith("# ") == 1 and "## Two" in page


# ---- the Content-Security-Policy -------------------------------------------------------------------------
def test_the_policy_allows_the_themes_scripts_by_hash_and_nothing_else():
    theme = '__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    page = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>t</title>"
            f"<script>{theme}</script></head><body><script>alert(1)</script></body></html>")
    patterns = csp.theme_scripts()
    assert patterns
    out = csp.add_policy(page)
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', out)
    assert meta and out.index("<meta charset") < meta.start() < out.index("<script")
    policy = meta.group(1)
    assert csp.sha256("alert(1)") not in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "object-src 'none'" in policy and "base-uri 'self'" in policy


def test_the_real_theme_script_is_recognised():
    import material
    from pathlib import Path

    source = (Path(material.__file__).parent / "templates" / "partials" / "javascripts" / "base.html").read_text()
    body = re.search(r"<script>(.*?)</script>", source, re.S).group(1)
    for base in (".", "..", "../..", "../../.."):
        filled = re.sub(r"\{\{.*?\}\}", base, body)
        assert any(p.fullmatch(filled) for p in csp.theme_scripts())
    assert not any(p.fullmatch(re.sub(r"\{\{.*?\}\}", '",alert(1),"', body)) for p in csp.theme_scripts())


# ---- validate's checks -----------------------------------------------------------------------------------
def kinds(findings):
    return sorted({f.kind for f in findings})


@pytest.mark.parametrize("text, kind", [
    ("&lt;b&gt;", "entity"), ("a &#x200B; b", "entity"), ("<b>x</b>", "html"),
    ('x {: onclick="y" }', "attribute-list"), ("x\n{: #main-content }", "attribute-list"),
    ("[x][r]", "reference-link"), ("[r]: https://evil.example/", "reference-link"),
    ("<https://evil.example/>", "autolink"), ("<me@evil.example>", "autolink"), ("![i](https://a.org/i.png)", "image"),
    ("[x](javascript:alert(1))", "unsafe-link"), ("[x](JaVaScRiPt:alert(1))", "unsafe-link"),
    ("[x](data:text/html,hi)", "unsafe-link"), ("[x](file:///etc/passwd)", "unsafe-link"),
    ("[x](jav&#x09;ascript:alert(1))", "entity"), ("[x](https://www.nhs.u\u043a/)", "lookalike"),
    ("[x](https://xn--nhs-7cd.uk/)", "lookalike"), ("[x](https://www.nhs.uk@evil.example/)", "lookalike"),
    ("[x](//evil.example/)", "link-address"), ("[x](page.html)", "link-address"),
    ("Words\n\n# Title", "heading"), ("Title\n=====", "heading"),
    ("a\x00b", "control-character"), ("a\x1b[31mb", "control-character"), ("a\u200bb", "invisible-character"),
    ("a\u200fb", "bidi-control"), ("a\u061cb", "bidi-control"), ("a\u202eb", "bidi-control"), ("a\ufeffb", "invisible-character"),
    ("a\u2028b", "invisible-character"),
    ("[call](tel:0300-131)", "link-address"), ("[call](tel:+44javascript)", "link-address"),
])
def test_each_kind_of_hostile_text_is_found(text, kind):
    found = safety.text_findings(text)
    assert kind in kinds(found), (text, found)
    assert all(f.hint for f in found)


def test_ordinary_texts_pass():
    for text in ("We **listen** to you.", "See [the NHS](https://www.nhs.uk/) or [email us](mailto:a@b.org).",
                 "Personal data: what we hold about you.", "A & B, 5 < 6, R&D;", "- one\n- two",
                 "Question 1 (b)(v): #1 priority", "Phone [0300 131 2 131](tel:+443001312131)."):
        assert safety.text_findings(text) == [], text


def test_a_phone_link_reaches_the_page_and_a_bad_one_does_not():
    assert 'href="tel:+443001312131"' in sanitize.markdown_html("Phone [0300 131 2 131](tel:+443001312131).")
    assert "href" not in sanitize.markdown_html("Phone [us](tel:+44;javascript:alert(1)).")


def test_joiners_are_allowed_only_where_a_language_needs_them():
    urdu = "دیکھ\u200cبھال"
    assert safety.character_findings(urdu, "ur") == []
    assert safety.character_findings(urdu, "fa") == []
    assert kinds(safety.character_findings(urdu, "ar")) == ["invisible-character"]
    assert kinds(safety.character_findings("Słu\u200cchamy", "pl")) == ["invisible-character"]
    assert "only" in safety.character_findings("a\u200cb", "pl")[0].message  # says which languages may


@pytest.mark.parametrize("words, ok", [
    ("Wróć do {document}", True), ("{document}: wróć", True), ("Wróć do {document} {0}", False),
    ("Wróć do {document} {", False), ("Wróć do {document.x}", False), ("Wróć do {document:>9}", False),
    ("Wróć do {item}", False), ("Wróć", False), ("Wróć do {document} }", False), ("{{document}}", False),
])
def test_interface_placeholders(words, ok):
    found = safety.placeholder_findings(words, "Back to {document}")
    assert (found == []) is ok, found
    assert all(f.kind == "placeholder" and f.hint for f in found)


def test_a_finding_in_a_block_of_text_is_reported_at_its_own_line_and_column(tmp_path):
    from generator.load.yamlfile import load_yaml

    path = tmp_path / "doc.yml"
    path.write_text("id: x\ntext: |\n  First line.\n  Second [x](javascript:alert(1)) line.\n", encoding="utf-8")
    loaded = load_yaml(path)
    value = loaded.data["text"]
    finding = next(f for f in safety.text_findings(value) if f.kind == "unsafe-link")
    assert safety.yaml_position(loaded, ("text",), value, finding.offset) == (4, 14)


def test_links_out_of_the_project_stop_validate_without_reading_them(tmp_path):
    from generator.diagnostics import Report

    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me", encoding="utf-8")
    root = tmp_path / "project"
    (root / "content" / "en").mkdir(parents=True)
    (root / "content" / "en" / "inside.md").write_text("# Inside\n", encoding="utf-8")
    (root / "content" / "en" / "same.md").symlink_to(root / "content" / "en" / "inside.md")
    report = Report(root=root)
    assert safety.check_links(root, report)  # a link that stays inside is fine
    (root / "content" / "en" / "out.md").symlink_to(secret)
    (root / "content" / "loop").symlink_to(root / "content" / "loop")
    report = Report(root=root)
    assert not safety.check_links(root, report)
    assert {i.file for i in report.errors} == {"content/en/out.md", "content/loop"}
    assert "do not read me" not in report.format()
