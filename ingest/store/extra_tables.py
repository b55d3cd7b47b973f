"""Imports every store module that defines tables beyond schema.py, so migrate() creates them."""
