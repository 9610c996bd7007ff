"""The code behind the course "The Calcium Paradox".

Importing this package changes nothing: no styles are set, no figures are
made and no randomness is seeded. Notebooks import what they need from the
submodules:

- ``style``: colours, fonts and the WCAG contrast check;
- ``display``: ``show(fig, alt)`` checks a figure and shows it with alt text;
- ``course``: the chapter list, disclaimer and launch links (one source of truth);
- ``bibliography``: the reference list, cited by key;
- ``questions``: the self-check widget and the question bank;
- ``models``: toy models (numpy only);
- ``diagrams``: static pictures (matplotlib only, no widgets);
- ``explorers``: the explorer kit and one builder per explorer;
- ``checks``: the figure and notebook checks that the tests enforce.
"""

__version__ = "0.1.0"
