"""Profile: what the person keeps about themselves.

Field values with their history and custom field definitions, the hash-chained audit
log, and the rules a new passphrase must meet.
"""
