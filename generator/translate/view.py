"""One language's view of the project, made once per build: the stage between reading the project and
making packs, pages, audio and collection files.

A LanguageView holds the corpus as readers of one language see it (every text translated where a current
translation exists, English otherwise, each text knowing its language and state: translate/localise.py), the
interface words with their English fallbacks (translate/words.py), and the English corpus it was made from.
The build (pipeline.py) makes one view per language with build_views() and hands the same views to the audio,
the packs, the collection files and the web pages: nothing localises a language a second time.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model.corpus import Corpus
from ..model.text import SOURCE_LANG
from .words import Strings


@dataclass(frozen=True)
class LanguageView:
    """The project as readers of one language see it."""

    lang: str  # the language's code
    corpus: Corpus  # localised (for English: the corpus itself); corpus.english is the English one
    words: Strings  # the interface words, translated where a current translation exists
    english: Corpus  # the English corpus the view was made from

    @property
    def language(self):
        """The language's entry in site_config.yml (model.config.Language), or None if it has none."""
        return self.english.config.language(self.lang)

    @property
    def dir(self) -> str:
        """ltr or rtl, from site_config.yml."""
        language = self.language
        return language.dir if language is not None else "ltr"


def build_view(corpus: Corpus, lang: str) -> LanguageView:
    """The view of lang: the corpus localised with the language's translations (drafts shown if site_config.yml
    says so), and its interface words."""
    from .localise import localise

    pack = corpus.translations.get(lang) if lang != SOURCE_LANG else None
    publish = corpus.config.translations.publish_drafts
    if pack is None:
        return LanguageView(lang, corpus, Strings.load(corpus.root, lang), corpus)
    return LanguageView(lang, localise(corpus, pack, publish), Strings.load(corpus.root, lang, pack, publish), corpus)


def build_views(corpus: Corpus, languages) -> dict[str, LanguageView]:
    """One view per language (site_config.yml Language entries or codes), in the order given."""
    codes = [getattr(language, "code", language) for language in languages]
    return {code: build_view(corpus, code) for code in codes}


__all__ = ["LanguageView", "build_view", "build_views"]
