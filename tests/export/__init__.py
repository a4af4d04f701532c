"""Tests of the exports (kg/export/)."""
