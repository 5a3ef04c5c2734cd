"""The Print cards page: choose records, preview, print through Qt or save a PDF."""
