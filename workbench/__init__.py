"""Fact-check Workbench: tag claims in news articles, link evidence, export reports."""

__version__ = "0.1.0"
