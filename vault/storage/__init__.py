"""Storage: the encrypted database and the files beside it.

The SQLCipher store and its numbered migrations, the header with its key slots, the
key hierarchy, re-keying, atomic file writes and the directory lock, rollback memory,
the one-file backup and its restore, and where a vault lives by default. Nothing here
knows what the tables mean.
"""
