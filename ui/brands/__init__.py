"""Brands: the list of brands and their asks (page.py, models.py), one brand's details, and
the dialog that imports a data request from a file, pasted text or a web address."""
