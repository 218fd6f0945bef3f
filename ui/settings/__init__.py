"""Settings: the page (page.py) and its sections for the passphrase and recovery code
(secrets.py) and email aliases (aliases.py). What is stored lives in ui/preferences.py."""
