"""The field catalogue is part of the wire protocol; it lives in `zpd.catalogue`."""

from zpd.catalogue import BY_KEY, CATALOGUE

__all__ = ["BY_KEY", "CATALOGUE"]
