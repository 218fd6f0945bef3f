"""What tests share: builders (request specs, brands' keys, clocks), real brands (the brand
kit's receiver in process or on loopback), opened vaults and the CLI in a subprocess.

Tests import from here; fixtures built on it live in the conftest.py files.
"""
