"""Profile: what the person keeps about themselves.

Field values with their history and custom field definitions, answers to brands' own
questions (fields scoped to one brand, with their history), the hash-chained audit
log, and the rules a new passphrase must meet.
"""
