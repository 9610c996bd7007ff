"""The phantom scan: a toy CT calcium score on a synthetic artery (chapter 04).

Everything here is **synthetic**: a made-up cross-section of a small artery in
HU-like toy units, not a real scan, and not a diagnostic tool. It shows how an
Agatston-style calcium score is made and what it cannot see.

How the course's toy score works (after Agatston 1990):

1. **Threshold.** Pixels at or above 130 (HU-like units) count as calcium.
2. **Lesions.** Counted pixels that touch are one lesion. The course uses
   *8-connectivity*: pixels touch if they share a side or a corner
   (``connectivity=4`` counts sides only).
3. **Minimum area.** Lesions smaller than a minimum area are ignored, so single
   specks of noise do not count. The Agatston method counts a lesion only if it
   covers at least 1 mm² (:data:`COMMON_MIN_AREA_MM2`), and real software uses
   the same minimum. This toy shows one thin slice of a small artery, so the explorer uses a
   smaller minimum,
   :data:`TOY_MIN_AREA_MM2`; :func:`agatston_score` takes any minimum you give it.
   A lesion whose area is exactly the minimum counts.
4. **Density weight.** Each lesion's weight is set by its brightest pixel
   (its peak): 1 for 130–199, 2 for 200–299, 3 for 300–399 and 4 for 400 or more
   (each band includes its lower edge, so 199.5 gives 1 and 200 gives 2).
5. **Score.** Each lesion scores its area (mm²) × its weight; the score is the sum.

The phantom: a round artery (channel, intima, media, adventitia, soft tissue
and then fat around it) on a fine grid of 0.05 mm pixels. A deposit of calcium
of a chosen area and density sits in the intima or the media, as an arc in the
middle of that layer. The same amount gives the same arc (same thickness, same
length) in either layer, so "the same calcium" really is the same; pixels at
the arc's edge are partly covered, so moving it does not change its size.
A tiny speck sits on the other side of the intima, to show what a scan cannot
count. :func:`scan` then blurs the picture to a chosen scanner resolution (a
Gaussian blur written with numpy only) and adds noise from a numpy Generator
that the caller passes in.

Layer thicknesses are approximate adult values for a heart artery (intima about
0.22 mm, media about 0.20 mm, adventitia 0.3–0.5 mm; the toy uses 0.5). The
HU-like values of blood, wall and fat are rough toy values: without contrast dye,
blood and the wall look almost alike on CT, so the toy gives them nearly the
same value.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .inputs import number

THRESHOLD_HU = 130.0
WEIGHT_BANDS = ((130.0, 1), (200.0, 2), (300.0, 3), (400.0, 4))  #: (lower edge, weight)
COMMON_MIN_AREA_MM2 = 1.0  #: minimum lesion area of the Agatston method and of real software
TOY_MIN_AREA_MM2 = 0.1  #: the explorer's minimum: one thin slice of a small artery (toy)
FWHM_PER_SIGMA = 2.0 * math.sqrt(2.0 * math.log(2.0))  #: ≈ 2.355

# ----- the phantom's geometry and toy values ---------------------------------------------------
GRID = 128  #: pixels on each side
PIXEL_MM = 0.05  #: width of one pixel, toy mm (the picture is 6.4 mm across)
LUMEN_MM = 1.5  #: radius of the channel
LAYERS_MM = {"intima": 0.22, "media": 0.20, "adventitia": 0.50}  #: approximate adult thicknesses
LAYERS = ("intima", "media")  #: where the explorer can put calcium
TISSUE_HU = {"fat": -90.0, "lumen": 45.0, "intima": 50.0, "media": 50.0, "adventitia": 50.0,
             "tissue": 50.0}  #: toy values: without contrast dye, blood and wall look almost alike
LAYER_CODES = {"fat": 0, "lumen": 1, "intima": 2, "media": 3, "adventitia": 4, "tissue": 5}
FAT_FROM_MM = 2.9  #: soft tissue surrounds the artery out to here, then fat
DEPOSIT_BAND_MM = 0.18  #: the calcium arc's thickness; it fits inside either layer
DEPOSIT_ANGLE = 0.0  #: the arc is centred on the right-hand side (radians)
SPECK_ANGLE = math.pi  #: the tiny speck sits on the left, opposite the deposit
SPECK_RADIUS_MM = 0.06  #: about 0.01 mm² in the toy; real microcalcifications are far smaller still
SPECK_HU = 600.0
MAX_AMOUNT_MM2 = 1.2  #: the most calcium the toy places (it never reaches the speck)
DENSITY_RANGE = (200.0, 2500.0)  #: the deposit's brightness, HU-like toy units
MAX_BLUR_MM = 1.5  #: the blurriest toy scanner
NOISE_SD = 6.0  #: scanner noise, HU-like toy units
SEED = 4  #: the explorer's fixed seed: the same settings always give the same picture

# ----- the worked example in chapter 04 (and its figure) ----------------------------------------
#: A 6 × 8 patch of a toy scan, in HU-like units. Each square is WORKED_PIXEL_MM2; the minimum
#: lesion area is WORKED_MIN_AREA_MM2 (the common 1 mm² convention). By hand:
#: A (4 squares, peak 180): 2.0 mm² × 1 = 2.0; B (3 squares, peak 350): 1.5 mm² × 3 = 4.5;
#: C (1 square at 420): 0.5 mm², under the minimum, not counted; the 120 next to A is under 130.
#: Toy score 2.0 + 4.5 = 6.5.
WORKED_EXAMPLE = (
    (40, 45, 150, 180, 50, 45, 40, 35),
    (45, 160, 140, 120, 40, 50, 50, 45),
    (40, 50, 45, 40, 55, 45, 50, 40),
    (35, 40, 45, 210, 350, 50, 45, 50),
    (50, 45, 40, 260, 45, 40, 35, 40),
    (40, 35, 50, 45, 40, 45, 420, 45),
)
WORKED_PIXEL_MM2 = 0.5
WORKED_MIN_AREA_MM2 = COMMON_MIN_AREA_MM2

# ----- how nearly the same: moving calcium between the layers -----------------------------------
#: At scan-like blur (this much or more), for a lesion the scan shows clearly (peak at least
#: CLEAR_PEAK_FACTOR × the threshold) whose peak is not within BOUNDARY_MARGIN of a weight boundary,
#: moving the same calcium between intima and media changes the toy score by less than
#: LAYER_SWAP_TOLERANCE (tests/test_agatston.py checks this). Near a boundary the step weights can
#: jump by one; near the threshold, noise decides which faint pixels count.
SCAN_LIKE_BLUR_MM = 0.4
CLEAR_PEAK_FACTOR = 1.3
BOUNDARY_MARGIN = 0.05
LAYER_SWAP_TOLERANCE = 0.15


# ----- the score ---------------------------------------------------------------------------------
def density_weight(peak_hu):
    """Agatston density weight for a lesion's peak: 0 below 130, then 1, 2, 3, 4 (bands 130/200/300/400).

    Takes a number or an array of numbers; NaN or non-numbers raise ``ValueError``.
    """
    values = np.asarray(peak_hu)
    if values.dtype.kind not in "iuf" or values.dtype == bool:
        raise ValueError(f"peak_hu must be a number or an array of numbers; got {peak_hu!r}.")
    if not np.all(np.isfinite(values)):
        raise ValueError("peak_hu must be finite numbers (no NaN or infinity).")
    edges = np.array([edge for edge, _ in WEIGHT_BANDS])
    weights = np.searchsorted(edges, values, side="right")  # number of lower edges at or below each value
    return int(weights) if weights.ndim == 0 else weights.astype(int)


@dataclass(frozen=True)
class Lesion:
    label: int  #: its number in :attr:`Score.labels`
    pixels: int
    area_mm2: float
    peak_hu: float
    weight: int
    score: float  #: area × weight (0 for an ignored lesion)
    counted: bool  #: False when it is smaller than the minimum area


@dataclass(frozen=True)
class Score:
    total: float
    lesions: tuple[Lesion, ...]  #: every lesion above the threshold, counted or not
    labels: np.ndarray = field(repr=False)  #: 0 for background, else the lesion's label
    threshold: float = THRESHOLD_HU
    min_area_mm2: float = TOY_MIN_AREA_MM2
    pixel_area_mm2: float = PIXEL_MM**2

    @property
    def counted(self) -> tuple[Lesion, ...]:
        return tuple(lesion for lesion in self.lesions if lesion.counted)

    @property
    def ignored(self) -> tuple[Lesion, ...]:
        return tuple(lesion for lesion in self.lesions if not lesion.counted)

    @property
    def counted_area_mm2(self) -> float:
        return sum(lesion.area_mm2 for lesion in self.counted)

    @property
    def peak_hu(self) -> float | None:
        """The brightest counted pixel (None when nothing is counted)."""
        counted = self.counted
        return max(lesion.peak_hu for lesion in counted) if counted else None

    def weight_map(self) -> np.ndarray:
        """Each counted pixel's lesion weight (1–4); 0 elsewhere, and for ignored lesions."""
        lookup = np.zeros(len(self.lesions) + 1, dtype=int)
        for lesion in self.counted:
            lookup[lesion.label] = lesion.weight
        return lookup[self.labels]


