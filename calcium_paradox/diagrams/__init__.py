"""Static pictures. Each function takes ``ax`` (or makes its own figure) and returns what it drew.

Diagrams are simple and illustrative, never clinical. They import matplotlib
only: no widgets, no notebooks.
"""
