"""Transparency: what the person can see about their exchanges.

The value balance of an ask or a brand, the report model (who knows what, why, until
when, what came back), consent records with their proofs, and the JSON export.
"""
