"""Eval: takes question sets (JSON Lines) and an ``Assistant``, and gives scores, regressions against
a committed baseline, and reports (console table, JSON, markdown, a trade-off plot)."""
