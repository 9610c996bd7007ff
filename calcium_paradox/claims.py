"""The claim check (chapter 06): popular claims, one at a time, judged against the evidence.

The claims live in ``data/claims.yaml``: each is a point from one of the source
articles, said in the course's own words, with the verdict the science pack
gives it, a two-sentence reason and the sources behind it.

:class:`ClaimCheck` is a self-check widget like the question bank's: the learner
picks a verdict first, and only then sees the evidence-based one. Its logic is
plain methods (:meth:`ClaimCheck.choose`, :meth:`ClaimCheck.check`,
:meth:`ClaimCheck.next`, :meth:`ClaimCheck.previous`) that tests call directly.
:func:`claims_markdown` is the static version for readers without a kernel.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import ipywidgets as widgets
import yaml

from . import bibliography
from .display import inline_html, status_html

#: The four verdicts, and what each means in plain words.
VERDICTS: dict[str, str] = {
    "supported": "the evidence backs the claim as it is worded",
    "oversimplified": "part of it is right, but it leaves out something that changes the message",
    "contested": "good studies disagree, so the question is still open",
    "not supported": "the evidence does not back it, or the source it cites does not say so",
}
NO_CHOICE = ("Pick a verdict first (supported, oversimplified, contested or not supported), "
             "then press “Check my verdict”.")


@dataclass(frozen=True)
class Claim:
    id: str
    article: str
    claim: str
    verdict: str
    reason: str
    keys: tuple[str, ...]
    where: str
    trap: str = ""

    def sources_text(self) -> str:
        """The sources as plain text ("Lewis and others 2015; ...")."""
        return "; ".join(cite_text(key) for key in self.keys)

    def sources_markdown(self) -> str:
        """The sources as links to the notebook's reference list."""
        return "; ".join(f"[{cite_text(key)}](#ref-{key})" for key in self.keys)


@dataclass(frozen=True)
class ClaimSet:
    articles: dict[str, str]
    claims: tuple[Claim, ...]

    def __getitem__(self, claim_id: str) -> Claim:
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise KeyError(f"No claim {claim_id!r} in calcium_paradox/data/claims.yaml.")

    def article_name(self, claim: Claim) -> str:
        return f"article {claim.article}, {self.articles[claim.article]}"


def _surname(name: str) -> str:
    """ "van Beek EJR" -> "van Beek"; an organisation's name is kept whole."""
    tokens = name.split()
    if len(tokens) >= 2 and tokens[-1].isalpha() and tokens[-1].isupper():
        return " ".join(tokens[:-1])
    return name


def cite_text(key: str) -> str:
    """How the course names a source in running text: "Demer and Tintut 2008", "Lewis and others 2015"."""
    ref = bibliography.load()[key]
    authors = re.sub(r"\s*\([^)]*\)", "", ref.authors)  # drop "(eds)" and "(… Investigators)"
    many = "et al" in authors
    names = [n.strip() for n in authors.replace("et al.", "").split(",") if n.strip()]
    if len(names) == 1 and not many:
        who = _surname(names[0])
    elif len(names) == 2 and not many:
        who = f"{_surname(names[0])} and {_surname(names[1])}"
    else:
        who = f"{_surname(names[0])} and others"
    return f"{who} {ref.year}"


