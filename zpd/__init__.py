"""The zero-party data protocol (docs/protocol.md): formats shared by the vault and brands.

No Qt, no storage, no knowledge of either side's internals: the vault and the
brand kit both build on this package, and neither imports the other.
"""
