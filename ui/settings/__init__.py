"""Settings: the typed registry over QSettings (registry.py), the page (page.py), and its
sections for the passphrase and recovery code (secrets.py) and email aliases (aliases.py)."""