_NEIGHBOURS = {
    4: ((-1, 0), (1, 0), (0, -1), (0, 1)),
    8: ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)),
}


def label_lesions(mask, connectivity: int = 8) -> tuple[np.ndarray, int]:
    """Number the groups of touching ``True`` pixels 1, 2, 3, ... in reading order.

    ``connectivity`` 8 joins pixels that share a side or a corner; 4 only those
    that share a side. Returns ``(labels, count)``; background is 0.
    """
    if connectivity not in _NEIGHBOURS:
        raise ValueError(f"connectivity must be 4 or 8; got {connectivity!r}.")
    mask = np.asarray(mask, dtype=bool)
    if mask.ndim != 2:
        raise ValueError(f"the mask must be a 2-D picture; got {mask.ndim} dimensions.")
    rows, cols = mask.shape
    # A one-pixel empty border means no neighbour ever falls off the picture; plain Python
    # lists are much faster than numpy for this pixel-by-pixel walk.
    width = cols + 2
    padded = np.pad(mask, 1).ravel().tolist()
    found = [0] * len(padded)
    steps = [dr * width + dc for dr, dc in _NEIGHBOURS[connectivity]]
    count = 0
    for start in np.flatnonzero(padded).tolist():  # reading order, so the numbering is too
        if found[start]:
            continue
        count += 1
        found[start] = count
        queue = deque([start])
        while queue:
            here = queue.popleft()
            for step in steps:
                there = here + step
                if padded[there] and not found[there]:
                    found[there] = count
                    queue.append(there)
    labels = np.asarray(found, dtype=int).reshape(rows + 2, width)[1:-1, 1:-1]
    return np.ascontiguousarray(labels), count


