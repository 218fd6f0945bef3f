"""The desktop app: PySide6 widgets over `vault.vault.Vault` and its managers. No SQL and
no crypto here."""
