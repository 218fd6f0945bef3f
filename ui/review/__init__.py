"""The share review: what a brand asks, read off the GUI thread (data.py), and the dialog
that shows it and shares what the person ticks (dialog.py, parts.py)."""
