"""Sync: one vault on several computers, through a folder another program keeps in step.

Each device appends its own sealed, signed, hash-chained segments of row operations to
the folder and merges the others' deterministically; see docs/sync.md. The synced
tables are listed in `tables.py` (a new table joins with one line there). The manager
is `vault.sync` (`manager.Sync`); joining from a folder is `joining.join`.
"""
