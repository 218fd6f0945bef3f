"""Leak canaries that catch leaks: a mailbox watched read-only over IMAP, each message to an
alias judged on its authenticated sender, alias services, and the evidence and complaint a
leak calls for. Modules here take plain inputs; the vault binds them to its store."""
