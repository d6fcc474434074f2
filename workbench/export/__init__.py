"""Reports and standard exports of one article: html, pdf, md, docx, csv, json,
claimreview (schema.org JSON-LD) and webannotation (W3C JSON-LD).

Pure: every format renders an ``export.model.Report`` (or, for the lossless JSON dump,
the ``ArticleData`` behind it) and knows nothing of the database. Only ``pdf`` imports
Qt, so import it only when a PDF is wanted.
"""

FORMATS: dict[str, str] = {
    "html": ".html",
    "pdf": ".pdf",
    "md": ".md",
    "docx": ".docx",
    "csv": ".csv",
    "json": ".json",
    "claimreview": ".jsonld",
    "webannotation": ".jsonld",
}
"""Format name -> the usual file suffix."""
