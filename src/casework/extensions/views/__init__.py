"""The extensions app's pages, one module per page family."""
