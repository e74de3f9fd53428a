"""Operator scripts (HTTPS, several workers, screenshots); importable so tests use their pieces."""
