"""The course's authoring tools: what writes and checks the course, not what a learner runs.

- ``notebooks``: read notebooks (with nbformat) and their cells' text and tags; the one place that does;
- ``notebook_check``: the notebook template check (``python3 tasks.py check``);
- ``binder_check``: the Binder-file check;
- ``teaching``: the generated parts of the teacher guides and their check;
- ``edition``: the static reading edition (``python3 tasks.py site``);
- ``figures``: the static figures in figures/ (``python3 tasks.py figures``);
- ``inventory``: which widgets each notebook shows (for the browser tests and benchmarks).

It lives beside the learner package ``calcium_paradox`` and is not installed with it, so Binder
and a learner's kernel get only what the notebooks use. It imports ``calcium_paradox``; nothing in
``calcium_paradox`` imports it (tests/test_layers.py). Run its modules from the course folder,
for example ``python -m authoring.edition``; tasks.py does.
"""
