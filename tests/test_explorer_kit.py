"""The explorer kit: controls, number boxes, Reset, in-place redraws and state sentences.

The generic tests run on every explorer in ``explorers.REGISTRY``, so a new
explorer is covered as soon as it is registered.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calcium_paradox.checks.figure import check_figure
from calcium_paradox.course import EVIDENCE_LABEL, EXPLORER_LABELS, TOY_MODEL_LABEL
from calcium_paradox.explorers import REGISTRY, Choice, Explorer, ExplorerSpec, Slider, explore, key_state
from calcium_paradox.explorers.bathtub import SPEC as TUB
from calcium_paradox.explorers.kit import encode_png, image_png
from calcium_paradox.style import course_style

EXPLORERS = sorted(REGISTRY)
SLIDER = Slider("x", "Amount", 0.0, 10.0, 0.5, 4.0)
weird_inputs = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**6, 10**6), st.text(max_size=12), st.none()
)


def spec_with(**changes):
    fields = dict(key="t", title="T.", controls=(SLIDER,), model=lambda p: p["x"],
                  make_view=TUB.make_view, describe=lambda p, r: f"x is {r}.")
    fields.update(changes)
    return ExplorerSpec(**fields)


@given(weird_inputs)
def test_slider_coerce_never_raises_and_always_returns_a_valid_step(raw):
    value, message = SLIDER.coerce(raw, 4.0)
    assert SLIDER.min <= value <= SLIDER.max
    assert value in SLIDER.values()
    try:
        number = float(raw)
    except (TypeError, ValueError):
        number = math.nan
    if math.isnan(number) or not SLIDER.min <= number <= SLIDER.max:
        assert message, f"{raw!r} should produce a message"


def test_clamping_and_rounding_messages_say_what_happened():
    assert SLIDER.coerce(15, 4) == (10.0, "15 is above the largest value, so the explorer uses 10.")
    assert SLIDER.coerce(-3, 4) == (0.0, "-3 is below the smallest value, so the explorer uses 0.")
    assert SLIDER.coerce(4.3, 4)[0] == 4.5 and "rounded to 4.5" in SLIDER.coerce(4.3, 4)[1]
    assert SLIDER.coerce("abc", 4) == (4, "“abc” is not a number. Type a number from 0 to 10 for amount.")
    assert SLIDER.coerce("7", 4) == (7.0, "")


def test_toy_models_are_labelled_as_toys_unless_a_spec_shows_published_numbers():
    from dataclasses import replace

    assert TUB.label == TOY_MODEL_LABEL, "toy models keep the toy label by default"
    assert Explorer(TUB).label_html.value.startswith(f"<p><strong>{TOY_MODEL_LABEL}.")
    evidence = Explorer(replace(TUB, label=EVIDENCE_LABEL))
    assert evidence.label_html.value.startswith(f"<p><strong>{EVIDENCE_LABEL}.")
    assert evidence._repr_mimebundle_()["text/plain"].startswith(EVIDENCE_LABEL)


def test_choice_rejects_unknown_options_with_a_message():
    choice = Choice("kind", "Kind", (("None", "none"), ("Both", "both")), "none")
    assert choice.coerce("both", "none") == ("both", "")
    value, message = choice.coerce("plaque", "none")
    assert value == "none" and "not one of the choices" in message


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"controls": (SLIDER,) * 5}, "use 1 to 4"),
        ({"controls": ()}, "use 1 to 4"),
        ({"controls": (SLIDER, SLIDER)}, "same name"),
        ({"controls": (Slider("d", "Calcium dose (mg)", 0, 1, 0.1, 0.5),)}, "toy units only"),
        ({"controls": (Slider("d", "Your score", 0, 1, 0.1, 0.5),)}, "toy units only"),
        ({"controls": (Slider("d", "Level", 0, 1, 0.1, 2),)}, "outside its range"),
        ({"controls": (Slider("d", "", 0, 1, 0.1, 0.5),)}, "visible label"),
        ({"label": "Simulation"}, "one of the course's labels"),
    ],
)
def test_specs_that_break_the_rules_are_refused(changes, message):
    with pytest.raises(ValueError, match=message):
        Explorer(spec_with(**changes))


@pytest.fixture(params=EXPLORERS)
def explorer(request):
    return explore(request.param)


def test_explorer_has_the_label_reset_and_a_number_box_per_slider(explorer):
    assert explorer.spec.label in EXPLORER_LABELS and explorer.spec.label in explorer.label_html.value
    assert explorer.reset_button.description == "Reset"
    sliders = [c for c in explorer.spec.controls if isinstance(c, Slider)]
    assert set(explorer.number_boxes) == {c.name for c in sliders}
    assert len(explorer.spec.controls) <= 4
    for widget in explorer.inputs.values():
        assert widget.description, "every control has a visible label"
    text = explorer._repr_mimebundle_()["text/plain"]
    assert text.startswith(explorer.spec.label) and explorer.sentence in text


def test_each_control_changes_the_picture_and_the_sentence_and_reset_restores_them(explorer):
    start_png, start_sentence = explorer.png, explorer.sentence
    figure, artists = explorer.figure, list(explorer.figure.findobj())
    for control in explorer.spec.controls:
        values = list(control.values())
        changed = []
        for other in (values[0], values[-1]):  # a model may saturate at one end, but not at both
            if other == control.default:
                continue
            explorer.set_value(control.name, other)
            changed.append(explorer.png != start_png and explorer.sentence != start_sentence)
            explorer.reset()
            assert explorer.png == start_png and explorer.sentence == start_sentence
        assert any(changed), f"{control.name}: neither end of its range changes the figure and the sentence"
    assert explorer.figure is figure, "the figure is updated in place, never rebuilt"
    assert list(explorer.figure.findobj()) == artists


def test_widgets_and_number_boxes_follow_the_callbacks(explorer):
    for control in explorer.spec.controls:
        if isinstance(control, Slider):
            message = explorer.set_value(control.name, control.max + 100)
            assert "above the largest value" in message
            assert explorer.message == message and "above the largest value" in explorer.message_html.value
            assert explorer.inputs[control.name].value == control.max
            assert explorer.number_boxes[control.name].value == control.max
            explorer.number_boxes[control.name].value = control.min  # as if typed in the browser
            assert explorer.params[control.name] == control.min
            assert explorer.inputs[control.name].value == control.min
    explorer.reset()
    assert explorer.params == explorer.spec.defaults and explorer.message == ""


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_any_input_to_any_control_gives_a_message_never_a_traceback(data):
    explorer = explore(data.draw(st.sampled_from(EXPLORERS)))
    control = data.draw(st.sampled_from(explorer.spec.controls))
    message = explorer.set_value(control.name, data.draw(weird_inputs))
    assert isinstance(message, str)
    assert explorer.sentence.endswith(".")


def sweeps(controls) -> list[dict]:
    """Settings that take every control through every one of its values while each of the other
    controls sits at its lowest or its highest value (alternating, so both extremes meet every value)."""
    settings_ = []
    for swept in controls:
        for step, value in enumerate(swept.values()):
            others = {c.name: c.values()[0 if (step + i) % 2 else -1] for i, c in enumerate(controls) if c is not swept}
            settings_.append({**others, swept.name: value})
    return settings_


def test_the_sweeps_reach_every_value_of_every_control_against_both_extremes_of_the_others():
    a = Slider("a", "A", 0, 2, 1, 1)
    b = Slider("b", "B", 0, 3, 1, 0)
    got = sweeps([a, b])
    assert {s["a"] for s in got} == {0, 1, 2} and {s["b"] for s in got} == {0, 1, 2, 3}
    with_b_swept = got[3:]
    assert {s["a"] for s in with_b_swept} == {0, 2}, "the other control must visit both of its extremes"
    # The old walk set every control to its i-th value together: a=0 never met b=3.
    assert any(s["a"] == 0 and s["b"] == 3 for s in got)


@pytest.mark.parametrize("key", EXPLORERS)
def test_every_setting_in_range_gives_a_finite_readable_state(key):
    explorer = explore(key)
    for setting in sweeps(explorer.spec.controls):
        for name, value in setting.items():
            explorer.set_value(name, value)
        assert explorer.params == setting, "a value in range was refused or changed"
        assert explorer.message == "" and explorer.sentence.endswith(".")
        assert explorer.png.startswith(b"\x89PNG")
        assert check_figure(explorer.figure) == [], explorer.params


def test_the_figure_widget_has_no_tooltip_because_that_breaks_it_in_the_browser(explorer):
    # Seen in JupyterLab 4.6 + ipywidgets 8.1.9: an Image widget with a tooltip shows
    # "Click to show javascript error" instead of the picture.
    explorer.set_value(explorer.spec.controls[0].name, explorer.spec.controls[0].values()[-1])
    assert explorer.image.tooltip is None


def test_fast_redraws_look_the_same_as_a_full_redraw(explorer):
    """Blitting redraws only the changing artists; a wrong z-order would hide something."""
    import io

    from calcium_paradox.explorers import kit

    if not kit.BLITTING_MATCHES_FULL_DRAW:
        pytest.skip("this matplotlib is older than 3.9: the kit redraws the whole figure, so there is no blitting")

    from PIL import Image

    for control in explorer.spec.controls:
        explorer.set_value(control.name, control.values()[len(control.values()) // 3])
    fast = np.asarray(Image.open(io.BytesIO(explorer.png)).convert("RGB")).astype(int)
    for artist in explorer._dynamic:
        artist.set_animated(False)
    explorer.canvas.draw()
    # Both go through the same 256-colour encoding, so only a drawing difference can show up here.
    full = np.asarray(Image.open(io.BytesIO(encode_png(explorer.canvas))).convert("RGB")).astype(int)
    for artist in explorer._dynamic:
        artist.set_animated(True)
    assert fast.shape == full.shape
    assert np.abs(fast - full).mean() < 0.05, "the fast redraw differs from a full redraw"


def test_unknown_control_name_is_a_clear_error(explorer):
    with pytest.raises(KeyError, match="has no control 'nope'"):
        explorer.set_value("nope", 1)


def test_each_update_is_timed_for_the_benchmark(explorer):
    count = explorer.timing.count
    control = explorer.spec.controls[0]
    # Only a change triggers an update, so pick an end of the range that is not the starting value.
    value = next(v for v in (control.values()[-1], control.values()[0]) if v != control.default)
    explorer.set_value(control.name, value)
    assert explorer.timing.count == count + 1 and explorer.timing.last_ms > 0


@pytest.mark.parametrize("key", EXPLORERS)
def test_a_key_state_picture_is_what_the_explorer_shows_at_those_settings(key):
    import io

    from PIL import Image

    explorer = explore(key)
    changes = {c.name: c.values()[len(c.values()) // 3] for c in explorer.spec.controls}
    for name, value in changes.items():
        explorer.set_value(name, value)
    shown = np.asarray(Image.open(io.BytesIO(explorer.png)).convert("RGB")).astype(int)
    figure = key_state(key, **changes)
    figure.canvas.draw()  # encoded the way the explorer encodes, so only the drawing is compared
    static = np.asarray(Image.open(io.BytesIO(encode_png(figure.canvas))).convert("RGB")).astype(int)
    assert shown.shape == static.shape
    assert np.abs(shown - static).mean() < 1.0, "the static key state differs from the explorer's picture"


def test_key_state_refuses_unknown_controls_and_values_off_the_slider():
    with pytest.raises(KeyError, match="has no control 'tap'"):
        key_state("bathtub", tap=3)
    with pytest.raises(ValueError, match="rounded to 0.35"):
        key_state("bathtub", drain=0.33)
    with pytest.raises(ValueError, match="not one of the choices"):
        key_state("stiff_pipes", kind="plaque")
    with pytest.raises(KeyError, match="No explorer 'teapot'"):
        explore("teapot")


@pytest.mark.parametrize("spec", list(REGISTRY.values()), ids=lambda s: s.key)
def test_every_list_shows_its_choice_after_each_change_and_after_reset(spec):
    """A list always shows the option in use, even when an option's value is None or a tuple."""
    explorer = Explorer(spec)
    for control in (c for c in spec.controls if isinstance(c, Choice)):
        labels = [text for text, _ in control.options]
        for position, value in enumerate(control.values()):
            explorer.inputs[control.name].value = position  # what the browser sends: the option's position
            assert explorer.params[control.name] == value
            assert explorer.inputs[control.name].label == labels[position]
        explorer.reset()
        assert explorer.inputs[control.name].label == labels[control.values().index(control.default)]
        assert explorer.params[control.name] == control.default



