"""The explorer kit: one way to build every predict–observe–explain explorer.

An explorer is described by an :class:`ExplorerSpec`:

- ``controls``: at most four :class:`Slider` or :class:`Choice` controls;
- ``model(params) -> result``: a pure toy model (from ``calcium_paradox.models``);
- ``make_view() -> View``: draws the figure once (``build``) and then changes
  its artists in place (``update``) instead of making a new figure each time;
- ``describe(params, result) -> str``: one plain sentence about the current state;
- ``label``: the label it opens with, "Toy model — illustrative, not clinical" unless
  it shows real published numbers (``course.EVIDENCE_LABEL``).

:class:`Explorer` turns a spec into widgets: each slider gets a number box
(typed values are checked, rounded to the slider's step and clamped to its
range, with a message), a Reset button returns to the starting state, the
figure is re-rendered into an ``Image`` widget, and the state sentence is
updated on every change. Every callback is a plain method (``set_value``,
``reset``) that tests call directly, with or without a browser.

Speed (issue 18, measured with ``make bench``): a round trip through the kernel
takes about 50 ms in the browser even when the kernel needs under 1 ms, so the
kit keeps pictures in the browser. Each control drives a ``Stack`` of pictures,
one per position, through a front-end link (``jsdlink`` from the control's
``index``): a key press shows a picture the browser already has, with no
round trip. A position holds a finished frame for "this control there, the
others as they are now" (kept in a small cache, keyed by the whole state), or
else the live picture, which the kernel updates as before. While the kernel is
idle it draws the neighbouring positions of the control last used
(``prefetch``). A frame is only ever shown for the state it was drawn for: every
change rebuilds the stacks from the cache.
"""

from __future__ import annotations

import asyncio
import base64
import html
import math
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from ..course import EXPLORER_LABELS, TOY_MODEL_LABEL
from ..display import status_html
from ..pictures import palette_png
from ..style import course_style

MAX_CONTROLS = 4
#: With matplotlib before 3.9 (the in-browser edition's 3.8.4), a blitted picture of some views was not
#: the same as a full redraw (phantom scan: a stale "counted" area; tests/test_explorer_kit.py), so the
#: kit redraws the whole figure there: slower, but always right.
BLITTING_MATCHES_FULL_DRAW = tuple(int(part) for part in matplotlib.__version__.split(".")[:2]) >= (3, 9)
#: Frames kept per explorer (kernel and browser). Each is one PNG of 15–60 kB.
FRAME_CACHE_SIZE = 24
#: How many positions on each side of the control last used are drawn ahead while the kernel is idle.
PREFETCH_RADIUS = 2
#: Words that would turn a toy control into a personal or clinical input.
FORBIDDEN_LABEL_WORDS = ("mg", "iu", "µg", "mcg", "mmol", "agatston", "your", "my ", "dose")


@dataclass(frozen=True)
class Slider:
    """A number the learner can change, by dragging, with the arrow keys or by typing."""

    name: str
    label: str
    min: float
    max: float
    step: float
    default: float
    help: str = ""

    def coerce(self, raw: Any, current: float) -> tuple[float, str]:
        """Turn anything typed into a valid value; returns ``(value, message)``.

        Never raises for bad input: a value that is not a number keeps ``current``;
        one outside the range is clamped; one between steps is rounded.
        """
        try:
            number = float(raw)
        except (TypeError, ValueError):
            return current, (
                f"“{raw}” is not a number. Type a number from {self.min:g} to {self.max:g} "
                f"for {self.label.lower()}."
            )
        if math.isnan(number):
            return current, f"That is not a number. Type a number from {self.min:g} to {self.max:g}."
        message = ""
        if number < self.min:
            message = f"{number:g} is below the smallest value, so the explorer uses {self.min:g}."
            number = self.min
        elif number > self.max:
            message = f"{number:g} is above the largest value, so the explorer uses {self.max:g}."
            number = self.max
        steps = round((number - self.min) / self.step)
        snapped = min(self.max, round(self.min + steps * self.step, 10))
        if not message and not math.isclose(snapped, number, abs_tol=1e-9):
            message = f"{number:g} was rounded to {snapped:g} (this control moves in steps of {self.step:g})."
        return snapped, message

    def values(self) -> np.ndarray:
        """Every value the slider can take (for tests and benchmarks)."""
        count = int(round((self.max - self.min) / self.step)) + 1
        return np.round(self.min + self.step * np.arange(count), 10)


