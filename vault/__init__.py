"""The person's side of Zero-Party Vault, a library with no Qt: `vault.vault.Vault` and the
managers it binds (`vault/vault.py`), in rooms: storage, profile, exchange, transparency,
and the command line (`vault/cli`)."""
