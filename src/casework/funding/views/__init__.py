"""Pages of the funding app, one module per page family."""
