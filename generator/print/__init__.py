"""The print stage: printable packs from each language's view (issue #11). packs.py writes every pack: the HTML
(pack_html.py, theme/print/), WeasyPrint in worker processes (pdf_engine.py), then the Arabic/Urdu text layer
(pdf_textlayer.py), the PDF/UA structure fixes (pdf_structure.py), the form fields (pdf_forms.py); qr.py makes
the covers' QR codes. Nothing here imports the web side (generator/web/).

weasyprint_engine/ is the one place that reaches into WeasyPrint beyond its public API (patches.py).
"""
