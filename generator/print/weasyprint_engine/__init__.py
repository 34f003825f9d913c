"""WeasyPrint, as charterkit uses it: patches.py holds every change charterkit makes to WeasyPrint's own
functions, each with what it works around, the upstream issue and the test that fails when it stops
working. (Rendering itself is in generator/print/pdf_engine.py.)
"""
