"""One module per outside system; each defines SYSTEM (see registry.py). Adding a system = adding a file here."""
