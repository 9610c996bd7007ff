"""The toy Agatston score and the phantom scan (chapter 04).

Hand-computed small phantoms check the score itself: areas, the density weights
1–4 at the 130/200/300/400 boundaries, several lesions, lesions below the
threshold, the minimum-area rule and how touching pixels are joined. Property
tests check the phantom scan: moving the same calcium between the intima and the
media at scan resolution leaves the score nearly the same (within the tolerance
stated in the model), more calcium never lowers the score, and every output is
bounded and the same on every run. Bad input gets a clear message.
"""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calcium_paradox.models import agatston as A
from calcium_paradox.models.agatston import agatston_score, blur, density_weight, label_lesions

amounts = st.floats(0.0, A.MAX_AMOUNT_MM2)
densities = st.floats(*A.DENSITY_RANGE)
blurs = st.floats(0.0, A.MAX_BLUR_MM)
scan_blurs = st.floats(A.SCAN_LIKE_BLUR_MM, A.MAX_BLUR_MM)
layers = st.sampled_from(A.LAYERS)


# ----- the density weight ------------------------------------------------------------------------
@pytest.mark.parametrize("peak,weight", [
    (-1000, 0), (0, 0), (129, 0), (129.99, 0), (130, 1), (150, 1), (199, 1), (199.99, 1),
    (200, 2), (250, 2), (299.99, 2), (300, 3), (399, 3), (399.99, 3), (400, 4), (401, 4), (3000, 4),
])
def test_density_weight_at_and_around_each_boundary(peak, weight):
    assert density_weight(peak) == weight


def test_density_weight_takes_arrays():
    assert density_weight(np.array([100, 130, 200, 300, 400])).tolist() == [0, 1, 2, 3, 4]


@given(st.floats(-2000, 5000), st.floats(-2000, 5000))
def test_density_weight_never_falls_as_the_peak_rises(a, b):
    low, high = sorted((a, b))
    assert 0 <= density_weight(low) <= density_weight(high) <= 4


@pytest.mark.parametrize("bad", [math.nan, math.inf, "bright", None, [1, "x"]])
def test_density_weight_refuses_what_is_not_a_number(bad):
    with pytest.raises(ValueError, match="peak_hu must be"):
        density_weight(bad)


# ----- the score on hand-made phantoms ------------------------------------------------------------
def test_one_lesion_area_times_the_weight_of_its_peak():
    # Six pixels of 0.25 mm²: five at 250 and one at 320. Area 6 × 0.25 = 1.5 mm²; the peak 320
    # gives weight 3; score 1.5 × 3 = 4.5.
    hu = np.zeros((5, 5))
    hu[1:3, 1:4] = 250
    hu[2, 3] = 320
    score = agatston_score(hu, 0.25, min_area_mm2=1.0)
    assert len(score.lesions) == 1
    (lesion,) = score.lesions
    assert (lesion.pixels, lesion.area_mm2, lesion.peak_hu, lesion.weight) == (6, 1.5, 320, 3)
    assert score.total == pytest.approx(4.5)
    assert score.counted_area_mm2 == pytest.approx(1.5) and score.peak_hu == 320


def test_several_lesions_add_up_and_pixels_below_130_are_not_calcium():
    # Pixel area 0.5 mm².
    #   A: a 2 × 2 block at 150             → area 2.0, weight 1 → 2.0
    #   B: a 1 × 3 row at 210, 450, 210     → area 1.5, weight 4 → 6.0
    #   C: a 2 × 2 block at 129 (below 130) → not calcium at all
    #   D: a 2 × 1 column at 399 and 300    → area 1.0, weight 3 → 3.0
    hu = np.full((8, 8), 40.0)
    hu[0:2, 0:2] = 150
    hu[4, 3:6] = [210, 450, 210]
    hu[6:8, 0:2] = 129
    hu[0:2, 7] = [399, 300]
    score = agatston_score(hu, 0.5, min_area_mm2=1.0)
    assert [(lesion.area_mm2, lesion.weight, lesion.score) for lesion in score.lesions] == [
        (2.0, 1, 2.0), (1.0, 3, 3.0), (1.5, 4, 6.0)]  # numbered in reading order
    assert score.total == pytest.approx(11.0)
    assert score.labels[6:8, 0:2].sum() == 0, "129 is below the threshold"


