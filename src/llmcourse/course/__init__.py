"""The course graph: read-only once loaded."""