def test_a_shown_key_state_takes_its_alt_text_from_the_model(monkeypatch):
    """show_key_state's alt text is the explorer's own sentence at those settings, so strict nbval compares
    what the model computes with what the notebook saved: a change to the model changes the saved text."""
    from calcium_paradox.explorers import show_key_state
    from calcium_paradox.models import stiff_pipes

    shown = show_key_state("stiff_pipes", kind="medial", extent=1.0)
    state = stiff_pipes.pipe_state("medial", 1.0)
    assert f"pulse pressure widens to {state.pulse_pressure:.0f}" in shown.alt
    assert shown.alt.startswith("Stiff pipes (Toy model") and shown._repr_mimebundle_()[0]["text/plain"].endswith(".")
    monkeypatch.setattr(stiff_pipes, "MEDIAL_STIFFENING", stiff_pipes.MEDIAL_STIFFENING * 2)
    assert show_key_state("stiff_pipes", kind="medial", extent=1.0).alt != shown.alt


# ----- frames: cache, stacks of pictures in the browser, drawing ahead (issue 18) -----------------------
def shown_state(explorer) -> tuple:
    """Everything the learner sees of an explorer's state, as the kernel holds it."""
    return (dict(explorer.params), explorer.sentence, explorer.png, explorer.message, explorer.state_html.value,
            {n: w.value for n, w in explorer.inputs.items()}, {n: b.value for n, b in explorer.number_boxes.items()},
            {n: s.selected_index for n, s in explorer.stacks.items()}, explorer.frames.selected_index)


