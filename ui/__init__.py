"""The desktop app: PySide6 widgets over `vault.service`. No SQL and no crypto here."""
