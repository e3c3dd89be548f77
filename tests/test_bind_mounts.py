"""Bind mounts of the container that makes the artifacts (capability-classes §RV): what the derived
stage does for each, and which mounts are refused. Table-driven: the script's run line and the
runtime's COPY in, the derived stage's lines and the merged COPY out."""

from __future__ import annotations

import pytest

from migrator.outcome import Migrated, Refused
from migrator.pipeline import migrate_repo

BUILDER = "FROM busybox:1.36\nWORKDIR /w\n"


def _migrate(make_repo, run: str, copy: str, extra: dict[str, str] | None = None):
    script = f"#!/bin/sh\nset -e\ndocker build -t sdk -f Dockerfile.build .\n{run}\ndocker build -t app .\n"
    files = {"build.sh": script, "Dockerfile.build": BUILDER, "Dockerfile": f"FROM busybox:1.36\n{copy}\n",
             **(extra or {})}
    return migrate_repo(make_repo(files))


def _merged(outcome) -> list[str]:
    assert isinstance(outcome, Migrated), outcome
    return next(c.new.decode() for c in outcome.changes if c.path == "Dockerfile").splitlines()


@pytest.mark.parametrize("run, copy, derived, merged_copy", [
    pytest.param('docker run --rm -v "$PWD/out:/out" sdk make', "COPY out/app /app",
                 ["RUN rm -rf -- /out && mkdir -p -- /out", 'RUN ["make"]'],
                 "COPY --from=sdk-builder-run --chown=0:0 /out/app /app", id="output mount"),
    pytest.param('docker run --rm -v "$(pwd)/out:/out:z" sdk make', "COPY out/ /srv/",
                 ["RUN rm -rf -- /out && mkdir -p -- /out", 'RUN ["make"]'],
                 "COPY --from=sdk-builder-run --chown=0:0 /out /srv/", id="a whole output directory, :z"),
    pytest.param('mkdir out\ndocker run --rm --mount type=bind,source="$PWD/out",target=/o sdk make',
                 "COPY out/app /app",
                 ["RUN rm -rf -- /o && mkdir -p -- /o", 'RUN ["make"]'],
                 "COPY --from=sdk-builder-run --chown=0:0 /o/app /app", id="--mount type=bind"),
    pytest.param('docker create --name j -v "$PWD/out:/out" sdk make\ndocker start -a j\ndocker rm j',
                 "COPY out/app /app", ["RUN rm -rf -- /out && mkdir -p -- /out", 'RUN ["make"]'],
                 "COPY --from=sdk-builder-run --chown=0:0 /out/app /app", id="created, then started"),
    pytest.param('docker run --rm -v "$PWD/src:/src" -w /src sdk make', "COPY src/app /app",
                 ["RUN rm -rf -- /src && mkdir -p -- /src", "COPY src/ /src/", "WORKDIR /src", 'RUN ["make"]'],
                 "COPY --from=sdk-builder-run --chown=0:0 /src/app /app", id="source mount"),
    pytest.param('docker run --rm -v "$PWD/src:/src:ro" -v "$PWD/out:/out" sdk make', "COPY out/app /app",
                 ["RUN rm -rf -- /out /src && mkdir -p -- /out /src", "COPY src/ /src/", 'RUN ["make"]'],
                 "COPY --from=sdk-builder-run --chown=0:0 /out/app /app", id="read-only sources, output"),
])
def test_mounts_are_replayed(make_repo, run, copy, derived, merged_copy):
    merged = _merged(_migrate(make_repo, run, copy, {"src/main.c": "int main;\n"}))
    start = merged.index("FROM sdk-builder AS sdk-builder-run")
    assert merged[start + 1:merged.index("", start)] == derived
    assert merged_copy in merged


@pytest.mark.parametrize("run, code", [
    pytest.param("docker run --rm -v /var/run/docker.sock:/var/run/docker.sock -v \"$PWD/out:/out\" sdk make",
                 "MIG607", id="docker socket"),
    pytest.param('docker run --rm -v cache:/root/.cache -v "$PWD/out:/out" sdk make', "MIG606", id="named volume"),
    pytest.param('docker run --rm -v /var/cache/m2:/root/.m2 -v "$PWD/out:/out" sdk make', "MIG606",
                 id="outside the repository"),
    pytest.param('docker run --rm -v "$HOME/.m2:/root/.m2" -v "$PWD/out:/out" sdk make', "MIG103",
                 id="only the host knows where"),
    pytest.param('docker run --rm -v "$PWD/out:/out:nocopy" sdk make', "MIG606", id="an unknown flag"),
    pytest.param('docker run --rm -v "$PWD/out:out" sdk make', "MIG606", id="a relative container path"),
    pytest.param('mkdir -p out\necho 1 > out/VERSION\ndocker run --rm -v "$PWD/out:/out" sdk make', "MIG606",
                 id="the script put files there"),
    pytest.param('docker run --rm -v "$PWD/out:/out" -v "$PWD/out:/o2" sdk make', "MIG606", id="mounted twice"),
    pytest.param('docker run --rm --mount type=tmpfs,target=/t -v "$PWD/out:/out" sdk make', "MIG606",
                 id="tmpfs"),
    pytest.param('docker run -d --name j -v "$PWD/out:/out" sdk make', "MIG115", id="detached, racing the build"),
    pytest.param('docker run --rm --mount type=bind,source="$PWD/out",target=/o sdk make', "MIG606",
                 id="--mount of a missing source fails"),
])
def test_mounts_that_are_refused(make_repo, run, code):
    outcome = _migrate(make_repo, run, "COPY out/app /app")
    assert isinstance(outcome, Refused), outcome
    assert outcome.findings[0].code == code


def test_a_source_mount_outside_the_merged_context_is_refused(make_repo):
    script = ('#!/bin/sh\nset -e\ndocker build -t sdk -f Dockerfile.build .\n'
              'docker run --rm -v "$PWD/src:/src" -w /src sdk make\ndocker build -t app -f Dockerfile app\n')
    outcome = migrate_repo(make_repo({"build.sh": script, "Dockerfile.build": BUILDER, "src/main.c": "x\n",
                                      "Dockerfile": "FROM busybox:1.36\nCOPY app.txt /\n", "app/app.txt": "a\n"}))
    assert isinstance(outcome, Refused), outcome


def test_the_migrated_files_in_a_mounted_directory_are_named(make_repo):
    outcome = _migrate(make_repo, 'docker run --rm -v "$PWD:/w" sdk make', "COPY app /app")
    assert isinstance(outcome, Migrated), outcome
    warning = next(w for w in outcome.warnings if w.code == "MIG634")
    assert "Dockerfile, Dockerfile.build, build.sh" in warning.message
