"""The Convention's vocabulary, once: languages, indicators, treaty, action plans, State
names and their grammar, and the locale (numbers, money, dates).

Pure Python like `casework.core`: every app and the analyser import from here, and a
parity test (`tests/test_domain_parity.py`) fails when a template, schema or translation
disagrees with it.
"""
