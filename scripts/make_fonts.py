"""Build the bundled document fonts resources/fonts/XieshouSerif-{Regular,Bold}.ttf.

Why: reportlab embeds TrueType-outline fonts only and refuses the CFF outlines
that Noto Serif CJK ships with. This script takes the Simplified Chinese face of
Noto Serif CJK (Debian package fonts-noto-cjk, SIL OFL 1.1), keeps every
character its cmap maps except Korean Hangul syllables (a third of the size,
never used on Simplified Chinese forms), converts the cubic CFF outlines to
quadratic TrueType outlines (cu2qu, the fontTools "otf2ttf" recipe) and renames
the family.

Deterministic: the same source files give the same output bytes (timestamps are
copied from the source font, never taken from the clock).

Usage:  python scripts/make_fonts.py [--source-dir DIR] [--out-dir DIR]
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
OUT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
SOURCE_FAMILY = "Noto Serif CJK SC"
FAMILY = "Xieshou Serif"
POSTSCRIPT_FAMILY = "XieshouSerif"
# cu2qu tolerance in font units (1000 per em): 1 unit is invisible at print sizes.
MAX_ERR = 1.0
# Tables reportlab does not read; the layout tables would also pull the
# Japanese/Korean/Traditional variant glyphs of the collection into the subset.
DROP_TABLES = ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx"]
# Name records rewritten for the new family; copyright (0), trademark (7),
# designer, vendor and licence records (8-14) are kept as the OFL requires,
# the original description (10) is kept after a note on the conversion.
RENAMED_IDS = (1, 2, 3, 4, 6, 10, 16, 17)
# Korean Hangul syllables: 11,172 composed glyphs, a third of the file size,
# never needed on Simplified Chinese forms. Everything else the SC face maps
# (all Han blocks, Ext-A, its Ext-B set, punctuation, Latin) is kept.
DROPPED_RANGES = ((0xAC00, 0xD7A3),)


@dataclass(frozen=True)
class Weight:
    source_file: str  # .ttc in SOURCE_DIR
    style: str  # subfamily name, also the file suffix

    @property
    def out_name(self) -> str:
        return f"{POSTSCRIPT_FAMILY}-{self.style}.ttf"


WEIGHTS = (
    Weight("NotoSerifCJK-Regular.ttc", "Regular"),
    Weight("NotoSerifCJK-Bold.ttc", "Bold"),
)


def open_sc_face(path: Path) -> TTFont:
    """Open the Simplified Chinese face of a Noto CJK collection, found by name."""
    number = 0
    while True:
        try:
            font = TTFont(str(path), fontNumber=number, recalcTimestamp=False)
        except IndexError:
            raise SystemExit(f"{path}: no face named {SOURCE_FAMILY!r}") from None
        if font["name"].getDebugName(1) == SOURCE_FAMILY:
            return font
        font.close()
        number += 1


def drop_variation_cmaps(font: TTFont) -> None:
    """Keep only the Unicode cmaps: format 14 (variation sequences) would add
    glyphs reportlab cannot reach, and legacy Mac encodings are useless here."""
    cmap = font["cmap"]
    cmap.tables = [t for t in cmap.tables if t.isUnicode() and t.format != 14]


def kept_unicodes(font: TTFont) -> list[int]:
    return sorted(
        code for code in font.getBestCmap()
        if not any(low <= code <= high for low, high in DROPPED_RANGES)
    )


def subset_to_cmap(font: TTFont) -> None:
    """Keep exactly the glyphs the kept SC characters reach (plus .notdef)."""
    options = subset.Options()
    options.layout_features = []
    options.drop_tables = options.drop_tables + DROP_TABLES
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=kept_unicodes(font))
    subsetter.subset(font)


def quadratic_glyphs(font: TTFont) -> dict:
    glyph_set = font.getGlyphSet()
    result = {}
    for name in font.getGlyphOrder():
        tt_pen = TTGlyphPen(glyph_set)
        # reverse_direction: CFF contours run counter-clockwise, TrueType clockwise.
        glyph_set[name].draw(Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=True))
        result[name] = tt_pen.glyph()
    return result


def cff_to_glyf(font: TTFont) -> None:
    """Replace the CFF table by glyf/loca, maxp 1.0 and post format 3."""
    order = font.getGlyphOrder()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = quadratic_glyphs(font)
    del font["CFF "]
    glyf.compile(font)
    update_left_side_bearings(font, glyf)
    font["maxp"] = maxp_version_1(font)
    post = font["post"]
    # Format 3: no glyph names. CID-keyed names ("cid12345") are of no use and
    # would add hundreds of kilobytes.
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"


def update_left_side_bearings(font: TTFont, glyf) -> None:
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        width = hmtx[name][0]
        hmtx[name] = (width, getattr(glyph, "xMin", 0))


def maxp_version_1(font: TTFont):
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(font.getGlyphOrder())
    maxp.maxZones = 1
    for field in (
        "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
        "maxComponentDepth",
    ):
        setattr(maxp, field, 0)
    maxp.recalc(font)  # points and contours per glyph
    return maxp


def rename(font: TTFont, style: str) -> None:
    name = font["name"]
    version = name.getDebugName(5) or ""
    source_ps = name.getDebugName(6) or ""
    credits = name.getDebugName(10) or ""
    name.names = [r for r in name.names if r.nameID not in RENAMED_IDS]
    full = FAMILY if style == "Regular" else f"{FAMILY} {style}"
    ps_name = f"{POSTSCRIPT_FAMILY}-{style}"
    records = {
        1: FAMILY,
        2: style,
        3: f"{version.split(';')[0]};{ps_name}",
        4: full,
        6: ps_name,
        10: f"TrueType-outline conversion of {source_ps} ({SOURCE_FAMILY}), "
        f"SIL Open Font License 1.1. {credits}".strip(),
    }
    for name_id, text in records.items():
        name.setName(text, name_id, 3, 1, 0x409)


def build(weight: Weight, source_dir: Path, out_dir: Path) -> Path:
    font = open_sc_face(source_dir / weight.source_file)
    drop_variation_cmaps(font)
    subset_to_cmap(font)
    cff_to_glyf(font)
    rename(font, weight.style)
    out = out_dir / weight.out_name
    font.save(str(out), reorderTables=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", type=Path, default=SOURCE_DIR)
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    parser.add_argument(
        "--jobs", type=int, default=len(WEIGHTS), help="weights built in parallel (1: in this process)"
    )
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for out in build_all(args.source_dir, args.out_dir, args.jobs):
        print(f"{out}  {out.stat().st_size:,} bytes")
    print(write_coverage(args.out_dir / WEIGHTS[0].out_name))
    return 0


def write_coverage(regular: Path) -> Path:
    """The regular face's characters as code-point ranges, beside it (read by desktop.documents.fonts)."""
    from fontTools.ttLib import TTFont

    from desktop.documents.fonts import format_ranges

    cmap = TTFont(str(regular), lazy=True).getBestCmap()
    characters = frozenset(chr(code) for code, glyph in cmap.items() if glyph != ".notdef")
    out = regular.with_name(regular.stem + ".coverage.txt")
    out.write_text(format_ranges(characters), "ascii")
    return out


def build_all(source_dir: Path, out_dir: Path, jobs: int) -> list[Path]:
    if jobs <= 1:
        return [build(weight, source_dir, out_dir) for weight in WEIGHTS]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(build, weight, source_dir, out_dir) for weight in WEIGHTS]
        return [future.result() for future in futures]


if __name__ == "__main__":
    sys.exit(main())
