""""We could not confirm it" is not "it does not exist".

The science pack keeps two lists: ``do_not_cite`` (citations shown to be wrong as given) and
``verify_before_citing`` (real papers whose record was not yet confirmed). A course that teaches
citation checking may say that a paper on the first list does not exist as cited; it must never say
so of a paper on the second. These tests read every text a learner or teacher sees.
"""

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "science" / "references.yaml"
DATA = ROOT / "calcium_paradox" / "data"
#: Data files whose text reaches learners (references.yaml and do_not_cite.yaml hold bookkeeping).
LEARNER_DATA = ("claims.yaml", "questions.yaml", "misconceptions.yaml", "effects.yaml", "glossary.yaml")

MISSING = re.compile(
    r"(does|do|did|may|might) not exist|doesn't exist|don't exist|could ?n[o']t be (found|located)"
    r"|(was|were) not found|no such (paper|review|study|article|trial|report)|is not a real (paper|study)",
    re.I,
)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n\s*\n", text) if s.strip()]


def _learner_texts() -> list[tuple[str, str]]:
    """(where, text) for every notebook Markdown cell, teacher page, README and learner data file."""
    texts = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text("utf-8"))["cells"]
        for number, cell in enumerate(cells, start=1):
            if cell["cell_type"] == "markdown":
                texts.append((f"{path.name} cell {number}", "".join(cell["source"])))
    for path in sorted((ROOT / "teachers").glob("*.md")) + [ROOT / "README.md"]:
        texts.append((path.name, path.read_text("utf-8")))
    for name in LEARNER_DATA:
        texts.append((name, (DATA / name).read_text("utf-8")))
    return texts


def _surnames(items: list[dict]) -> set[str]:
    """First authors (or bodies) of the citations: the first word, as capitalised in the citation."""
    return {re.split(r"[\s,.]", item["citation"].strip())[0] for item in items}


def _claim_numbers(items: list[dict]) -> set[int]:
    """The claim-check claims the shared list says its real papers belong to ("claim C07" -> 7)."""
    return {int(n) for item in items for n in re.findall(r"\bclaim C(\d\d)\b", item.get("use", ""))}


#: A sentence that starts by pointing back at the previous one ("That paper could not be found.").
POINTS_BACK = re.compile(r"^\W*(that|this|the|its?|such)\b( \w+)?\b", re.I)


def unconfirmed_called_missing(texts: list[tuple[str, str]], surnames: set[str],
                               claims: set[int] = frozenset()) -> list[str]:
    """Sentences that call a paper missing while naming the first author of a paper that is real but
    unconfirmed (in that sentence, or in the one before when this one points back at it), or a claim of
    the claim check that such a paper belongs to, right before the words that call it missing
    ("claims 5 and 7 cite papers that could not be found"; not "claim 5 ... could not be found, and
    claim 7 gives the wrong journal")."""
    found = []
    for where, text in texts:
        sentences = _sentences(text)
        for i, sentence in enumerate(sentences):
            if not MISSING.search(sentence):
                continue
            context = sentence
            if i and POINTS_BACK.match(sentence):
                context = sentences[i - 1] + " " + sentence
            named = sorted(n for n in surnames if re.search(rf"\b{re.escape(n)}\b", context))
            named += [f"claim {n}" for n in sorted(claims) if re.search(
                rf"\b(C0?{n}|claims? (?:\d+(?:, | and | or ))*{n})\b[^.;:]{{0,60}}?({MISSING.pattern})",
                sentence, re.I)]
            if named:
                found.append(f"{where}: {sentence.strip()[:160]!r} (names {', '.join(named)})")
    return found


@pytest.fixture(scope="module")
def pack():
    if not SHARED.exists():
        pytest.skip(f"shared science pack not found at {SHARED}")
    return yaml.safe_load(SHARED.read_text("utf-8"))


def test_no_text_says_a_real_but_unconfirmed_paper_does_not_exist(pack):
    items = pack["verify_before_citing"]
    assert unconfirmed_called_missing(_learner_texts(), _surnames(items), _claim_numbers(items)) == []


def test_claims_that_a_verify_list_paper_is_for_never_call_it_missing(pack):
    """The shared list names the claims each real paper belongs to ("claim C07")."""
    claims = {c["id"]: c for c in yaml.safe_load((DATA / "claims.yaml").read_text("utf-8"))["claims"]}
    for item in pack["verify_before_citing"]:
        for claim_id in re.findall(r"\bclaim (C\d\d)\b", item.get("use", "")):
            reason = claims[claim_id]["reason"]
            assert not MISSING.search(reason), f"{claim_id} calls a real paper missing: {item['citation']}"


def test_the_check_finds_the_sentence_that_was_taught_in_2026():
    """The check can fail: chapter 06's old wording about the 2011 review is caught, the corrected one is not."""
    old = ("No such review was found in that journal; the author it names, Shanahan, wrote a real review "
           "of calcification in kidney disease in 2013.")
    new = ("The review is real, by Shanahan and others in 2011, but the article names the wrong journal. "
           "Its list of causes is broadly right.")
    assert unconfirmed_called_missing([("old", old)], {"Shanahan"})
    assert unconfirmed_called_missing([("new", new)], {"Shanahan"}) == []
    before = "Criqui and others studied density in 2014. That paper could not be found."
    assert unconfirmed_called_missing([("two sentences", before)], {"Criqui"})
    assert unconfirmed_called_missing([("unrelated", "A Rennenberg 2009 review does not exist.")],
                                      {"Criqui"}) == []
    guide = "Say it out loud. Claims 5 and 7 cite papers that could not be found."
    assert unconfirmed_called_missing([("guide", guide)], set(), {7})
    fixed = "Claim 5 cites a paper that could not be found, and claim 7 gives the wrong journal for a real review."
    assert unconfirmed_called_missing([("guide", fixed)], set(), {7}) == []
    quoted = 'Shanahan wrote it. "We could not confirm it" and "it does not exist" are different verdicts.'
    assert unconfirmed_called_missing([("guide", quoted)], {"Shanahan"}) == []
