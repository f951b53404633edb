"""Domain rules: credit codes, enterprise size class, field formats, regions (no Qt)."""
