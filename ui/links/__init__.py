"""Share links from a brand's page: one running app per person (single_instance.py), the
app's wiring of links at launch (launch.py), and the way from a link to the review and
back (opener.py, with the fetch's dialog, open_dialog.py, and the way back to the brand,
back_dialog.py)."""
