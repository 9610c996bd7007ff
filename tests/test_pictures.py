"""One PNG helper: palette pictures, quick for live explorers, small for stored ones."""

import io

import numpy as np
import pytest
from PIL import Image

from calcium_paradox.pictures import palette_png, repack_png


def _drawing(height=60, width=80):
    pixels = np.full((height, width, 3), 255, dtype=np.uint8)
    pixels[10:30, 10:50] = (0, 114, 178)
    pixels[35:50, 20:70] = (213, 94, 0)
    return pixels


@pytest.mark.parametrize("quick", [True, False])
def test_a_flat_drawing_comes_back_pixel_for_pixel_as_a_palette_png(quick):
    data = palette_png(_drawing(), quick=quick)
    image = Image.open(io.BytesIO(data))
    assert data.startswith(b"\x89PNG") and image.mode == "P"
    assert np.array_equal(np.asarray(image.convert("RGB")), _drawing())


def test_rgba_input_and_pil_input_give_the_same_picture():
    rgba = np.dstack([_drawing(), np.full((60, 80), 255, dtype=np.uint8)])
    assert palette_png(rgba) == palette_png(Image.fromarray(_drawing()))


def test_the_same_picture_gives_the_same_bytes_and_stored_is_not_larger_than_quick():
    assert palette_png(_drawing()) == palette_png(_drawing())
    assert len(palette_png(_drawing())) <= len(palette_png(_drawing(), quick=True))


def test_repacking_keeps_the_smaller_of_the_two():
    buffer = io.BytesIO()
    Image.fromarray(_drawing()).save(buffer, format="png", compress_level=0)
    full = buffer.getvalue()
    small = repack_png(full)
    assert len(small) < len(full)
    assert len(repack_png(small)) <= len(small), "repacking never makes a picture larger"
