"""The commands that sit beside cli.py and, like it, may use every stage: `charterkit i18n ...` (i18n.py), and
its PO import (po_import.py), which checks every change with validate/'s rules before it writes."""
