#!/usr/bin/env python3
"""Draws Cuecard's app icons (a cue card on the accent blue) as PNGs with only the standard
library; style/icons/icon.svg is the same drawing. Run once when the icon changes; the PNGs are
committed because installable web apps need 192 and 512 px raster icons."""
import struct, zlib, pathlib

BLUE, WHITE, LINE = (11, 87, 208), (255, 255, 255), (160, 190, 240)

def pixel(x, y):
    # In a 0..1 square: full-bleed blue (maskable), a white card, three text lines.
    if 0.2 <= x <= 0.8 and 0.28 <= y <= 0.72:
        for top in (0.38, 0.48, 0.58):
            if top <= y <= top + 0.04 and 0.28 <= x <= (0.72 if top < 0.5 else 0.56):
                return LINE
        return WHITE
    return BLUE

def png(size):
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel((i + 0.5) / size, (j + 0.5) / size)) for i in range(size))
        for j in range(size))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))

out = pathlib.Path(__file__).resolve().parent.parent / "style" / "icons"
for size in (192, 512):
    (out / f"icon-{size}.png").write_bytes(png(size))
