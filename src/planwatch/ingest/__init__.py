"""Ingestion: a plan document as it really comes, read into a structured Plan."""

from planwatch.ingest.pipeline import ingest, read_plan

__all__ = ["ingest", "read_plan"]
