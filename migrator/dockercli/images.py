"""Image references as docker resolves them, so that two spellings of one image compare equal."""

from __future__ import annotations


def normalize_image(ref: str) -> str:
    """Make `docker.io/library/app`, `app` and `app:latest` the same key."""
    for prefix in ("docker.io/library/", "index.docker.io/library/", "docker.io/", "localhost/"):
        if ref.startswith(prefix):
            ref = ref[len(prefix):]
    last = ref.rsplit("/", 1)[-1]
    if ":" not in last and "@" not in last:
        ref += ":latest"
    return ref
