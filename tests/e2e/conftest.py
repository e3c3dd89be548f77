"""End-to-end tests run real builds on a real engine (marker `e2e`). Where no engine can run they
skip, with one line saying why; `tests/e2e/install-engine.sh` (part of the README's test command)
installs podman and buildah when it runs as root, so CI runs them for real."""

from __future__ import annotations

import os

import pytest
import standins


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def engine():
    from migrator.verify.engine import EngineUnavailable, find_engine

    try:
        found = find_engine(None)
    except EngineUnavailable as error:
        pytest.skip(f"e2e: {error}; run tests/e2e/install-engine.sh as root to install podman")
    command = [found.program]
    os.environ.update(found.env)  # the stand-ins are made with the settings verify will use
    for stand_in in standins.ALL:
        standins.ensure(command, stand_in)
    return found
