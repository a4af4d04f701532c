"""Tests of kg/ingest/."""
