"""Tests of kg/query/."""
