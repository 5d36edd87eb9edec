"""Bringing in the old system's data: upload a file, map its columns, preview, import."""
