"""The transparency report: the export dialog (dialog.py) and the printed version with its
PDF (printed.py); the web page is laid out by vault.transparency.html in ui/words/report.py's
words."""
