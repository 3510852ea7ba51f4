"""The engagement pages, one module per page family."""