def test_the_threshold_includes_130_itself():
    hu = np.zeros((3, 3))
    hu[1, 1] = 130
    score = agatston_score(hu, 1.0, min_area_mm2=1.0)
    assert score.total == 1.0 and score.lesions[0].weight == 1
    hu[1, 1] = 129.999
    assert agatston_score(hu, 1.0, min_area_mm2=1.0).lesions == ()


def test_minimum_area_rule_a_lesion_exactly_at_the_minimum_counts_a_smaller_one_is_ignored():
    # Pixel area 0.25 mm², minimum 1 mm²: 4 pixels (1.0 mm²) count; 3 pixels (0.75 mm²) do not.
    hu = np.zeros((6, 6))
    hu[0, 0:4] = 500  # 1.0 mm², weight 4 → 4.0
    hu[3, 0:3] = 500  # 0.75 mm² → ignored
    score = agatston_score(hu, 0.25, min_area_mm2=1.0)
    big, small = score.lesions
    assert big.counted and big.score == 4.0
    assert not small.counted and small.score == 0.0 and small.area_mm2 == 0.75
    assert score.ignored == (small,) and score.total == 4.0
    # With no minimum, the small one counts too: 0.75 × 4 = 3.
    assert agatston_score(hu, 0.25, min_area_mm2=0).total == pytest.approx(7.0)


def test_the_common_one_square_millimetre_rule_is_a_stated_convention():
    assert A.COMMON_MIN_AREA_MM2 == 1.0 and A.TOY_MIN_AREA_MM2 < A.COMMON_MIN_AREA_MM2
    assert agatston_score(np.zeros((2, 2)), 1.0).min_area_mm2 == A.TOY_MIN_AREA_MM2


def test_pixels_touching_at_a_corner_join_with_8_connectivity_but_not_with_4():
    hu = np.zeros((4, 4))
    hu[0, 0] = hu[1, 1] = hu[2, 2] = 300  # a diagonal line
    eight = agatston_score(hu, 1.0, min_area_mm2=0, connectivity=8)
    four = agatston_score(hu, 1.0, min_area_mm2=0, connectivity=4)
    assert len(eight.lesions) == 1 and eight.lesions[0].area_mm2 == 3
    assert len(four.lesions) == 3 and four.total == eight.total == 9.0


def test_merging_two_lesions_weighs_the_whole_lesion_by_its_brightest_pixel():
    hu = np.zeros((1, 5))
    hu[0, :2] = 150  # weight 1 on its own
    hu[0, 3:] = 450  # weight 4 on its own
    apart = agatston_score(hu, 1.0, min_area_mm2=0).total
    hu[0, 2] = 150  # a bridge joins them into one lesion with peak 450
    joined = agatston_score(hu, 1.0, min_area_mm2=0)
    assert apart == 2 * 1 + 2 * 4 and joined.total == 5 * 4 and len(joined.lesions) == 1


def test_label_lesions_numbers_groups_in_reading_order():
    mask = np.array([[0, 1, 0, 0], [0, 1, 0, 1], [0, 0, 0, 1], [1, 0, 0, 0]], dtype=bool)
    labels, count = label_lesions(mask)
    assert count == 3
    assert labels.tolist() == [[0, 1, 0, 0], [0, 1, 0, 2], [0, 0, 0, 2], [3, 0, 0, 0]]


def test_an_empty_scan_scores_zero_and_whole_numbers_work():
    assert agatston_score(np.zeros((4, 4), dtype=int), 0.1).total == 0.0
    assert agatston_score(np.full((2, 2), 400, dtype=int), 1.0).total == 16.0


@given(st.lists(st.floats(-200, 900), min_size=36, max_size=36), st.floats(0.01, 2.0))
def test_score_is_area_times_weight_summed_and_at_most_four_times_the_picture(values, pixel_area):
    hu = np.array(values).reshape(6, 6)
    score = agatston_score(hu, pixel_area)
    assert score.total == pytest.approx(sum(lesion.area_mm2 * lesion.weight for lesion in score.counted))
    assert 0 <= score.total <= 4 * hu.size * pixel_area + 1e-9
    assert sum(lesion.pixels for lesion in score.lesions) == int((hu >= 130).sum())


