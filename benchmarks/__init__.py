"""Benchmarks: ``python -m benchmarks`` (``make bench``) prints one table of figures.

The test data comes from ``benchmarks.generate`` (deterministic wire-story articles);
``benchmarks.segmenters`` compares sentence segmenters on their own.
"""