@dataclass(frozen=True)
class Choice:
    """One of a few named options (shown as a drop-down list)."""

    name: str
    label: str
    options: tuple[tuple[str, Any], ...]
    default: Any
    help: str = ""

    def coerce(self, raw: Any, current: Any) -> tuple[Any, str]:
        values = [value for _, value in self.options]
        if raw in values:
            return raw, ""
        names = ", ".join(text for text, _ in self.options)
        return current, f"“{raw}” is not one of the choices ({names})."

    def values(self) -> list:
        return [value for _, value in self.options]


class View(Protocol):
    """Draws an explorer's figure. Optionally, ``dynamic_artists()`` lists the artists that
    ``update`` changes; the kit then draws everything else once and, on each change,
    redraws only those (blitting), which is several times faster than a full redraw.

    The picture after ``update(params, result)`` must depend on ``params`` and ``result``
    only (not on earlier states): the kit caches and pre-draws frames per state."""

    figsize: tuple[float, float]

    def build(self, fig: Figure) -> None: ...

    def update(self, params: Mapping[str, Any], result: Any) -> None: ...


@dataclass(frozen=True)
class ExplorerSpec:
    key: str
    title: str
    controls: tuple[Slider | Choice, ...]
    model: Callable[[Mapping[str, Any]], Any]
    make_view: Callable[[], View]
    describe: Callable[[Mapping[str, Any], Any], str]
    intro: str = ""
    label: str = TOY_MODEL_LABEL

    @property
    def defaults(self) -> dict[str, Any]:
        return {c.name: c.default for c in self.controls}

    def key_params(self, **changes: Any) -> dict[str, Any]:
        """The settings of a key state: the starting values, with ``changes`` (each a value of its control)."""
        params = self.defaults
        for name, raw in changes.items():
            control = next((c for c in self.controls if c.name == name), None)
            if control is None:
                raise KeyError(f"Explorer {self.key!r} has no control {name!r}; it has {list(params)}.")
            value, message = control.coerce(raw, None)
            if value is None or value != raw:
                raise ValueError(f"Key state of {self.key!r}: {message or f'{raw!r} is not a value of {name!r}.'}")
            params[name] = value
        return params

    def key_state_alt(self, **changes: Any) -> str:
        """Alt text for a key state, from what the model computes there: the explorer's own state sentence."""
        params = self.key_params(**changes)
        return f"{self.title.rstrip('.')} ({self.label}). {self.describe(params, self.model(dict(params)))}"

    def key_state(self, **changes: Any) -> Figure:
        """A static picture of one state (for static fallbacks), drawn by this explorer's own model and view.

        Unchanged controls keep their starting values, so the picture is exactly
        what the explorer shows at those settings.
        """
        params = self.key_params(**changes)
        fig, view = _laid_out_figure(self)
        with course_style():
            view.update(params, self.model(dict(params)))
        return fig


def _laid_out_figure(spec: ExplorerSpec):
    """Build a spec's figure, draw it at the starting state and freeze its layout.

    Later states only move artists, so every picture of an explorer (live or
    static) keeps the same positions.
    """
    view = spec.make_view()
    with course_style():
        fig = Figure(figsize=view.figsize, layout="constrained")
        canvas = FigureCanvasAgg(fig)
        view.build(fig)
        view.update(spec.defaults, spec.model(spec.defaults))
        canvas.draw()
    fig.set_layout_engine("none")
    return fig, view