def assert_stacks_match_the_state(explorer) -> None:
    """Every position of every stack shows the picture of its own state, or the live (current) picture."""
    for control in explorer.spec.controls:
        stack = explorer.stacks[control.name]
        assert len(stack.children) == len(control.values())
        for value, child in zip(control.values(), stack.children, strict=True):
            state = {**explorer.params, control.name: value}
            if child is explorer.image:
                continue
            assert explorer.frame(state) is not None and image_png(child) == explorer.frame(state), (
                f"{control.name}={value}: the stack holds a frame of another state")
        here = stack.children[stack.selected_index]
        assert image_png(here) == explorer.png, f"{control.name}: the shown position is not the current picture"


def walk(explorer, steps: int, seed: int) -> None:
    """Change controls to random values, drawing ahead now and then, as a learner and an idle kernel would."""
    rng = np.random.default_rng(seed)
    for _ in range(steps):
        control = explorer.spec.controls[rng.integers(len(explorer.spec.controls))]
        values = control.values()
        explorer.set_value(control.name, values[rng.integers(len(values))])
        if rng.random() < 0.6:
            explorer.prefetch(limit=int(rng.integers(1, 3)))


def test_a_cached_frame_is_the_picture_a_fresh_explorer_draws_for_that_state(explorer):
    walk(explorer, 6, seed=1)
    explorer.prefetch()
    assert len(explorer._frames) > 1, "drawing ahead added no frame"
    fresh = Explorer(explorer.spec, cache_size=0)
    for key in list(explorer._frames)[-4:]:  # states reached by different paths, drawn after other states
        state = dict(zip([c.name for c in explorer.spec.controls], key, strict=True))
        for name, value in state.items():
            fresh.set_value(name, value)
        assert explorer.frame(state) == fresh.png, f"the cached frame for {state} differs from a fresh drawing"


