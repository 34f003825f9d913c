"""WeasyPrint, as charterkit uses it: patches.py holds every change charterkit makes to WeasyPrint's own
functions, each with what it works around, the upstream issue and the test that fails when it stops
working. (Rendering itself is still in generator/render/pdf_engine.py; it moves here with the rest of print.)
"""
