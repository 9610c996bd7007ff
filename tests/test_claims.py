"""Chapter 06's claim check: the claims are well formed and sourced, and the widget is kind to every click."""

import json
import re
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from calcium_paradox import bibliography
from calcium_paradox.claims import (
    NO_CHOICE,
    VERDICTS,
    ClaimCheck,
    ClaimSet,
    cite_text,
    cited_keys,
    claims_markdown,
    load_claims,
    problems,
)

CLAIMS = load_claims()
ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "sources"
NOTEBOOK = ROOT / "notebooks" / "06-reading-the-evidence.ipynb"
DO_NOT_CITE = yaml.safe_load(resources.files("calcium_paradox").joinpath("data/do_not_cite.yaml").read_text("utf-8"))
SHARED_REFERENCES = ROOT.parent / "shared" / "science" / "references.yaml"
#: Words that tell a learner a paper is missing. Only citations on the do-not-cite list may be described so.
NOT_FOUND = re.compile(r"does not exist|do not exist|did not exist|could not be found|cannot be found|was not found|"
                       r"were not found|not be found|no such (paper|review|study|article)|never existed", re.I)


# ----- the claims -----------------------------------------------------------------------------
def test_at_least_twelve_claims_span_all_four_articles_and_every_verdict():
    assert len(CLAIMS.claims) >= 12
    assert {c.article for c in CLAIMS.claims} == set(CLAIMS.articles) == {"A", "B", "C", "D"}
    assert {c.verdict for c in CLAIMS.claims} == set(VERDICTS)


def test_every_claim_has_a_verdict_a_two_sentence_reason_and_sources_that_resolve():
    assert problems(CLAIMS) == []
    known = bibliography.load()
    for claim in CLAIMS.claims:
        assert claim.verdict in VERDICTS and claim.reason
        assert claim.keys and all(key in known for key in claim.keys), claim.id


def test_the_checks_can_fail_and_say_why():
    claim = CLAIMS.claims[0]
    broken = ClaimSet(CLAIMS.articles, (replace(claim, verdict="true"), replace(claim, id="X", keys=()),
                                        replace(claim, id="Y", keys=("nobody2099",)),
                                        replace(claim, id="Z", reason="One sentence only.")))
    found = " ".join(problems(broken))
    for expected in ("is not one of", "at least one source", "nobody2099", "two sentences"):
        assert expected in found


def test_the_citation_problems_and_unsupported_claims_are_included():
    not_supported = [c for c in CLAIMS.claims if c.verdict == "not supported"]
    assert len(not_supported) >= 3
    about_citations = [c for c in CLAIMS.claims if NOT_FOUND.search(c.reason) or "wrong journal" in c.reason]
    assert len(about_citations) >= 2


def _verify_before_citing() -> list[dict]:
    if not SHARED_REFERENCES.exists():
        pytest.skip("shared science pack not found")
    return yaml.safe_load(SHARED_REFERENCES.read_text(encoding="utf-8")).get("verify_before_citing") or []


def not_found_problems(claims, verify_before_citing, do_not_cite) -> list[str]:
    """Claims whose reason calls a paper missing although it is real (verify_before_citing) or not on do-not-cite."""
    found = []
    replacement_keys = {key for item in do_not_cite for key in item.get("instead", [])}
    for claim in claims:
        if not NOT_FOUND.search(claim.reason):
            continue
        text = f"{claim.claim} {claim.reason}".lower()
        for entry in verify_before_citing:
            citation, use = entry["citation"], str(entry.get("use", ""))
            surname = re.split(r"[\s,]", citation.strip())[0].lower()
            if claim.id in re.findall(r"\bC\d\d\b", use) or (len(surname) > 3 and surname in text):
                found.append(f"{claim.id} says a paper is missing, but {citation[:60]!r} is real "
                             "(verify_before_citing)")
        if not replacement_keys & set(claim.keys):
            found.append(f"{claim.id} says a paper is missing, but cites none of the do-not-cite list's replacements")
    return found


def test_no_reason_calls_a_real_but_unconfirmed_paper_missing():
    """"We could not confirm it" is not "it does not exist": only do-not-cite citations may be called missing."""
    assert not_found_problems(CLAIMS.claims, _verify_before_citing(), DO_NOT_CITE) == []


