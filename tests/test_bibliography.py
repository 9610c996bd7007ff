"""Only real, identifiable sources are cited, and never the source articles' wrong citations."""

import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

from calcium_paradox import bibliography

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "science" / "references.yaml"
DO_NOT_CITE = yaml.safe_load(
    resources.files("calcium_paradox").joinpath("data/do_not_cite.yaml").read_text("utf-8")
)
ENTRIES = list(bibliography.load().values())


def entry_text(ref) -> str:
    return f"{ref.authors} {ref.title} {ref.journal} {ref.year}".lower()


def forbidden(text: str) -> list[str]:
    return [d["citation"] for d in DO_NOT_CITE if re.search(d["pattern"], text.lower(), re.S)]


@pytest.mark.parametrize("ref", ENTRIES, ids=lambda r: r.key)
def test_every_entry_has_a_doi_or_pmid_in_the_right_form(ref):
    assert ref.doi or ref.pmid, f"{ref.key} has neither a DOI nor a PMID"
    if ref.doi:
        assert re.fullmatch(r"10\.\d{4,9}/\S+", ref.doi), ref.doi
    if ref.pmid:
        assert re.fullmatch(r"\d{5,9}", ref.pmid), ref.pmid
    assert ref.authors and ref.title and ref.journal and 1900 < ref.year < 2100


@pytest.mark.parametrize("ref", ENTRIES, ids=lambda r: r.key)
def test_no_entry_is_on_the_do_not_cite_list(ref):
    assert forbidden(entry_text(ref)) == []


@pytest.mark.parametrize("item", DO_NOT_CITE, ids=lambda d: d["citation"][:40])
def test_each_do_not_cite_pattern_catches_its_own_citation(item):
    # A pattern that cannot match the citation it guards against could never fail.
    sample = item.get("example", item["citation"])
    assert re.search(item["pattern"], sample.lower(), re.S), sample


def _first_word(citation: str) -> str:
    return citation.split(",")[0].split(" ")[0].lower()


def test_the_vendored_list_mirrors_the_shared_do_not_cite_list():
    """Both ways: every citation the shared list bans is banned here, and nothing else is (a real paper
    that was only not yet confirmed sits in the shared verify_before_citing list, and is not banned)."""
    if not SHARED.exists():
        pytest.skip(f"shared science pack not found at {SHARED}")
    pack = yaml.safe_load(SHARED.read_text("utf-8"))
    shared = {_first_word(item["citation"]) for item in pack["do_not_cite"]}
    ours = {_first_word(d["citation"]) for d in DO_NOT_CITE}
    assert shared - ours == set(), f"missing from calcium_paradox/data/do_not_cite.yaml: {sorted(shared - ours)}"
    assert ours - shared == set(), f"banned here but not in the shared do_not_cite list: {sorted(ours - shared)}"
    for item in pack.get("verify_before_citing", []):
        assert not forbidden(item["citation"]), f"a real paper is banned: {item['citation']}"


def verification_problems(ref, pack: dict) -> list[str]:
    """Why ``ref`` may not be cited yet, judged against the science pack's entries (empty: it may)."""
    if ref.key not in pack:
        # Allowed only with the course's own check recorded: the title, authors, journal and year
        # confirmed against a primary record (PubMed, PMC, the publisher or Crossref), and the DOI or
        # PMID (a PubMed Central id stands in for a PMID) that record gives; the note says which.
        if not ref.checked.startswith("Not in the science pack. Verified on"):
            return [f"{ref.key} is not in the vetted science pack and has no recorded verification"]
        if not (ref.doi or ref.pmid or ref.pmcid):
            return [f"{ref.key}: a source verified by the course needs a DOI or a PMID (or PMC id)"]
        if len(ref.checked.split()) < 15:
            return [f"{ref.key}: the verification note must say which record was seen and what it showed"]
        return []
    vetted = pack[ref.key]
    same_ids = [f"{ref.key}: {field} differs from the science pack" for field in ("doi", "pmid", "pmcid")
                if vetted.get(field) and str(vetted[field]) != getattr(ref, field)]
    if vetted.get("verified") != "full":
        # A partial entry may be cited once the course has checked the missing piece and recorded how.
        recorded = ref.checked.startswith("Partial in the science pack") and (
            "missing piece checked on" in ref.checked or "Verified on" in ref.checked
            or "Checked by the course:" in ref.checked)
        if not recorded:
            return [f"{ref.key} is only '{vetted.get('verified')}' verified: check '{vetted.get('missing')}' "
                    "first, and record the check in its 'checked' field"]
        return same_ids
    if str(vetted.get("doi", "")) != ref.doi or str(vetted.get("pmid", "")) != ref.pmid:
        return [f"{ref.key}: identifiers differ from the science pack"]
    return []


