"""`zpv`, the person's command line: its commands and every English word it prints.

Nothing outside this package imports it (`python -m vault` runs `vault.cli.main`).
"""