def test_the_missing_paper_check_can_fail():
    verify = [{"citation": "Shanahan CM, Crouthamel MH. Circ Res 2011", "use": "the seed's 2011 review (claim C07)"}]
    old_c07 = replace(CLAIMS["C07"], verdict="not supported", keys=("shanahan2013", "lanzer2014"),
                      reason="No such review was found in that journal. The list of causes is broadly right.")
    assert "C07 says a paper is missing" in " ".join(not_found_problems([old_c07], verify, DO_NOT_CITE))
    stray = replace(CLAIMS["C01"], id="X1", reason="The paper it cites could not be found. So it is doubtful.")
    assert "replacements" in " ".join(not_found_problems([stray], [], DO_NOT_CITE))


def test_claim_c07_is_a_real_review_with_the_wrong_journal():
    c07 = CLAIMS["C07"]
    assert c07.verdict == "oversimplified"
    assert "Circulation Research" in c07.reason and "wrong journal" in c07.reason
    assert not NOT_FOUND.search(c07.reason)
    assert {"shanahan2013", "lanzer2014"} <= set(c07.keys), "the verified reviews that support the list of causes"


def test_claim_c07_cites_the_2011_review_itself():
    """Shanahan and others 2011 (Circ Res) must be among C07's sources once its record is in the bibliography."""
    if "shanahan2011" not in bibliography.load():
        pytest.skip("shanahan2011 is not in references.yaml yet (its PMID is still to be confirmed)")
    assert "shanahan2011" in CLAIMS["C07"].keys


DECIDED = {  # id: (article, verdict), as decided for this round of the claim check
    "C04": ("A", "oversimplified"), "C07": ("A", "oversimplified"), "C09": ("B", "not supported"),
    "C12": ("C", "oversimplified"), "C15": ("C", "oversimplified"), "C19": ("B", "contested"),
    "C20": ("D", "oversimplified"), "C21": ("C", "oversimplified"), "C22": ("C", "not supported"),
}


@pytest.mark.parametrize("claim_id", sorted(DECIDED))
def test_the_decided_verdicts_are_the_ones_shown(claim_id):
    article, verdict = DECIDED[claim_id]
    claim = CLAIMS[claim_id]
    assert (claim.article, claim.verdict) == (article, verdict)


def test_the_vitamin_k_claim_cites_the_recent_trials_and_says_not_shown_rather_than_shown_not_to_work():
    c09 = CLAIMS["C09"]
    known = bibliography.load()
    for key in ("hasific2023adv", "holden2023", "haroon2023", "levyschousboe2021"):
        assert key in c09.keys or key not in known, f"{key} is in the bibliography, so C09 should cite it"
    assert {"hasific2023adv", "holden2023"} <= set(c09.keys)
    for trial in ("AVADEC", "iPACK-HD", "Trevasc-HDK", "RenaKvit", "VitaVasK"):
        assert trial in c09.reason
    assert "open-label" in c09.reason and "low certainty" in c09.reason
    assert "not shown" in c09.reason


def test_claim_ids_run_in_order_without_gaps():
    assert [c.id for c in CLAIMS.claims] == [f"C{n:02d}" for n in range(1, len(CLAIMS.claims) + 1)]


def test_no_claim_repeats_a_citation_the_course_must_never_carry():
    for claim in CLAIMS.claims:
        text = f"{claim.claim} {claim.reason} {claim.sources_text()}".lower()
        for item in DO_NOT_CITE:
            assert not re.search(item["pattern"], text, re.S), f"{claim.id} matches '{item['citation']}'"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def test_claims_are_in_the_courses_own_words_not_copied_from_the_articles():
    if not SOURCES.exists():
        pytest.skip("source articles not found")
    article_words = _words(" ".join(p.read_text(encoding="utf-8") for p in SOURCES.glob("*.txt")))
    seen = {tuple(article_words[i:i + 7]) for i in range(len(article_words) - 6)}
    for claim in CLAIMS.claims:
        words = _words(claim.claim + " " + claim.reason)
        copied = [" ".join(words[i:i + 7]) for i in range(len(words) - 6) if tuple(words[i:i + 7]) in seen]
        assert not copied, f"{claim.id} repeats the article word for word: {copied}"


def test_citations_read_like_the_rest_of_the_course():
    assert cite_text("demer2008") == "Demer and Tintut 2008"
    assert cite_text("lewis2015") == "Lewis and others 2015"
    assert cite_text("szulc2012") == "Szulc 2012"
    assert cite_text("iom2011") == "Institute of Medicine 2011"
    assert cite_text("deboer2009") == "de Boer and others 2009"