@pytest.mark.parametrize("ref", ENTRIES, ids=lambda r: r.key)
def test_every_entry_is_fully_verified_in_the_science_pack_or_by_the_course(ref):
    if not SHARED.exists():
        pytest.skip(f"shared science pack not found at {SHARED}")
    pack = {r["key"]: r for r in yaml.safe_load(SHARED.read_text("utf-8"))["references"]}
    assert verification_problems(ref, pack) == []


def test_the_verification_rule_refuses_unchecked_and_mismatched_entries():
    base = dict(authors="A B", title="T", journal="J", year=2020)
    pack = {"full1": {"verified": "full", "doi": "10.1/x", "pmid": "12345"},
            "part1": {"verified": "partial", "doi": "10.1/y", "missing": "authors"}}
    checked = "Partial in the science pack; missing piece checked on 2026-11-21: authors on the publisher's page."
    ok_partial = bibliography.Reference(key="part1", doi="10.1/y", checked=checked, **base)
    assert verification_problems(ok_partial, pack) == []
    unchecked = bibliography.Reference(key="part1", doi="10.1/y", checked="Looks fine.", **base)
    assert "only 'partial' verified" in verification_problems(unchecked, pack)[0]
    wrong_doi = bibliography.Reference(key="part1", doi="10.1/z", checked=checked, **base)
    assert "doi differs" in verification_problems(wrong_doi, pack)[0]
    wrong_full = bibliography.Reference(key="full1", doi="10.1/x", pmid="99999", **base)
    assert "identifiers differ" in verification_problems(wrong_full, pack)[0]
    own = ("Not in the science pack. Verified on 2026-11-21: the publisher's page shows the title, the "
           "authors, the journal, the year and the DOI.")
    no_ids = bibliography.Reference(key="new1", checked=own, **base)
    assert "needs a DOI or a PMID" in verification_problems(no_ids, pack)[0]
    with_doi = bibliography.Reference(key="new1", doi="10.1/n", checked=own, **base)
    assert verification_problems(with_doi, pack) == []
    with_pmc = bibliography.Reference(key="new1", pmcid="PMC1", checked=own, **base)
    assert verification_problems(with_pmc, pack) == []
    bare = bibliography.Reference(key="new1", doi="10.1/n", checked="Not in the science pack. Verified on 2026-11-21.",
                                  **base)
    assert "which record was seen" in verification_problems(bare, pack)[0]
    unrecorded = bibliography.Reference(key="new1", doi="10.1/n", pmid="12345", **base)
    assert "no recorded verification" in verification_problems(unrecorded, pack)[0]


def test_cited_keys_are_found_in_order_without_repeats():
    text = "See [A](#ref-one) and [B](#ref-two), then [A again](#ref-one)."
    assert bibliography.cited_keys(text) == ["one", "two"]


def test_unknown_keys_are_reported_and_cannot_be_rendered():
    assert bibliography.unknown_keys(["demer2008", "made_up_2020"]) == ["made_up_2020"]
    with pytest.raises(KeyError, match="made_up_2020"):
        bibliography.reference_list(["made_up_2020"])


def test_reference_list_has_anchors_and_links():
    text = bibliography.reference_list(["szulc2012", "demer2008"])
    assert text.startswith("## References")
    assert text.index("ref-demer2008") < text.index("ref-szulc2012"), "sorted by first author"
    assert "https://doi.org/10.1161/CIRCULATIONAHA.107.743161" in text


def test_do_not_cite_catches_a_wrong_citation_written_into_an_entry():
    assert forbidden("Shanahan CM. Arterial calcification. Nature Reviews Cardiology 2011")
    assert forbidden("westenfeld r et al. kidney int 2012")