def agatston_score(
    hu,
    pixel_area_mm2: float,
    *,
    threshold: float = THRESHOLD_HU,
    min_area_mm2: float = TOY_MIN_AREA_MM2,
    connectivity: int = 8,
) -> Score:
    """The toy Agatston score of one slice ``hu`` (a 2-D array in HU-like units).

    ``pixel_area_mm2`` is the area of one pixel. Lesions are groups of touching
    pixels at or above ``threshold``; those with an area below ``min_area_mm2``
    are listed but not counted. Each counted lesion scores area × density weight
    of its peak. Bad input raises ``ValueError`` with a plain message.
    """
    image = np.asarray(hu)
    if image.dtype.kind not in "iuf" or image.dtype == bool:
        raise ValueError("the scan must be a 2-D array of numbers (HU-like units).")
    if image.ndim != 2 or 0 in image.shape:
        raise ValueError(f"the scan must be a non-empty 2-D picture; got shape {image.shape}.")
    if not np.all(np.isfinite(image)):
        raise ValueError("the scan has missing values (NaN or infinity); every pixel needs a number.")
    pixel_area_mm2 = number("pixel_area_mm2", pixel_area_mm2, 0.0, low_open=True)
    threshold = number("threshold", threshold)
    min_area_mm2 = number("min_area_mm2", min_area_mm2, 0.0)
    labels, count = label_lesions(image >= threshold, connectivity)
    flat = labels.ravel()
    pixels = np.bincount(flat, minlength=count + 1)
    peaks = np.full(count + 1, -np.inf)
    np.maximum.at(peaks, flat, image.ravel().astype(float))
    lesions = []
    for label in range(1, count + 1):
        area = pixels[label] * pixel_area_mm2
        counted = area >= min_area_mm2 - 1e-12  # a lesion exactly at the minimum counts
        weight = density_weight(peaks[label])
        lesions.append(Lesion(label=label, pixels=int(pixels[label]), area_mm2=float(area),
                              peak_hu=float(peaks[label]), weight=weight,
                              score=float(area * weight) if counted else 0.0, counted=bool(counted)))
    total = float(sum(lesion.score for lesion in lesions))
    return Score(total=total, lesions=tuple(lesions), labels=labels, threshold=threshold,
                 min_area_mm2=min_area_mm2, pixel_area_mm2=pixel_area_mm2)


