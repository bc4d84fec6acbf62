"""planwatch: monitor and evaluate a five-year plan outline (五年规划纲要)."""

__version__ = "0.1.0"
