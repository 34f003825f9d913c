"""Easy read you can listen to (issue #16): every easy-read page, in every language, read aloud.

    text.py      the words of an easy-read page in reading order, as plain text (what is spoken)
    speak.py     espeak-ng (the computer voice) and opusenc (a small Opus file): finding them, running them
    build.py     the build stage: speak what is not in the cache, copy the files into the site, and say
                 which pages have audio (for the players on the pages and the lines in the packs)

A recording an editor drops into framework_data/audio/<lang>/<doc>.opus wins over the computer voice; it is
read and checked with the project's other files (read/recordings.py).
"""
