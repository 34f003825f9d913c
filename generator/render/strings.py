"""The old place of the interface words, now generator/translate/words.py (Strings) and generator/read/strings.py
(reading theme/strings/): kept so that code and tests written before the move keep working until they import
from there."""
from ..model.text import KNOWN_PLACEHOLDERS, PLACEHOLDER, SOURCE_LANG, fill  # noqa: F401
from ..read.strings import (REQUIRED_WORDS, STRINGS_DIR, _flatten, _load_cached, check_strings,  # noqa: F401
                            load_strings)
from ..translate.words import Strings  # noqa: F401