def test_drawing_ahead_never_changes_what_is_shown(explorer):
    widest = max(explorer.spec.controls, key=lambda c: len(c.values()))
    middle = len(widest.values()) // 2
    explorer.set_value(widest.name, widest.values()[middle + (widest.values()[middle] == widest.default)])
    before = shown_state(explorer)
    assert explorer.prefetch() > 0
    assert shown_state(explorer) == before
    with course_style():  # the figure object is back at the current state too
        assert explorer._render() == explorer.png
    assert_stacks_match_the_state(explorer)


def test_every_stack_position_shows_its_own_state_after_any_walk(explorer):
    for seed in range(3):
        walk(explorer, 8, seed=seed)
        assert_stacks_match_the_state(explorer)
        for control in explorer.spec.controls:  # the links from each control's position to its stack
            assert explorer.stacks[control.name].selected_index == explorer.inputs[control.name].index


def test_reset_and_bad_input_still_work_with_frames(explorer):
    start = shown_state(explorer)
    walk(explorer, 5, seed=3)
    control = explorer.spec.controls[-1]
    message = explorer.set_value(control.name, "lots")
    assert "not" in message and explorer.message == message
    assert_stacks_match_the_state(explorer)
    explorer.reset()
    assert shown_state(explorer)[:8] == start[:8]
    assert_stacks_match_the_state(explorer)


