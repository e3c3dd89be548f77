"""`migrate batch`: many repositories through the same pipeline, in a crash-proof worker pool."""
