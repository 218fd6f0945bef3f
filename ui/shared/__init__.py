"""Shared: the grants (page.py, models.py), who knows what about a field (knows.py), and a
share token as a QR code (qr.py)."""
