"""Activity: the audit log read page by page off the GUI thread (feed.py), its table model,
and the page with its filters and the chain's check."""