def test_the_cache_stays_within_its_size_and_drops_frames_no_stack_uses():
    explorer = Explorer(TUB, cache_size=3)
    walk(explorer, 12, seed=4)
    explorer.prefetch()
    assert len(explorer._frames) <= 3
    kept = {id(image) for _, _, image in explorer._frames.values()}
    for stack in explorer.stacks.values():
        assert all(child is explorer.image or id(child) in kept for child in stack.children)
    assert_stacks_match_the_state(explorer)
    cold = Explorer(TUB, cache_size=0)
    walk(cold, 4, seed=4)
    assert not cold._frames and all(child is cold.image for s in cold.stacks.values() for child in s.children)


def test_each_control_moves_its_stack_in_the_browser_through_a_front_end_link(explorer):
    for control in explorer.spec.controls:
        link = explorer.links[control.name]
        assert link.source == (explorer.inputs[control.name], "index"), control.name
        assert link.target == (explorer.stacks[control.name], "selected_index"), control.name
        assert link.comm is not None, "the link is a widget, so it works in the browser without the kernel"


def test_in_a_running_kernel_the_neighbours_are_drawn_when_idle_and_a_new_change_stops_old_work():
    import asyncio

    async def learner():
        explorer = Explorer(TUB)
        first = TUB.controls[0]
        explorer.set_value(first.name, first.values()[3])
        await asyncio.sleep(0)  # one step of drawing ahead for this state may run...
        explorer.set_value(first.name, first.values()[10])  # ...then a new change takes over
        for _ in range(200):
            await asyncio.sleep(0.01)
            if not explorer._wanted():
                break
        return explorer

    explorer = asyncio.run(learner())
    assert explorer.prefetch_error is None
    assert not explorer._wanted(), "the idle steps did not draw every neighbour"
    values = list(TUB.controls[0].values())
    for position in range(8, 13):
        assert explorer.frame({**explorer.params, TUB.controls[0].name: values[position]}) is not None
    assert_stacks_match_the_state(explorer)
