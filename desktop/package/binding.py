"""The binding code (装订码) that ties the sealed paper to the disc (docs/package.md §3).

SHA-256 over the canonical ``data/submission.json`` bytes followed by the
SHA-256 hex digests of every other file with the role "data" (the companion
forms answering the same need, ``data/<form id>.json``) and of every
attachment, sorted, one per line — so a change to any form's data or to any
attached file gives a different code.  A package with one form and no
attachments is bound by its submission alone.  The first 80 bits are shown as
four groups of four Crockford base32 characters.
"""

from __future__ import annotations

import hashlib
import re

from .manifest_check import SUBMISSION_PATH

# Crockford base32: no I, L, O, U — easy to read aloud and to type from paper.
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TYPO_MAP = str.maketrans({"O": "0", "I": "1", "L": "1"})
_CODE_RE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{16}$")
BOUND_ROLES = ("data", "attachment")


def is_bound(path: str, role: str) -> bool:
    """Whether a package file's digest goes into the binding besides the submission's own bytes.

    The one rule both the export and the verifier apply.
    """
    return role in BOUND_ROLES and path != SUBMISSION_PATH


def binding_sha256(submission_bytes: bytes, other_sha256s: list[str] | tuple[str, ...] = ()) -> str:
    """Full SHA-256 (hex) the binding code is taken from.

    ``other_sha256s``: the digests of the package's other data files and of its attachments (any order).
    """
    digest = hashlib.sha256(submission_bytes)
    for item in sorted(other_sha256s):
        digest.update(b"\n" + item.lower().encode("ascii"))
    return digest.hexdigest()


def code_from_sha256(sha256_hex: str) -> str:
    """First 80 bits of the digest as ``XXXX-XXXX-XXXX-XXXX``."""
    bits = int(sha256_hex[:20], 16)  # 20 hex digits = 80 bits
    chars = [CROCKFORD[(bits >> shift) & 31] for shift in range(75, -1, -5)]
    text = "".join(chars)
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))


def normalize_code(typed: str) -> str | None:
    """A code as an officer types it (any case, spaces, O for 0) → canonical form, or None."""
    text = re.sub(r"[\s\-—_]", "", typed.upper()).translate(_TYPO_MAP)
    if not _CODE_RE.match(text):
        return None
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))
