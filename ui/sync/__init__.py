"""Sync in the app: the folder watched while the vault is open, the status bar's line."""
