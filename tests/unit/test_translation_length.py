"""A translation far longer than its English is refused: found in the session 6 review, where a translation of
"We will listen to you, slot 1." (30 characters) that was 1.8 million characters long (one line, "Słuchamy "
200,000 times) passed `charterkit validate` without a word, and would have made a page of megabytes for
phones to load (and a pack of hundreds of pages). A translation may well be longer than its English (Gaelic
and Polish often are; an interface word of four letters may need forty): the limit is generous."""
from __future__ import annotations

from generator.validate.translation_files import check_text


def _kinds(text: str, english: str, **kw) -> list[str]:
    return [f.kind for f in check_text(text, english, placeholders=True, jinja=False, lang="pl", **kw)]


def test_a_translation_many_times_longer_than_its_english_is_refused():
    english = "We will listen to you, slot 1."
    found = [f for f in check_text("Słuchamy " * 200_000, english, placeholders=True, jinja=False, lang="pl")
             if f.kind == "too-long"]
    assert len(found) == 1
    assert "1,800,000" in found[0].message and "30" in found[0].message
    assert found[0].hint and found[0].severity == "error"
    assert "too-long" in _kinds("Słowo " * 2000, "Home", interface=True)


def test_ordinary_translations_are_not_too_long():
    assert "too-long" not in _kinds("Strona główna", "Home", interface=True)
    assert "too-long" not in _kinds("Gabhaidh sinn ri d' bheachdan agus èistidh sinn riut gu cùramach. " * 3,
                                    "We will listen to you.")
    long_english = "We will listen to you and write down what you say. " * 200
    assert "too-long" not in _kinds("Wysłuchamy cię i zapiszemy, co mówisz, a potem ci to przeczytamy. " * 300,
                                    long_english)