def validate_spec(spec: ExplorerSpec) -> None:
    """Raise ``ValueError`` if a spec breaks the kit's rules (checked when an explorer is built)."""
    if spec.label not in EXPLORER_LABELS:
        raise ValueError(f"Explorer {spec.key!r} must open with one of the course's labels {EXPLORER_LABELS}.")
    if not 1 <= len(spec.controls) <= MAX_CONTROLS:
        raise ValueError(f"Explorer {spec.key!r} has {len(spec.controls)} controls; use 1 to {MAX_CONTROLS}.")
    names = [c.name for c in spec.controls]
    if len(set(names)) != len(names):
        raise ValueError(f"Explorer {spec.key!r} has two controls with the same name: {names}.")
    for control in spec.controls:
        if not control.label.strip():
            raise ValueError(f"Control {control.name!r} of {spec.key!r} needs a visible label.")
        padded = f" {control.label.lower()} "
        for word in FORBIDDEN_LABEL_WORDS:
            if f" {word}" in padded or f"({word}" in padded:
                raise ValueError(
                    f"Control label {control.label!r} uses {word.strip()!r}: explorers use toy units "
                    "only and never ask for personal or clinical values."
                )
        if isinstance(control, Slider):
            if not control.min < control.max or control.step <= 0:
                raise ValueError(f"Slider {control.name!r} needs min < max and a positive step.")
            if not control.min <= control.default <= control.max:
                raise ValueError(f"Slider {control.name!r}: default {control.default} is outside its range.")
        elif control.default not in control.values():
            raise ValueError(f"Choice {control.name!r}: default {control.default!r} is not an option.")


def render_png(canvas: FigureCanvasAgg) -> bytes:
    """Draw the whole figure and encode it as PNG."""
    canvas.draw()
    return encode_png(canvas)


def encode_png(canvas: FigureCanvasAgg) -> bytes:
    """Encode what the canvas holds now as a quick 256-colour PNG (:func:`calcium_paradox.pictures.palette_png`).

    Quicker to encode than full colour and about a third of the size, so each update also reaches
    the browser and decodes sooner (measured with ``make bench``). The canvas's buffer is read in
    place, not copied: a quarter less time than from an array slice, for the same bytes.
    """
    buffer = canvas.buffer_rgba()
    height, width = buffer.shape[:2]
    return palette_png(Image.frombuffer("RGBA", (width, height), buffer, "raw", "RGBA", 0, 1), quick=True)


def data_url(png: bytes) -> bytes:
    """A PNG as a data URL, the value of a kit Image widget (``format="url"``).

    Chromium decodes a data URL inside the page. A PNG value would become a blob URL, which it
    fetches through its browser process before decoding: measured with ``make bench`` in JupyterLab,
    that fetch took 40–120 ms per new picture on a loaded machine, the data URL 5–30 ms.
    """
    return b"data:image/png;base64," + base64.b64encode(png) if png else b""


def image_png(image: widgets.Image) -> bytes:
    """The PNG bytes a kit Image widget shows (the PNG inside its data URL, or its value)."""
    value = bytes(image.value)
    if image.format == "url":
        return base64.b64decode(value.split(b",", 1)[1]) if value else b""
    return value


def _position(control: Slider | Choice, value: Any) -> int:
    """Where a (valid) value sits among the control's values."""
    if isinstance(control, Choice):
        return control.values().index(value)
    return int(round((value - control.min) / control.step))


@dataclass
class _Timing:
    count: int = 0
    last_ms: float = 0.0
    all_ms: list[float] = field(default_factory=list)


