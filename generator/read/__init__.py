"""The read stage: the project's files, checked, into the model (every problem with its file, line and what
to do)."""
