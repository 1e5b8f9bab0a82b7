"""Makes the receipt PDFs' fonts: DejaVu Sans cut down to the scripts applicants write in.

    .venv/bin/python scripts/subset-fonts.py

DejaVu Sans (intake/core/fonts/DejaVuSans*.ttf, its licence beside it) has about 6,000 glyphs,
hinting and glyph names: fpdf2 parses all of it for every PDF it builds, about 70 ms per font
(docs/benchmarks.md). The PDFs need the Latin, Greek and Cyrillic alphabets of the members'
languages (with their accents), punctuation and a few symbols; no hinting (a PDF is scaled,
not shown on a pixel grid) and no glyph names. The result is committed
(DejaVuSans-Intake*.ttf, same licence); run this again only to change what it keeps.
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset

FONTS = Path(__file__).resolve().parents[1] / "intake" / "core" / "fonts"
RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x024F),  # Latin-1 Supplement, Latin Extended-A and -B (ș ț ő ű ğ ı ł ...)
    (0x02B0, 0x036F),  # spacing modifiers, combining accents (decomposed letters)
    (0x0370, 0x052F),  # Greek, Cyrillic and its supplement (ѓ ќ ...)
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x206F),  # punctuation: dashes, quotes, bullet, ellipsis
    (0x20A0, 0x20CF),  # currency (€)
    (0x2100, 0x214F),  # letterlike (№, ™)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators (−, ≤)
    (0x25A0, 0x25FF),  # geometric shapes
    (0x2713, 0x2717),  # ✓ ✗
    (0xFFFD, 0xFFFD),  # replacement character
]


def main() -> None:
    unicodes = [code for start, end in RANGES for code in range(start, end + 1)]
    for name in ("DejaVuSans", "DejaVuSans-Bold"):
        options = subset.Options()
        options.hinting = False
        options.glyph_names = False
        options.layout_features = ["*"]
        options.name_IDs = ["*"]  # keep the copyright and licence strings
        font = subset.load_font(str(FONTS / f"{name}.ttf"), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        target = FONTS / f"{name}-Intake.ttf"
        subset.save_font(font, str(target), options)
        print(f"{target.name}: {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