@lru_cache(maxsize=1)
def load_claims() -> ClaimSet:
    text = resources.files("calcium_paradox").joinpath("data/claims.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    claims = tuple(Claim(**{**c, "keys": tuple(c["keys"])}) for c in raw["claims"])
    return ClaimSet(articles=dict(raw["articles"]), claims=claims)


def problems(claim_set: ClaimSet) -> list[str]:
    """Everything wrong with the claims (an empty list means they are fine)."""
    found = []
    known = bibliography.load()
    ids = [c.id for c in claim_set.claims]
    if len(set(ids)) != len(ids):
        found.append("two claims share an id.")
    for claim in claim_set.claims:
        if claim.verdict not in VERDICTS:
            found.append(f"{claim.id}: verdict {claim.verdict!r} is not one of {list(VERDICTS)}.")
        if claim.article not in claim_set.articles:
            found.append(f"{claim.id}: article {claim.article!r} is not one of the source articles.")
        if not claim.keys:
            found.append(f"{claim.id}: needs at least one source key.")
        for key in claim.keys:
            if key not in known:
                found.append(f"{claim.id}: source {key!r} is not in references.yaml.")
        sentences = [s for s in claim.reason.replace("?", ".").split(". ") if s.strip()]
        if len(sentences) != 2:
            found.append(f"{claim.id}: the reason should be two sentences, not {len(sentences)}.")
        if not claim.claim.strip() or not claim.where.strip():
            found.append(f"{claim.id}: needs the claim text and the fact-sheet row it is judged by.")
    return found


class ClaimCheck:
    """One claim at a time: pick a verdict, check it, then see the evidence-based verdict and why."""

    def __init__(self, claim_set: ClaimSet | None = None):
        self.claim_set = claim_set or load_claims()
        self.index = 0
        self.attempts: dict[str, list[tuple[str, bool]]] = {}
        self.message = ""
        self.header = widgets.HTML()
        self.claim_html = widgets.HTML()
        self.choices = widgets.RadioButtons(
            options=[(name, name) for name in VERDICTS], value=None, description="Your verdict:",
            style={"description_width": "initial"}, layout=widgets.Layout(width="auto"),
        )
        self.check_button = widgets.Button(
            description="Check my verdict", tooltip="Compare your verdict with what the evidence says",
            layout=widgets.Layout(min_width="12em", height="2.2em"),
        )
        self.previous_button = widgets.Button(
            description="Previous claim", icon="arrow-left", tooltip="Go back one claim",
            layout=widgets.Layout(min_width="10em", height="2.2em"),
        )
        self.next_button = widgets.Button(
            description="Next claim", icon="arrow-right", tooltip="Go to the next claim",
            layout=widgets.Layout(min_width="10em", height="2.2em"),
        )
        self.feedback = widgets.HTML()
        self.progress = widgets.HTML()
        # A new choice makes old feedback out of date, so it is cleared until the learner checks again.
        self.choices.observe(lambda _change: self._set_message(""), "value")
        self.check_button.on_click(lambda _button: self.check())
        self.previous_button.on_click(lambda _button: self.previous())
        self.next_button.on_click(lambda _button: self.next())
        self.widget = widgets.VBox(
            [self.header, self.claim_html, self.choices,
             widgets.HBox([self.check_button, self.previous_button, self.next_button]),
             self.feedback, self.progress],
            layout=widgets.Layout(border="1px solid #767676", padding="0.5em", margin="0.5em 0"),
        )
        self.widget.add_class("cp-claim-check")
        self.choices.add_class("cp-choices")
        self.feedback.add_class("cp-feedback")
        self.claim_html.add_class("cp-claim")
        self._show_claim()

    # ----- state ------------------------------------------------------------------------
    @property
    def claim(self) -> Claim:
        return self.claim_set.claims[self.index]

    @property
    def count(self) -> int:
        return len(self.claim_set.claims)

    def _show_claim(self) -> None:
        claim = self.claim
        self.header.value = (
            f"<p><strong>Claim {self.index + 1} of {self.count}</strong>, from "
            f"{html.escape(self.claim_set.article_name(claim))}</p>"
        )
        self.claim_html.value = f"<blockquote><p>{html.escape(claim.claim)}</p></blockquote>"
        self.choices.value = None
        self._set_message("")
        self.previous_button.disabled = self.index == 0
        self.next_button.disabled = self.index == self.count - 1
        self._show_progress()

    def _set_message(self, message: str) -> None:
        self.message = message
        self.feedback.value = status_html(message)

    def _show_progress(self) -> None:
        self.progress.value = f"<p><em>{html.escape(self.progress_text())}</em></p>"

    def progress_text(self) -> str:
        checked = len(self.attempts)
        matched = sum(tries[0][1] for tries in self.attempts.values())
        if not checked:
            return f"You have checked 0 of {self.count} claims. Nothing is saved or sent anywhere."
        return (f"You have checked {checked} of {self.count} claims; your first verdict matched the "
                f"evidence on {matched}. Nothing is saved or sent anywhere.")

    # ----- the callbacks (plain methods) --------------------------------------------------
    def choose(self, verdict: str | None) -> None:
        """Select a verdict (or None for no choice), as a learner's click would."""
        if verdict is not None and verdict not in VERDICTS:
            raise ValueError(f"{verdict!r} is not a verdict; choose one of {list(VERDICTS)}.")
        self.choices.value = verdict

    def check(self) -> str:
        """Compare the chosen verdict with the evidence; returns the message shown."""
        choice = self.choices.value
        if choice is None:
            self._set_message(NO_CHOICE)
            return self.message
        claim = self.claim
        matched = choice == claim.verdict
        self.attempts.setdefault(claim.id, []).append((choice, matched))
        opening = ("Your verdict matches the evidence." if matched
                   else f"The evidence points elsewhere. You said “{choice}”.")
        parts = [
            opening,
            f"Evidence-based verdict: {claim.verdict} ({VERDICTS[claim.verdict]}).",
            claim.reason,
        ]
        if claim.trap:
            parts.append(f"Trap to spot: {claim.trap}")
        parts.append(f"Sources: {claim.sources_text()}.")
        self._set_message(" ".join(parts))
        self._show_progress()
        return self.message

    def go_to(self, index: int) -> None:
        """Show claim number ``index`` (counting from 0); the choice and feedback start empty."""
        self.index = max(0, min(self.count - 1, int(index)))
        self._show_claim()

    def next(self) -> None:
        self.go_to(self.index + 1)

    def previous(self) -> None:
        self.go_to(self.index - 1)

    def results(self) -> dict[str, tuple[str, bool]]:
        """First attempt per claim id: (verdict chosen, matched the evidence)."""
        return {claim_id: tries[0] for claim_id, tries in self.attempts.items()}

    def _repr_mimebundle_(self, **kwargs):
        data = self.widget._repr_mimebundle_(**kwargs)
        data["text/plain"] = (f"Claim check: {self.count} claims from the four source articles, "
                              "one at a time. Pick a verdict, then check it.")
        # The static form: every claim, its verdict folded (for readers without a running kernel).
        data["text/html"] = ("<p>Without a running notebook, here is every claim. Decide on your verdict, "
                             "then open the box.</p>" + StaticClaims(self.claim_set).html())
        return data


def claim_check() -> ClaimCheck:
    """Show the claim check (the last line of a notebook cell)."""
    return ClaimCheck()


class StaticClaims:
    """Every claim with its verdict hidden in a <details> box: the claim check without a kernel."""

    def __init__(self, claim_set: ClaimSet | None = None):
        self.claim_set = claim_set or load_claims()

    def markdown(self) -> str:
        lines = []
        for number, claim in enumerate(self.claim_set.claims, 1):
            lines += [
                f"**Claim {number}**, from {self.claim_set.article_name(claim)}:",
                "",
                f"> {claim.claim}",
                "",
                "<details><summary>Show the evidence-based verdict</summary>",
                "",
                f"**{claim.verdict.capitalize()}** ({VERDICTS[claim.verdict]}). {claim.reason}"
                + (f" *Trap to spot:* {claim.trap}" if claim.trap else "")
                + f" Sources: {claim.sources_markdown()}.",
                "",
                "</details>",
                "",
            ]
        return "\n".join(lines).rstrip() + "\n"

    def html(self) -> str:
        """The same list as HTML (the claim check's static form)."""
        parts = []
        for number, claim in enumerate(self.claim_set.claims, 1):
            trap = f" <em>Trap to spot:</em> {inline_html(claim.trap)}" if claim.trap else ""
            parts.append(
                f"<p><strong>Claim {number}</strong>, from {html.escape(self.claim_set.article_name(claim))}:</p>"
                f"<blockquote>{inline_html(claim.claim)}</blockquote>"
                "<details><summary>Show the evidence-based verdict</summary>"
                f"<p><strong>{html.escape(claim.verdict.capitalize())}</strong> "
                f"({html.escape(VERDICTS[claim.verdict])}). "
                f"{inline_html(claim.reason)}{trap} Sources: {inline_html(claim.sources_markdown())}.</p></details>")
        return '<div class="cp-static-claims">' + "".join(parts) + "</div>"

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def __repr__(self) -> str:
        return self.markdown()


def claims_markdown() -> StaticClaims:
    """The static claim list (the last line of a notebook cell)."""
    return StaticClaims()


def cited_keys() -> list[str]:
    """Every source key the claims use, in order of first use."""
    seen: dict[str, None] = {}
    for claim in load_claims().claims:
        for key in claim.keys:
            seen.setdefault(key, None)
    return list(seen)
