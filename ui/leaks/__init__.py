"""Leak canaries while the vault is open: the mailbox watcher and a leak's detail."""