class Explorer:
    """Widgets, figure and state sentence for one :class:`ExplorerSpec`."""

    def __init__(self, spec: ExplorerSpec, cache_size: int = FRAME_CACHE_SIZE):
        validate_spec(spec)
        self.spec = spec
        self.cache_size = cache_size
        #: state key → (result, png bytes, Image widget holding that frame in the browser)
        self._frames: OrderedDict[tuple, tuple[Any, bytes, widgets.Image]] = OrderedDict()
        self._generation = 0  # bumped on every change; a prefetch step for an older state does nothing
        self.prefetch_error: Exception | None = None
        self.params: dict[str, Any] = spec.defaults
        self.result: Any = None
        self.sentence = ""
        self.message = ""
        self.timing = _Timing()
        self._syncing = False
        # The layout is fixed at the starting state: later redraws keep the same
        # positions and skip the layout step, which makes each update faster.
        self.figure, self.view = _laid_out_figure(spec)
        self.canvas = self.figure.canvas
        self._build_widgets()
        self._background = None
        self._dynamic: list = []
        # The view shows the starting state before the parts that never change are drawn once; then the
        # first picture is drawn (once: an explorer appears sooner, most of all in the browser kernel).
        self.result = spec.model(dict(self.params))
        with course_style():
            self.view.update(self.params, self.result)
        self._prepare_blitting()
        self._apply()

    def _prepare_blitting(self) -> None:
        """Draw the parts that never change once, if the view says which parts do change."""
        dynamic = getattr(self.view, "dynamic_artists", None)
        if dynamic is None or not BLITTING_MATCHES_FULL_DRAW:
            return
        # Drawn in z-order, so a view also lists any fixed artist that must stay on top of a changing one.
        self._dynamic = sorted(dynamic(), key=lambda artist: artist.get_zorder())
        for artist in self._dynamic:
            artist.set_animated(True)
        with course_style():
            self.canvas.draw()  # animated artists are left out of a full draw
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)

    def _render(self) -> bytes:
        if self._background is None:
            return render_png(self.canvas)
        self.canvas.restore_region(self._background)
        for artist in self._dynamic:
            self.figure.draw_artist(artist)
        return encode_png(self.canvas)

    # ----- widgets -------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.inputs: dict[str, widgets.Widget] = {}
        self.number_boxes: dict[str, widgets.FloatText] = {}
        rows = []
        # One label width for every control, so the sliders line up under each other.
        label_width = {"description_width": f"{max(len(c.label) for c in self.spec.controls) * 0.55 + 1:.1f}em"}
        for control in self.spec.controls:
            if isinstance(control, Slider):
                # A slider over the control's positions (its ``index`` drives the stack of pictures in the
                # browser); ``value`` is the control's value, as with a number slider.
                values = [float(v) for v in control.values()]
                slider = widgets.SelectionSlider(
                    options=[(f"{v:g}", v) for v in values], index=_position(control, control.default),
                    description=control.label, readout=False, continuous_update=True,
                    tooltip=control.help or control.label,
                    style=label_width, layout=widgets.Layout(width=f"calc({label_width['description_width']} + 14em)"),
                )
                box = widgets.FloatText(
                    value=control.default, step=control.step, description="or type:",
                    tooltip=f"{control.label}: type a number from {control.min:g} to {control.max:g}",
                    style={"description_width": "initial"}, layout=widgets.Layout(width="11em"),
                )
                box.add_class("cp-number-box")
                box.observe(lambda change, name=control.name: self._on_widget(name, change), "value")
                self.number_boxes[control.name] = box
                row = widgets.HBox([slider, box])
            else:
                # The list holds positions, not the values themselves: ipywidgets treats an option
                # whose value is None as "nothing selected", and positions avoid comparing tuples.
                slider = widgets.Dropdown(
                    options=[(text, i) for i, (text, _) in enumerate(control.options)],
                    value=control.values().index(control.default), description=control.label,
                    tooltip=control.help or control.label, style=label_width,
                    layout=widgets.Layout(width=f"calc({label_width['description_width']} + 22em)"),
                )
                row = widgets.HBox([slider])
            slider.add_class("cp-control")
            slider.observe(lambda change, name=control.name: self._on_widget(name, change), "value")
            self.inputs[control.name] = slider
            rows.append(row)
        self.reset_button = widgets.Button(
            description="Reset", icon="undo", tooltip="Put every control back to its starting value",
            layout=widgets.Layout(min_width="8em", height="2.2em"),
        )
        self.reset_button.add_class("cp-reset")
        self.reset_button.on_click(lambda _button: self.reset())
        self.label_html = widgets.HTML(
            f"<p><strong>{html.escape(self.spec.label)}.</strong> {html.escape(self.spec.title)}"
            + (f" {html.escape(self.spec.intro)}" if self.spec.intro else "") + "</p>"
        )
        # The live picture: always the current state. Positions of the stacks without a frame show it.
        self.image = self._image_widget()
        self.image.add_class("cp-live")  # (the benchmark tells a frame drawn ahead from the live picture)
        self.stacks: dict[str, widgets.Stack] = {}
        self.links: dict[str, widgets.Widget] = {}
        for control in self.spec.controls:
            stack = widgets.Stack([self.image] * len(control.values()),
                                  selected_index=_position(control, control.default))
            stack.add_class("cp-frames")
            self.links[control.name] = widgets.jsdlink((self.inputs[control.name], "index"), (stack, "selected_index"))
            self.stacks[control.name] = stack
        # Shows the stack of the control last used; its neighbours are drawn ahead.
        self.frames = widgets.Stack(list(self.stacks.values()), selected_index=0)
        self.frames.add_class("cp-figure-area")
        self.state_html = widgets.HTML()
        self.state_html.add_class("cp-state")
        self.message_html = widgets.HTML()
        self.message_html.add_class("cp-message")
        self.widget = widgets.VBox(
            [self.label_html, *rows, self.reset_button, self.frames, self.state_html, self.message_html],
            layout=widgets.Layout(border="1px solid #767676", padding="0.5em"),
        )
        self.widget.add_class("cp-explorer")
        self.widget.add_class(f"cp-explorer-{self.spec.key}")

    @staticmethod
    def _image_widget(png: bytes = b"") -> widgets.Image:
        """An Image widget that shows a PNG through a data URL (see :func:`data_url`).

        No tooltip on an Image widget: with ipywidgets 8.1.9 an Image with a tooltip fails to render in
        JupyterLab ("Could not create a view"). The state sentence says it instead.
        """
        image = widgets.Image(value=data_url(png), format="url", layout=widgets.Layout(max_width="100%", height="auto"))
        image.add_class("cp-figure")
        return image

    def _on_widget(self, name: str, change) -> None:
        if self._syncing:
            return
        control = self.control(name)
        new = change["new"]
        if isinstance(control, Choice):
            new = control.values()[new] if isinstance(new, int) and 0 <= new < len(control.options) else new
        self.set_value(name, new)

    def _sync_widgets(self) -> None:
        self._syncing = True
        try:
            for name, value in self.params.items():
                control = self.control(name)
                if isinstance(control, Choice):
                    self.inputs[name].value = control.values().index(value)
                else:
                    self.inputs[name].index = _position(control, value)
                self.stacks[name].selected_index = _position(control, value)
                if name in self.number_boxes:
                    self.number_boxes[name].value = value
        finally:
            self._syncing = False

    # ----- the callbacks (plain methods) --------------------------------------------
    def control(self, name: str) -> Slider | Choice:
        for control in self.spec.controls:
            if control.name == name:
                return control
        raise KeyError(f"Explorer {self.spec.key!r} has no control {name!r}; it has {list(self.params)}.")

    def set_value(self, name: str, raw: Any) -> str:
        """Set one control as a learner would (slider, number box or list); returns any message."""
        control = self.control(name)
        value, message = control.coerce(raw, self.params[name])
        changed = value != self.params[name]
        self.params[name] = value
        if changed:
            self._apply(name)
        else:
            self._sync_widgets()
        self._show_message(message)
        return message

    def reset(self) -> None:
        """Return every control to its starting value."""
        self.params = self.spec.defaults
        self._apply()
        self._show_message("")

    def _show_message(self, message: str) -> None:
        self.message = message
        self.message_html.value = status_html(message, emphasis=True)

    def _apply(self, changed: str | None = None) -> None:
        """Show the current state: picture (from the cache when it has it), widgets and sentence."""
        start = time.perf_counter()
        key = self._key(self.params)
        cached = self._frames.get(key)
        if cached is None:
            self.result = self.spec.model(dict(self.params))
            with course_style():
                self.view.update(self.params, self.result)
                png = self._render()
            self._store(key, self.result, png)
        else:
            self._frames.move_to_end(key)
            self.result, png = cached[0], cached[1]
            with course_style():  # the figure object always shows the current state too
                self.view.update(self.params, self.result)
        self.sentence = self.spec.describe(self.params, self.result)
        # The picture first: it is what the learner waits for. Then the stacks, so that no
        # position shows a frame of another state, then the controls (their links move the stacks).
        self.image.value = data_url(png)
        if changed is not None:
            self.frames.selected_index = list(self.stacks).index(changed)
        self._update_stacks()
        self._sync_widgets()
        self.state_html.value = status_html(self.sentence)
        elapsed = (time.perf_counter() - start) * 1000
        self.timing.count += 1
        self.timing.last_ms = elapsed
        self.timing.all_ms.append(elapsed)
        self._schedule_prefetch()

    # ----- frames: cache, stacks and drawing ahead ----------------------------------------------
    def _key(self, params: Mapping[str, Any]) -> tuple:
        return tuple(params[c.name] for c in self.spec.controls)

    def _store(self, key: tuple, result: Any, png: bytes) -> None:
        if self.cache_size <= 0:
            return
        self._frames[key] = (result, png, self._image_widget(png))
        self._frames.move_to_end(key)
        current = self._key(self.params)
        evicted = []
        while len(self._frames) > self.cache_size:
            oldest = next(k for k in self._frames if k != current)
            evicted.append(self._frames.pop(oldest)[2])
        if evicted:
            self._update_stacks()  # no stack may point at a frame that is about to go
            for image in evicted:
                image.close()

    def _forget_frames(self) -> None:
        old = [image for _, _, image in self._frames.values()]
        self._frames.clear()
        self._update_stacks()
        for image in old:
            image.close()

    def _neighbour(self, name: str, value: Any) -> dict[str, Any]:
        return {**self.params, name: value}

    def _update_stacks(self) -> None:
        """Each position of each stack: the frame for that state if there is one, else the live picture."""
        for control in self.spec.controls:
            children = []
            for value in control.values():
                cached = self._frames.get(self._key(self._neighbour(control.name, value)))
                children.append(self.image if cached is None else cached[2])
            children = tuple(children)
            if self.stacks[control.name].children != children:
                self.stacks[control.name].children = children

    def frame(self, params: Mapping[str, Any]) -> bytes | None:
        """The cached PNG for a state, or None."""
        cached = self._frames.get(self._key(params))
        return None if cached is None else cached[1]

    def _wanted(self) -> list[dict[str, Any]]:
        """States to draw ahead: neighbours of the control last used, nearest first."""
        control = self.spec.controls[self.frames.selected_index or 0]
        values = list(control.values())
        here = values.index(self.params[control.name])
        wanted = []
        for distance in range(1, PREFETCH_RADIUS + 1):
            for position in (here + distance, here - distance):
                if 0 <= position < len(values):
                    params = self._neighbour(control.name, values[position])
                    if self._key(params) not in self._frames:
                        wanted.append(params)
        return wanted

    def _draw_ahead(self, params: dict[str, Any]) -> None:
        result = self.spec.model(dict(params))
        with course_style():
            self.view.update(params, result)
            png = self._render()
            self.view.update(self.params, self.result)  # the figure object shows the current state again
        self._store(self._key(params), result, png)
        self._update_stacks()

    def prefetch(self, limit: int | None = None) -> int:
        """Draw up to ``limit`` neighbouring states now (all wanted ones if None); returns how many.

        Never changes what is shown: the state, sentence and live picture stay as they are.
        """
        drawn = 0
        for params in self._wanted()[:limit]:
            self._draw_ahead(params)
            drawn += 1
        return drawn

    def _schedule_prefetch(self) -> None:
        """In a running kernel, draw the neighbours one at a time while nothing else is waiting."""
        self._generation += 1
        if self.cache_size <= 0 or self.prefetch_error is not None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # no event loop (tests, scripts): call prefetch() to draw ahead
        loop.call_soon(self._prefetch_step, loop, self._generation)

    def _prefetch_step(self, loop, generation: int) -> None:
        if generation != self._generation:
            return  # the state changed since; that change scheduled its own steps
        try:
            drawn = self.prefetch(limit=1)
        except Exception as error:  # never let drawing ahead break the explorer; the live path still works
            self.prefetch_error = error
            return
        if drawn:
            loop.call_soon(self._prefetch_step, loop, generation)

    @property
    def png(self) -> bytes:
        """The PNG of the current picture (the live picture's)."""
        return image_png(self.image)

    def _repr_mimebundle_(self, **kwargs):
        data = self.widget._repr_mimebundle_(**kwargs)
        data["text/plain"] = f"{self.spec.label}. {self.spec.title} {self.sentence}"
        # The static form (GitHub, nbconvert, the static edition, JupyterLab before the cells run).
        data["text/html"] = (f'<div class="cp-static-explorer"><p><strong>{html.escape(self.spec.title)}</strong> '
                             f"{html.escape(self.spec.label)}. With the notebook running, the explorer appears "
                             "here, with its controls. Without a running notebook, the key states below show it "
                             "at a few settings; each is folded, so try the tasks first.</p></div>")
        return data
