"""Repeatable measurements; `make bench` runs them all (python -m benchmarks)."""
