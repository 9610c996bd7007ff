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


def test_the_vendored_list_covers_the_shared_do_not_cite_list():
    if not SHARED.exists():
        pytest.skip(f"shared science pack not found at {SHARED}")
    shared = yaml.safe_load(SHARED.read_text("utf-8"))["do_not_cite"]
    ours = {d["citation"].split(",")[0].split(" ")[0].lower() for d in DO_NOT_CITE}
    for item in shared:
        first_word = item["citation"].split(",")[0].split(" ")[0].lower()
        assert first_word in ours, f"not in calcium_paradox/data/do_not_cite.yaml: {item['citation']}"


@pytest.mark.parametrize("ref", ENTRIES, ids=lambda r: r.key)
def test_every_entry_is_fully_verified_in_the_science_pack_or_by_the_course(ref):
    if not SHARED.exists():
        pytest.skip(f"shared science pack not found at {SHARED}")
    pack = {r["key"]: r for r in yaml.safe_load(SHARED.read_text("utf-8"))["references"]}
    if ref.key not in pack:
        # Allowed only with the course's own check recorded and every identifier present.
        assert ref.checked.startswith("Not in the science pack. Verified on"), (
            f"{ref.key} is not in the vetted science pack and has no recorded verification"
        )
        assert ref.doi and ref.pmid, f"{ref.key}: a source verified by the course needs both DOI and PMID"
        return
    vetted = pack[ref.key]
    if vetted.get("verified") != "full":
        # A partial entry may be cited once the course has checked its missing piece and says
        # what it found (including what it could not confirm); its known identifiers must agree.
        assert ref.checked.startswith("Partial in the science pack") and "Checked by the course:" in ref.checked, (
            f"{ref.key} is only '{vetted.get('verified')}' verified: check '{vetted.get('missing')}' first "
            "and record the check in 'checked'"
        )
        for field in ("doi", "pmid", "pmcid"):
            if vetted.get(field):
                assert str(vetted[field]) == getattr(ref, field), f"{ref.key}: {field} differs from the science pack"
        return
    assert str(vetted.get("doi", "")) == ref.doi and str(vetted.get("pmid", "")) == ref.pmid


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