# ----- the phantom -------------------------------------------------------------------------------
SUBSAMPLES = 4  #: each pixel is sampled 4 × 4 times, so a deposit can cover part of a pixel


@lru_cache(maxsize=4)
def _geometry(grid: int, pixel_mm: float, samples: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Radius (mm) and angle (radians, 0 = right, anticlockwise) of sample points (cached, read-only).

    With ``samples`` > 1, each pixel has ``samples × samples`` points spread evenly over it.
    """
    size = grid * samples
    centre = size / 2
    coords = (np.arange(size) + 0.5 - centre) * (pixel_mm / samples)
    dx, dy = coords[None, :], -coords[:, None]  # image rows run downwards
    radius, angle = np.hypot(dx, dy), np.arctan2(dy, dx)
    for array in (radius, angle):
        array.setflags(write=False)
    return radius, angle


def _layer_codes(radius: np.ndarray) -> np.ndarray:
    edges = np.cumsum([LUMEN_MM, LAYERS_MM["intima"], LAYERS_MM["media"], LAYERS_MM["adventitia"]])
    return np.select(
        [radius < edges[0], radius < edges[1], radius < edges[2], radius < edges[3], radius < FAT_FROM_MM],
        [LAYER_CODES[name] for name in ("lumen", "intima", "media", "adventitia", "tissue")],
        LAYER_CODES["fat"],
    )


def layer_mid_radius(layer: str) -> float:
    """The radius (mm) halfway through ``layer``."""
    inner = LUMEN_MM + (LAYERS_MM["intima"] if layer == "media" else 0.0)
    return inner + LAYERS_MM[layer] / 2


@lru_cache(maxsize=8)
def _band_samples(layer: str, grid: int, pixel_mm: float, centre_angle: float) -> tuple[np.ndarray, np.ndarray]:
    """The sample points in the middle band of ``layer``: their pixel (flat index) and their angle
    from ``centre_angle``, sorted from nearest to farthest (cached, read-only)."""
    radius, angle = _geometry(grid, pixel_mm, SUBSAMPLES)
    band = np.abs(radius - layer_mid_radius(layer)) < DEPOSIT_BAND_MM / 2
    rows, cols = np.nonzero(band)
    pixel = (rows // SUBSAMPLES) * grid + cols // SUBSAMPLES
    distance = np.abs((angle[rows, cols] - centre_angle + math.pi) % (2 * math.pi) - math.pi)
    order = np.argsort(distance, kind="stable")
    pixel, distance = pixel[order], distance[order]
    for array in (pixel, distance):
        array.setflags(write=False)
    return pixel, distance


def deposit_arc(layer: str, amount_mm2: float) -> tuple[float, float, float]:
    """The calcium arc for ``amount_mm2`` in ``layer``: ``(inner radius, outer radius, half-angle)``, mm and radians.

    The arc is :data:`DEPOSIT_BAND_MM` thick and centred in the middle of the layer;
    its length along that middle is the area divided by the thickness.
    """
    if layer not in LAYERS:
        raise ValueError(f"layer must be one of {', '.join(LAYERS)}; got {layer!r}.")
    mid = layer_mid_radius(layer)
    half_angle = max(float(amount_mm2), 0.0) / DEPOSIT_BAND_MM / mid / 2  # arc length ÷ radius = angle
    if half_angle > math.pi:
        raise ValueError(f"{amount_mm2:g} mm² of calcium does not fit in the {layer} of this toy artery.")
    return mid - DEPOSIT_BAND_MM / 2, mid + DEPOSIT_BAND_MM / 2, half_angle


def deposit_coverage(layer: str, amount_mm2: float, *, grid: int = GRID, pixel_mm: float = PIXEL_MM,
                     centre_angle: float = DEPOSIT_ANGLE) -> np.ndarray:
    """How much of each pixel an arc of calcium covers (0–1).

    The arc is :data:`DEPOSIT_BAND_MM` thick, centred in the middle of ``layer``,
    and long enough to hold ``amount_mm2`` (its length along the middle of the
    band is the area divided by the thickness). Each pixel is sampled
    :data:`SUBSAMPLES` × :data:`SUBSAMPLES` times, so the arc can cover part of a
    pixel. More calcium only lengthens the arc, so no pixel's coverage ever shrinks.
    """
    _, _, half_angle = deposit_arc(layer, amount_mm2)
    if half_angle <= 0:
        return np.zeros((grid, grid))
    pixel, distance = _band_samples(layer, grid, pixel_mm, centre_angle)
    inside = int(np.searchsorted(distance, half_angle, side="right"))
    hits = np.bincount(pixel[:inside], minlength=grid * grid)
    return hits.reshape(grid, grid) / SUBSAMPLES**2


@lru_cache(maxsize=4)
def _speck_coverage(grid: int, pixel_mm: float) -> np.ndarray:
    radius, angle = _geometry(grid, pixel_mm, SUBSAMPLES)
    mid = layer_mid_radius("intima")
    x, y = radius * np.cos(angle), radius * np.sin(angle)
    cx, cy = mid * math.cos(SPECK_ANGLE), mid * math.sin(SPECK_ANGLE)
    inside = np.hypot(x - cx, y - cy) < SPECK_RADIUS_MM
    coverage = inside.reshape(grid, SUBSAMPLES, grid, SUBSAMPLES).mean(axis=(1, 3))
    coverage.setflags(write=False)
    return coverage


@dataclass(frozen=True)
class Phantom:
    """A synthetic artery cut across (the truth, before any scanner)."""

    hu: np.ndarray = field(repr=False)  #: HU-like toy values of every pixel
    layers: np.ndarray = field(repr=False)  #: layer code of every pixel centre (see LAYER_CODES)
    coverage: np.ndarray = field(repr=False)  #: share of each pixel the deposit covers, 0–1
    speck: np.ndarray = field(repr=False)  #: share of each pixel the tiny speck covers, 0–1
    layer: str
    amount_mm2: float  #: the deposit's area as drawn (coverage × pixel area, summed)
    density_hu: float
    pixel_mm: float = PIXEL_MM

    @property
    def pixel_area_mm2(self) -> float:
        return self.pixel_mm**2

    @property
    def calcium(self) -> np.ndarray:
        """Pixels at least half covered by the deposit."""
        return self.coverage >= 0.5


def make_phantom(layer: str = "intima", amount_mm2: float = 0.8, density_hu: float = 1000.0, *,
                 speck: bool = True, grid: int = GRID, pixel_mm: float = PIXEL_MM) -> Phantom:
    """A synthetic cross-section with ``amount_mm2`` of calcium at ``density_hu`` in ``layer``.

    The same amount gives the same arc of calcium in either layer: same thickness,
    same length along its middle, so the same area. Bad input raises ``ValueError``.
    """
    if layer not in LAYERS:
        raise ValueError(f"layer must be one of {', '.join(LAYERS)}; got {layer!r}.")
    amount_mm2 = number("amount_mm2", amount_mm2, 0.0, MAX_AMOUNT_MM2)
    density_hu = number("density_hu", density_hu, *DENSITY_RANGE)
    grid = int(number("grid", grid, 64, 512))
    pixel_mm = number("pixel_mm", pixel_mm, 0.0, low_open=True)
    if FAT_FROM_MM * 2 > grid * pixel_mm:
        raise ValueError("the picture is too small for the artery; use a larger grid or larger pixels.")
    codes = _layer_codes(_geometry(grid, pixel_mm)[0])
    tissue = np.zeros((grid, grid))
    for name, value in TISSUE_HU.items():
        tissue[codes == LAYER_CODES[name]] = value
    coverage = deposit_coverage(layer, amount_mm2, grid=grid, pixel_mm=pixel_mm)
    specks = _speck_coverage(grid, pixel_mm) if speck else np.zeros((grid, grid))
    hu = tissue + coverage * (density_hu - tissue) + specks * (SPECK_HU - tissue)
    return Phantom(hu=hu, layers=codes, coverage=coverage, speck=specks, layer=layer,
                   amount_mm2=float(coverage.sum() * pixel_mm**2), density_hu=density_hu, pixel_mm=pixel_mm)


# ----- the scanner -------------------------------------------------------------------------------
@lru_cache(maxsize=64)
def _kernel(sigma_px: float) -> np.ndarray:
    """A 1-D Gaussian of ``sigma_px`` pixels, cut at 4 sigma and scaled to sum to 1 (cached, read-only)."""
    reach = max(1, math.ceil(4 * sigma_px))
    offsets = np.arange(-reach, reach + 1)
    kernel = np.exp(-0.5 * (offsets / sigma_px) ** 2)
    kernel /= kernel.sum()
    kernel.setflags(write=False)
    return kernel


def _blur_axis(image: np.ndarray, kernel: np.ndarray, axis: int) -> np.ndarray:
    """Blur along one axis: a weighted sum of shifted copies (edges are extended outwards)."""
    reach = len(kernel) // 2
    pad = [(0, 0), (0, 0)]
    pad[axis] = (reach, reach)
    padded = np.pad(image, pad, mode="edge")
    size = image.shape[axis]
    out = np.zeros_like(image)
    for shift, weight in enumerate(kernel):
        out += weight * (padded[shift:shift + size, :] if axis == 0 else padded[:, shift:shift + size])
    return out


def blur(image, blur_mm: float, pixel_mm: float = PIXEL_MM) -> np.ndarray:
    """Blur ``image`` with a Gaussian whose full width at half maximum is ``blur_mm`` (0: no blur).

    Written with numpy only: the Gaussian is separable, so the picture is blurred
    down its columns and then along its rows. The kernel sums to 1 and the edges
    are extended outwards, so a picture of one even value stays exactly the same.
    """
    image = np.asarray(image, dtype=float)
    if image.ndim != 2 or 0 in image.shape:
        raise ValueError(f"the picture must be a non-empty 2-D array; got shape {image.shape}.")
    if not np.all(np.isfinite(image)):
        raise ValueError("the picture has missing values (NaN or infinity).")
    blur_mm = number("blur_mm", blur_mm, 0.0)
    pixel_mm = number("pixel_mm", pixel_mm, 0.0, low_open=True)
    sigma_px = blur_mm / FWHM_PER_SIGMA / pixel_mm
    if sigma_px < 1e-3:
        return image.copy()
    kernel = _kernel(round(sigma_px, 9))
    return _blur_axis(_blur_axis(image, kernel, 0), kernel, 1)


def scan(phantom: Phantom, blur_mm: float, rng: np.random.Generator, *, noise_sd: float = NOISE_SD) -> np.ndarray:
    """What the toy scanner sees: the phantom blurred to ``blur_mm`` plus noise drawn from ``rng``."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy Generator, e.g. numpy.random.default_rng(4).")
    noise_sd = number("noise_sd", noise_sd, 0.0)
    picture = blur(phantom.hu, blur_mm, phantom.pixel_mm)
    if noise_sd > 0:
        picture = picture + rng.normal(0.0, noise_sd, picture.shape)
    return picture


