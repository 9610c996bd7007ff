"""One way to turn a drawn picture into PNG bytes, for every part of the course.

Course pictures are flat drawings with few colours, so a 256-colour palette image looks the same
as full colour at about a third of the size. Two settings, one function:

- ``quick=True`` for live explorers: a fast palette and light compression, because every slider
  move encodes a new picture (measured with ``make bench``);
- ``quick=False`` for pictures that are stored (figures shown in notebooks, explorer pictures saved
  with the notebook): the best palette and full compression, so notebooks stay small.

The bytes carry no timestamp, so the same picture always gives the same bytes.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image


def palette_png(pixels, *, quick: bool = False) -> bytes:
    """PNG bytes of ``pixels`` (an RGB or RGBA array of shape (height, width, 3 or 4), or a PIL image)
    as a 256-colour palette image."""
    image = pixels if isinstance(pixels, Image.Image) else Image.fromarray(np.asarray(pixels)[..., :3])
    image = image.convert("RGB")
    method = Image.Quantize.FASTOCTREE if quick else Image.Quantize.MEDIANCUT
    buffer = io.BytesIO()
    options = {"compress_level": 1} if quick else {"optimize": True}
    image.quantize(colors=256, method=method).save(buffer, format="png", **options)
    return buffer.getvalue()


def repack_png(data: bytes) -> bytes:
    """Re-encode PNG bytes as a stored palette picture; the original when that is not smaller."""
    smaller = palette_png(Image.open(io.BytesIO(data)))
    return smaller if len(smaller) < len(data) else data
