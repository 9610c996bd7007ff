"""Toy models: pure functions, numpy only, no plotting and no widgets.

Every model works in toy (relative) units. None of them takes a real dose, a
lab value or a person's own data, and none of them gives a risk or advice.
"""
