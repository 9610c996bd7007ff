"""Licences are stated where a reader meets the course, CITATION.cff is valid, and CONTRIBUTING.md
says how to add a chapter, how evidence is vetted and how to report an error in the science.

CITATION.cff is checked against the Citation File Format 1.2.0: its required keys (cff-version,
message, title, authors), the shape of each author, the known top-level keys (a typo would be
silently ignored by citation tools), SPDX licence ids, and agreement with pyproject.toml and
course.yaml.
"""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from calcium_paradox.course import existing, footer, load_course

ROOT = Path(__file__).resolve().parents[1]
INFO = load_course()
NOTEBOOKS = [ROOT / "notebooks" / c.filename for c in existing(INFO.chapters, ROOT / "notebooks")]
SPDX = {"MIT": "MIT", "CC BY 4.0": "CC-BY-4.0"}
CFF_KEYS = {
    "abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi", "identifiers",
    "keywords", "license", "license-url", "message", "preferred-citation", "references", "repository",
    "repository-artifact", "repository-code", "title", "type", "url", "version",
}
PERSON_KEYS = {"family-names", "given-names", "name-particle", "name-suffix", "affiliation", "orcid", "email",
               "alias", "website", "address", "city", "region", "post-code", "country", "tel", "fax"}
ENTITY_KEYS = {"name", "affiliation", "email", "website", "orcid", "address", "city", "region", "post-code",
               "country", "tel", "fax", "alias", "location", "date-start", "date-end"}


def cff_problems(text: str) -> list[str]:
    """What is wrong with a CITATION.cff (empty: nothing found)."""
    cff = yaml.safe_load(text)
    if not isinstance(cff, dict):
        return ["CITATION.cff is not a YAML mapping"]
    problems = [f"missing required key '{k}'" for k in ("cff-version", "message", "title", "authors") if k not in cff]
    problems += [f"unknown key '{k}'" for k in cff if k not in CFF_KEYS]
    if str(cff.get("cff-version")) != "1.2.0":
        problems.append("cff-version must be 1.2.0")
    if cff.get("type", "software") not in ("software", "dataset"):
        problems.append("type must be software or dataset")
    authors = cff.get("authors")
    if not isinstance(authors, list) or not authors:
        problems.append("authors must be a non-empty list")
    else:
        for author in authors:
            keys = set(author) if isinstance(author, dict) else set()
            person = keys and keys <= PERSON_KEYS and ("family-names" in keys or "given-names" in keys)
            entity = keys and keys <= ENTITY_KEYS and "name" in keys
            if not (person or entity):
                problems.append(f"author {author!r} is neither a person (family-names/given-names) "
                                "nor an entity (name)")
    released = cff.get("date-released")
    if released is not None and not isinstance(released, dt.date):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(released)):
            problems.append("date-released must be a date like 2026-11-21")
    licences = cff.get("license")
    for licence in licences if isinstance(licences, list) else [licences]:
        if licence is not None and licence not in SPDX.values():
            problems.append(f"license {licence!r} is not one of the SPDX ids {sorted(SPDX.values())}")
    return problems


def test_citation_cff_is_valid_and_agrees_with_the_project():
    text = (ROOT / "CITATION.cff").read_text("utf-8")
    assert cff_problems(text) == []
    cff = yaml.safe_load(text)
    version = re.search(r'^version\s*=\s*"([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M).group(1)
    assert str(cff["version"]) == version, "CITATION.cff and pyproject.toml give different versions"
    assert cff["repository-code"] == INFO.repository
    assert set(cff["license"]) == {SPDX[INFO.licence_code], SPDX[INFO.licence_content]}
    assert dt.date.fromisoformat(str(cff["date-released"])) <= dt.date.today()


@pytest.mark.parametrize("change, message", [
    (lambda c: c.replace("cff-version: 1.2.0", "cff-version: 1.1.0"), "1.2.0"),
    (lambda c: re.sub(r"^message:.*\n", "", c, flags=re.M), "'message'"),
    (lambda c: c.replace("repository-code:", "repository_code:"), "unknown key"),
    (lambda c: c.replace("  - CC-BY-4.0", "  - CC BY 4.0"), "SPDX"),
    (lambda c: c.replace('  - name: "The Calcium Paradox course authors"', "  - author: someone"), "neither"),
    (lambda c: c.replace("date-released: 2026-11-21", "date-released: November 2026"), "date-released"),
])
def test_the_citation_check_catches_mistakes(change, message):
    text = change((ROOT / "CITATION.cff").read_text("utf-8"))
    assert any(message in p for p in cff_problems(text)), cff_problems(text)


def test_licence_files_say_what_they_license():
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    content = (ROOT / "LICENSE-CONTENT.md").read_text()
    assert "CC BY 4.0" in content and "https://creativecommons.org/licenses/by/4.0/" in content
    assert "MIT" in (ROOT / "pyproject.toml").read_text() and "CC BY 4.0" in (ROOT / "pyproject.toml").read_text()


def test_the_readme_states_both_licences_with_links():
    section = (ROOT / "README.md").read_text().split("## Licences", 1)[1].split("\n## ", 1)[0]
    assert "CC BY 4.0" in section and "(LICENSE-CONTENT.md)" in section
    assert "MIT" in section and "(LICENSE)" in section


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_footer_states_both_licences(path):
    last = "".join(json.loads(path.read_text("utf-8"))["cells"][-1]["source"])
    assert last.strip() == footer(path.stem, path.parent).strip(), "footer out of date: run `python3 tasks.py sync`"
    assert f"[{INFO.licence_content}](../LICENSE-CONTENT.md)" in last
    assert f"[{INFO.licence_code}](../LICENSE)" in last
    assert "(../CITATION.cff)" in last


def test_contributing_covers_chapters_evidence_errors_and_style():
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    for heading in ("## Reporting an error in the science", "## How evidence is vetted", "## Adding a chapter",
                    "## Code style"):
        assert heading in text, heading
    report = text.split("## Reporting an error in the science", 1)[1].split("\n## ", 1)[0]
    for must in ("Notebook", "Section", "Cell", "Exact text", "Source", "DOI"):
        assert must in report, f"the error report must ask for: {must}"
    vetting = text.split("## How evidence is vetted", 1)[1].split("\n## ", 1)[0]
    for must in ("references.yaml", "do_not_cite.yaml", "certainty",
                 "supported, oversimplified, contested, not supported"):
        assert must in vetting, must
    chapter = text.split("## Adding a chapter", 1)[1].split("\n## ", 1)[0]
    for command in ("sync", "outputs", "figures", "check", "test"):
        assert f"python3 tasks.py {command}" in chapter, command
    for path in re.findall(r"`((?:calcium_paradox|teachers|notebooks|tests)/[\w./-]+\.(?:py|yaml|md))`", text):
        if "NN-" not in path:  # teachers/NN-slug.md stands for any chapter
            assert (ROOT / path).exists(), f"CONTRIBUTING.md names {path}, which does not exist"
