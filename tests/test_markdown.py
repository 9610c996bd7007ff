"""The authoring tools' one Markdown parser: headings and sections as Markdown defines them."""

from authoring import markdown, teaching

GUIDE = """# Teacher guide

## At a glance

### Timeline

| Minutes | Kind | What happens |
|---|---|---|
| 5 | teaching | **Opening** story |
| 10 | exercises | Warm-up |
| 4 | teaching | Close |

```
## Not a heading
| 99 | teaching | inside code |
```

## Extension activities

### Physiology

A **M5** note, then M6.

- M7 in a list
- M8 after it
"""


def test_a_heading_inside_a_code_block_is_not_a_section():
    found = markdown.sections(GUIDE)
    assert list(found) == ["At a glance", "Extension activities"]
    assert "Not a heading" not in found["At a glance"].text


def test_sections_keep_their_subheadings_tables_and_text():
    found = markdown.sections(GUIDE)
    assert found["At a glance"].subheadings == ("Timeline",)
    assert found["At a glance"].tables == ((("5", "teaching", "Opening story"), ("10", "exercises", "Warm-up"),
                                            ("4", "teaching", "Close")),)
    assert found["Extension activities"].subheadings == ("Physiology",)
    lines = found["Extension activities"].text.splitlines()
    assert "M7 in a list" in lines and "M8 after it" in lines  # list items do not run together


def test_the_timeline_counts_table_rows_only_outside_code():
    assert teaching.timeline(GUIDE) == {"teaching": 9, "exercises": 10}


def test_headings_give_level_and_plain_text():
    assert markdown.headings("# A *b*\n\n```\n# c\n```\n\n### D `e`\n") == [(1, "A b"), (3, "D e")]


def test_prose_keeps_the_words_a_reader_reads():
    text = ("# Title\n\nSome *emphasis* and a [link text](https://example.org), `code`, $x^2$ and "
            "![a picture](p.png).\n\n```python\nhidden = 1\n```\n\n| Head | Cell |\n|---|---|\n| one | two |\n\n"
            "<details><summary>More</summary>\n\nInside.\n\n</details>\n")
    words = markdown.prose(text).split()
    assert "Title" not in words and "hidden" not in words and "picture" not in words and "x^2" not in words
    for word in ("emphasis", "link", "text,", "code,", "one", "two", "More", "Inside."):
        assert word in words
    assert not any(set(word) <= set("|-:") for word in words)  # no table rules counted as words