@pytest.mark.parametrize("args,kwargs,message", [
    ((np.zeros(5), 1.0), {}, "non-empty 2-D picture"),
    ((np.zeros((0, 3)), 1.0), {}, "non-empty 2-D picture"),
    ((np.array([[1.0, math.nan]]), 1.0), {}, "missing values"),
    (([["a", "b"]], 1.0), {}, "2-D array of numbers"),
    ((np.zeros((2, 2)), 0), {}, "pixel_area_mm2 must be a number above 0"),
    ((np.zeros((2, 2)), "big"), {}, "pixel_area_mm2 must be a number"),
    ((np.zeros((2, 2)), 1.0), {"min_area_mm2": -1}, "min_area_mm2 must be a number of at least 0"),
    ((np.zeros((2, 2)), 1.0), {"connectivity": 6}, "connectivity must be 4 or 8"),
    ((np.zeros((2, 2)), 1.0), {"threshold": math.nan}, "threshold must be a finite number"),
])
def test_bad_input_to_the_score_gets_a_clear_message(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        agatston_score(*args, **kwargs)


# ----- the blur ------------------------------------------------------------------------------------
def test_blur_leaves_an_even_picture_unchanged_and_zero_blur_changes_nothing():
    flat = np.full((40, 30), 55.0)
    assert np.allclose(blur(flat, 0.8), 55.0, atol=1e-9)
    rough = np.random.default_rng(1).normal(size=(20, 20))
    assert np.array_equal(blur(rough, 0.0), rough)


def test_blur_spreads_a_point_to_the_chosen_width_and_keeps_its_total():
    point = np.zeros((81, 81))
    point[40, 40] = 1.0
    spread = blur(point, 0.5, pixel_mm=0.05)  # 0.5 mm is 10 pixels across at half height
    assert spread.sum() == pytest.approx(1.0)
    row = spread[40] / spread[40].max()
    above_half = np.flatnonzero(row >= 0.5)
    assert above_half.size == pytest.approx(10, abs=1)
    assert np.allclose(spread, spread.T) and np.allclose(spread, spread[::-1, ::-1])


@pytest.mark.parametrize("value,message", [(-0.1, "blur_mm must be a number of at least 0"),
                                           (math.nan, "blur_mm must be a number"), ("soft", "blur_mm must be")])
def test_bad_blur_gets_a_clear_message(value, message):
    with pytest.raises(ValueError, match=message):
        blur(np.zeros((4, 4)), value)


# ----- the phantom -------------------------------------------------------------------------------
@given(st.floats(0.05, A.MAX_AMOUNT_MM2))
def test_the_same_amount_is_the_same_calcium_in_either_layer_and_sits_in_that_layer(amount):
    intima, media = A.make_phantom("intima", amount), A.make_phantom("media", amount)
    # The arc is drawn with 16 samples per pixel, so its area is right to within a few samples.
    assert intima.amount_mm2 == pytest.approx(amount, rel=0.03, abs=0.005)
    assert media.amount_mm2 == pytest.approx(intima.amount_mm2, abs=0.005)
    radius = np.hypot(*np.meshgrid((np.arange(A.GRID) + 0.5 - A.GRID / 2) * A.PIXEL_MM,
                                   (np.arange(A.GRID) + 0.5 - A.GRID / 2) * A.PIXEL_MM))
    for phantom in (intima, media):
        weights = phantom.coverage / phantom.coverage.sum()
        assert (weights * radius).sum() == pytest.approx(A.layer_mid_radius(phantom.layer), abs=0.01)
        inner, outer, _ = A.deposit_arc(phantom.layer, amount)
        half_diagonal = A.PIXEL_MM / math.sqrt(2)
        covered = radius[phantom.coverage > 0]
        assert covered.min() > inner - half_diagonal and covered.max() < outer + half_diagonal


def test_the_arc_fits_inside_each_layer():
    edges = {"intima": (A.LUMEN_MM, A.LUMEN_MM + A.LAYERS_MM["intima"]),
             "media": (A.LUMEN_MM + A.LAYERS_MM["intima"], A.LUMEN_MM + A.LAYERS_MM["intima"] + A.LAYERS_MM["media"])}
    for layer, (start, end) in edges.items():
        inner, outer, half_angle = A.deposit_arc(layer, A.MAX_AMOUNT_MM2)
        assert start < inner < outer < end
        speck_half_angle = A.SPECK_RADIUS_MM / A.layer_mid_radius("intima")
        assert half_angle < math.pi - speck_half_angle, "the arc never reaches the speck"


@given(layers, amounts, amounts)
def test_more_calcium_only_adds_coverage(layer, a, b):
    low, high = sorted((a, b))
    assert np.all(A.make_phantom(layer, high).coverage >= A.make_phantom(layer, low).coverage)


@pytest.mark.parametrize("args,message", [
    (("adventitia", 0.5, 800), "layer must be one of intima, media"),
    (("intima", -0.1, 800), "amount_mm2 must be a number from 0 to 1.2"),
    (("intima", 5.0, 800), "amount_mm2 must be a number from 0 to 1.2"),
    (("intima", "lots", 800), "amount_mm2 must be a number"),
    (("intima", 0.5, math.nan), "density_hu must be a number from 200 to 2500"),
    (("intima", 0.5, 100), "density_hu must be a number from 200 to 2500"),
])
def test_bad_phantom_input_gets_a_clear_message(args, message):
    with pytest.raises(ValueError, match=message):
        A.make_phantom(*args)


def test_scan_needs_a_numpy_generator_for_its_noise():
    with pytest.raises(ValueError, match="rng must be a numpy Generator"):
        A.scan(A.make_phantom(), 0.5, 42)


# ----- the whole phantom scan --------------------------------------------------------------------
def test_results_are_deterministic_and_the_seed_comes_from_the_caller():
    first, again = A.phantom_scan("media", 0.7, 900, 0.6), A.phantom_scan("media", 0.7, 900, 0.6)
    assert np.array_equal(first.picture, again.picture) and first.score.total == again.score.total
    mine = A.phantom_scan("media", 0.7, 900, 0.6, rng=np.random.default_rng(A.SEED))
    assert np.array_equal(mine.picture, first.picture)
    other = A.phantom_scan("media", 0.7, 900, 0.6, rng=np.random.default_rng(99))
    assert not np.array_equal(other.picture, first.picture)


@settings(max_examples=60, deadline=None)
@given(amounts, densities, scan_blurs)
def test_moving_the_same_calcium_between_layers_hardly_changes_the_score(amount, density, blur_mm):
    """The stated tolerance: at scan-like blur, for a lesion the scan shows clearly and whose peak is not
    right at a weight boundary, the score changes by less than LAYER_SWAP_TOLERANCE."""
    intima = A.phantom_scan("intima", amount, density, blur_mm).score
    media = A.phantom_scan("media", amount, density, blur_mm).score
    peaks = [intima.peak_hu or 0.0, media.peak_hu or 0.0]
    assume(min(peaks) >= A.CLEAR_PEAK_FACTOR * A.THRESHOLD_HU)
    assume(not any(abs(p - edge) / edge < A.BOUNDARY_MARGIN for p in peaks for edge in (200, 300, 400)))
    assert abs(intima.total - media.total) <= A.LAYER_SWAP_TOLERANCE * max(intima.total, media.total)
    assert [lesion.weight for lesion in intima.counted] == [lesion.weight for lesion in media.counted]


def test_at_the_starting_settings_the_two_layers_score_within_two_percent():
    intima, media = A.phantom_scan("intima"), A.phantom_scan("media")
    assert intima.score.total == pytest.approx(media.score.total, rel=0.02)
    assert intima.score.total > 0


@settings(max_examples=40, deadline=None)
@given(layers, amounts, amounts, densities, blurs)
def test_more_calcium_never_lowers_the_score(layer, a, b, density, blur_mm):
    low, high = sorted((a, b))
    more, less = A.phantom_scan(layer, high, density, blur_mm), A.phantom_scan(layer, low, density, blur_mm)
    assert more.score.total >= less.score.total


@settings(max_examples=40, deadline=None)
@given(layers, amounts, densities, densities, blurs)
def test_denser_calcium_never_lowers_the_score(layer, amount, a, b, blur_mm):
    low, high = sorted((a, b))
    denser, fainter = A.phantom_scan(layer, amount, high, blur_mm), A.phantom_scan(layer, amount, low, blur_mm)
    assert denser.score.total >= fainter.score.total


def test_the_same_area_scores_more_when_denser_because_the_weight_rises():
    # With no blur, the counted area is the arc itself (plus edge pixels that are bright enough).
    faint, dense = A.phantom_scan("intima", 0.6, 300, 0.0), A.phantom_scan("intima", 0.6, 2500, 0.0)
    assert faint.score.counted_area_mm2 == pytest.approx(dense.score.counted_area_mm2, rel=0.15)
    assert [lesion.weight for lesion in faint.score.counted] == [3]
    assert [lesion.weight for lesion in dense.score.counted] == [4]
    assert dense.score.total > faint.score.total


@settings(max_examples=40, deadline=None)
@given(layers, amounts, densities, blurs)
def test_outputs_are_finite_and_bounded(layer, amount, density, blur_mm):
    result = A.phantom_scan(layer, amount, density, blur_mm)
    picture_area = A.GRID**2 * A.PIXEL_MM**2
    assert np.all(np.isfinite(result.picture))
    assert result.picture.min() > A.TISSUE_HU["fat"] - 8 * A.NOISE_SD
    assert result.picture.max() < max(density, A.SPECK_HU) + 8 * A.NOISE_SD
    assert 0 <= result.score.counted_area_mm2 <= picture_area
    assert 0 <= result.score.total <= 4 * picture_area
    if amount == 0 and blur_mm >= A.SCAN_LIKE_BLUR_MM:
        assert result.score.total == 0


def test_the_tiny_speck_is_never_counted():
    sharp = A.phantom_scan(amount_mm2=0.0, blur_mm=0.0)
    assert len(sharp.score.ignored) == 1 and sharp.score.total == 0, "seen, but smaller than the minimum area"
    for blur_mm in (0.0, 0.3, 0.6, 1.0, 1.5):
        assert not A.phantom_scan(blur_mm=blur_mm).speck_counted


def test_with_the_common_one_square_millimetre_minimum_a_small_sharp_deposit_would_not_count():
    sharp = A.phantom_scan("intima", 0.6, 1000, 0.0, min_area_mm2=A.COMMON_MIN_AREA_MM2)
    assert sharp.score.total == 0 and sharp.score.ignored


def test_blur_dims_a_thin_deposit_and_spreads_it_wider():
    sharp, blurred = A.phantom_scan(blur_mm=0.0).score, A.phantom_scan(blur_mm=0.6).score
    assert blurred.peak_hu < sharp.peak_hu
    assert blurred.counted_area_mm2 > sharp.counted_area_mm2


@pytest.mark.parametrize("kwargs,message", [
    ({"blur_mm": 2.0}, "blur_mm must be a number from 0 to 1.5"),
    ({"layer": "plaque"}, "layer must be one of intima, media"),
    ({"noise_sd": -1}, "noise_sd must be a number of at least 0"),
])
def test_bad_input_to_the_phantom_scan_gets_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        A.phantom_scan(**kwargs)


def test_the_chapter_worked_example_matches_the_hand_calculation():
    hu = np.array(A.WORKED_EXAMPLE, dtype=float)
    score = agatston_score(hu, A.WORKED_PIXEL_MM2, min_area_mm2=A.WORKED_MIN_AREA_MM2)
    a, b, c = score.lesions
    assert (a.pixels, a.peak_hu, a.weight, a.score) == (4, 180, 1, 2.0)
    assert (b.pixels, b.peak_hu, b.weight, b.score) == (3, 350, 3, 4.5)
    assert (c.pixels, c.peak_hu, c.counted) == (1, 420, False), "the brightest square is too small to count"
    assert score.total == 6.5
    assert hu[1, 3] == 120 and score.labels[1, 3] == 0, "120 sits next to A but is under 130"

    from calcium_paradox.diagrams.score_example import worked_steps

    assert worked_steps()[-1] == "Toy score = 2.0 + 4.5 = 6.5"
