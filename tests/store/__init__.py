"""Tests of desktop.store (a package so its test names cannot clash with other folders)."""
