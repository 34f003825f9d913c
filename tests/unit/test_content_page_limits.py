"""A content page's {{ ... }} and {% for %} parts cannot make a build run for days or fill the computer's memory.

The sandbox already refused Python, files and huge repeats ('x' * 100000000); these are the ways around that
found in the session 6 review, each a few dozen characters an editor's pull request could add to
content/en/*.md: loops inside loops, text formatting with a width, replace and join, text doubled through
loop variables, and powers of powers. Each must stop with a clear error (which `charterkit validate` shows
with the file and line) after little work and little memory: the sizes here are kept small enough that,
without the limits, the test fails (slowly, or after using tens of megabytes) rather than stopping the machine.
"""
from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from generator.markup import content


@pytest.fixture(scope="module")
def config():
    from generator.diagnostics import Report
    from generator.validate.project import _load_config

    return _load_config(Path(__file__).resolve().parents[2], Report())


def _doubling(levels: int) -> str:
    """Loops over one-item lists, each item the one before it twice: 10,000 characters times 2**levels."""
    names = [f"v{n}" for n in range(levels + 1)]
    opening = "{% for v0 in ['x' * 10000] %}" + "".join(
        f"{{% for {names[n]} in [{names[n - 1]} ~ {names[n - 1]}] %}}" for n in range(1, levels + 1))
    return opening + "{{ " + names[-1] + "|length }}" + "{% endfor %}" * (levels + 1)


#: (what it is, the template). Without limits: the loops run 8 million times (about 10 seconds here; four
#: loops of 10,000 would run for days), the others make texts of 10 to 40 megabytes, or a number of 870,000
#: digits (one more ** 64 makes one of 56 million), before anything looks at the size.
BOMBS = [
    ("loops inside loops", "{% for a in 'x' * 200 %}{% for b in 'x' * 200 %}{% for c in 'x' * 200 %}"
                           "{% endfor %}{% endfor %}{% endfor %}"),
    ("text formatted with a width", "{{ '%10000000s' % 'x' }}"),
    ("replace", "{{ ('x' * 1000)|replace('x', 'x' * 10000) }}"),
    ("join", "{{ ('x' * 1000)|list|join('y' * 10000) }}"),
    ("map then join", "{{ ('x' * 1000)|list|map('replace', 'x', 'y' * 10000)|join }}"),
    ("a list repeated, as text", "{{ ['x' * 10000] * 1000 }}"),
    ("text doubled through loop variables", _doubling(10)),
    ("text added to itself through loop variables",
     _doubling(10).replace(" ~ ", " + ")),
    ("powers of powers", "{{ (((10 ** 64) ** 64) ** 64) > 1 }}"),
]


@pytest.mark.parametrize("template", [b[1] for b in BOMBS], ids=[b[0] for b in BOMBS])
def test_a_template_that_would_use_too_much_time_or_memory_stops_early(template, config):
    tracemalloc.start()
    start = time.process_time()
    try:
        with pytest.raises(content.ContentError) as exc:
            content.render(template, config)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert exc.value.message and exc.value.hint, "the error says what is wrong and what to do"
    assert "Traceback" not in exc.value.message
    assert peak < 5_000_000, f"{peak:,} bytes used before stopping"
    # a generous bound, so a busy machine cannot fail it: without the limit the loops take 10 seconds or more
    assert time.process_time() - start < 5


def test_ordinary_loops_and_words_still_work(config):
    page = ("{% for language in languages %}{{ language.name }}{% if not loop.last %}, {% endif %}{% endfor %}. "
            "{{ site.organisation ~ ' (' ~ contact.email ~ ')' }} {{ 'Call' + ' us' }}. {{ 2 ** 10 }}. "
            "{{ ['a', 'b']|join(', ') }}. {{ 'Email us'|replace('Email', 'Write to') }}. {{ 10 % 3 }}.")
    out = content.render(page, config)
    assert config.languages[0].name in out and config.contact.email.replace(".", "\\.") in out
    assert "Call us" in out and "1024" in out and "a, b" in out and "Write to us. 1." in out
    # a modest page that uses loops a fair amount: 5 x 200 x 20 = 20,000 turns
    busy = ("{% for l in languages %}{% for a in 'x' * 200 %}{% for b in 'y' * 20 %}"
            "{% endfor %}{% endfor %}{% endfor %}ok")
    assert content.render(busy, config).endswith("ok")
