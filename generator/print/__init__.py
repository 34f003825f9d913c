"""The print stage: printable packs from each language's view (moving here from generator/render/, issue #11).

weasyprint_engine/ is the one place that reaches into WeasyPrint beyond its public API (patches.py).
"""
