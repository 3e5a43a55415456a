"""Tests of the setup and check commands."""