# ----- the widget -----------------------------------------------------------------------------
def test_checking_without_a_choice_asks_for_one_and_records_nothing():
    check = ClaimCheck()
    assert check.check() == NO_CHOICE
    assert NO_CHOICE in check.feedback.value and check.attempts == {}


@pytest.mark.parametrize("verdict", list(VERDICTS))
def test_every_verdict_gets_the_evidence_verdict_the_reason_and_the_sources(verdict):
    check = ClaimCheck()
    for index, claim in enumerate(CLAIMS.claims):
        check.go_to(index)
        check.choose(verdict)
        message = check.check()
        assert message.startswith("Your verdict matches" if verdict == claim.verdict else "The evidence points")
        assert f"Evidence-based verdict: {claim.verdict}" in message
        assert claim.reason in message and claim.sources_text() in message
        assert "](" not in message, "sources are plain text in the widget"


def test_moving_to_another_claim_clears_the_choice_so_the_verdict_is_never_shown_first():
    check = ClaimCheck()
    check.choose("contested")
    check.check()
    check.next()
    assert check.index == 1 and check.choices.value is None and check.message == "" and check.feedback.value == ""
    assert check.check() == NO_CHOICE


def test_changing_the_verdict_after_checking_clears_the_old_feedback():
    check = ClaimCheck()
    check.choose("supported")
    check.check()
    check.choose("contested")
    assert check.message == "" and check.feedback.value == ""


def test_previous_and_next_stop_at_the_ends_and_the_buttons_say_so():
    check = ClaimCheck()
    check.previous()
    assert check.index == 0 and check.previous_button.disabled
    check.go_to(99)
    assert check.index == len(CLAIMS.claims) - 1 and check.next_button.disabled
    check.next()
    assert check.index == len(CLAIMS.claims) - 1


def test_the_buttons_run_the_same_callbacks_as_the_methods():
    check = ClaimCheck()
    check.choose(CLAIMS.claims[0].verdict)
    check.check_button.click()
    assert check.message.startswith("Your verdict matches")
    check.next_button.click()
    assert check.index == 1
    check.previous_button.click()
    assert check.index == 0


def test_results_keep_the_first_attempt_and_the_tally_counts_matches():
    check = ClaimCheck()
    right = CLAIMS.claims[0].verdict
    wrong = next(v for v in VERDICTS if v != right)
    check.choose(wrong)
    check.check()
    check.choose(right)
    check.check()
    assert check.results() == {CLAIMS.claims[0].id: (wrong, False)}
    assert "checked 1 of" in check.progress.value and "matched the evidence on 0" in check.progress.value


def test_an_unknown_verdict_is_a_clear_error():
    with pytest.raises(ValueError, match="not a verdict"):
        ClaimCheck().choose("true")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["choose", "check", "next", "previous"]),
                          st.sampled_from([None, *VERDICTS])), max_size=25))
def test_any_sequence_of_clicks_keeps_the_widget_consistent(actions):
    check = ClaimCheck()
    for action, verdict in actions:
        if action == "choose":
            check.choose(verdict)
        else:
            getattr(check, action)()
        assert 0 <= check.index < check.count
        assert check.claim.claim in check.claim_html.value.replace("&#x27;", "'").replace("&quot;", '"')
        if check.message and check.message != NO_CHOICE:
            assert check.choices.value is not None, "feedback is only ever about the verdict on show"
            assert f"“{check.choices.value}”" in check.message or check.message.startswith("Your verdict matches")


def test_the_plain_text_output_describes_the_widget():
    data = ClaimCheck()._repr_mimebundle_()
    assert data["text/plain"].startswith("Claim check:") and "application/vnd.jupyter.widget-view+json" in data


# ----- the static version -----------------------------------------------------------------------
def test_the_static_version_hides_every_verdict_in_a_details_box_and_links_its_sources():
    text = claims_markdown().markdown()
    assert text.count("<details>") == len(CLAIMS.claims)
    for claim in CLAIMS.claims:
        assert claim.claim in text and claim.reason in text
        hidden = text.split(claim.claim, 1)[1].split("</details>", 1)[0]
        assert claim.verdict.capitalize() in hidden
        for key in claim.keys:
            assert f"(#ref-{key})" in hidden
    assert repr(claims_markdown()) == text


def test_the_notebook_cites_every_source_the_claims_use_so_the_static_links_resolve():
    if not NOTEBOOK.exists():
        pytest.skip("chapter 06 not written yet")
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown"
                         and "references" not in c["metadata"].get("tags", []))
    assert set(cited_keys()) <= set(bibliography.cited_keys(markdown))