@dataclass(frozen=True)
class PhantomScan:
    phantom: Phantom
    blur_mm: float
    picture: np.ndarray = field(repr=False)  #: the scan, HU-like toy units
    score: Score

    @property
    def speck_counted(self) -> bool:
        """Whether any counted lesion includes the tiny speck."""
        return bool(np.any(self.score.weight_map()[self.phantom.speck > 0] > 0))


def phantom_scan(layer: str = "intima", amount_mm2: float = 0.8, density_hu: float = 1000.0,
                 blur_mm: float = 0.6, *, rng: np.random.Generator | None = None,
                 noise_sd: float = NOISE_SD, min_area_mm2: float = TOY_MIN_AREA_MM2) -> PhantomScan:
    """Make a phantom, scan it and score it. ``rng`` defaults to ``default_rng(SEED)`` (deterministic)."""
    blur_mm = number("blur_mm", blur_mm, 0.0, MAX_BLUR_MM)
    phantom = make_phantom(layer, amount_mm2, density_hu)
    rng = np.random.default_rng(SEED) if rng is None else rng
    picture = scan(phantom, blur_mm, rng, noise_sd=noise_sd)
    score = agatston_score(picture, phantom.pixel_area_mm2, min_area_mm2=min_area_mm2)
    return PhantomScan(phantom=phantom, blur_mm=blur_mm, picture=picture, score=score)
