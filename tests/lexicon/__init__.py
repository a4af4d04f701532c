"""Tests of kg/lexicon/."""
