"""The commands that sit beside cli.py and, like it, may use every stage: `charterkit i18n ...` (i18n.py)."""
