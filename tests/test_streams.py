"""Artifacts that leave a container as a stream (capability-classes §ST): `docker run IMG cat PATH >
FILE` and `docker cp C:PATH - | tar -x`. Table-driven: the script's lines in, the merged COPY (or
the refusal code) out."""

from __future__ import annotations

import pytest

from migrator.outcome import Migrated, Refused
from migrator.pipeline import migrate_repo

BUILDER = "FROM busybox:1.36\nRUN mkdir -p /out/dir && echo a > /out/app && echo b > /out/dir/b\n"


def _migrate(make_repo, lines: str, copy: str, builder: str = BUILDER):
    script = f"#!/bin/sh\nset -e\ndocker build -t sdk -f Dockerfile.build .\n{lines}\ndocker build -t app .\n"
    return migrate_repo(make_repo({"build.sh": script, "Dockerfile.build": builder,
                                   "Dockerfile": f"FROM busybox:1.36\n{copy}\n"}))


@pytest.mark.parametrize("lines, copy, merged", [
    pytest.param("docker run --rm sdk cat /out/app > app", "COPY app /usr/bin/app",
                 "COPY --from=sdk-builder --chown=0:0 --chmod=0644 /out/app /usr/bin/app", id="cat into a new file"),
    pytest.param("docker run --rm --entrypoint cat sdk /out/app > app", "COPY app /usr/bin/app",
                 "COPY --from=sdk-builder --chown=0:0 --chmod=0644 /out/app /usr/bin/app", id="--entrypoint cat"),
    pytest.param("docker run --rm sdk /bin/cat /out/app 2>/dev/null > app", "COPY app /usr/bin/app",
                 "COPY --from=sdk-builder --chown=0:0 --chmod=0644 /out/app /usr/bin/app",
                 id="/bin/cat, stderr elsewhere"),
    pytest.param("docker create --name x sdk\ndocker cp x:/out/dir - | tar -x\ndocker rm x", "COPY dir /srv/",
                 "COPY --from=sdk-builder --chown=0:0 /out/dir /srv/", id="tar -x into the working directory"),
    pytest.param("docker create --name x sdk\nmkdir -p got\ndocker cp x:/out/dir - | tar -xf - -C got\n"
                 "docker rm x", "COPY got/dir /srv/", "COPY --from=sdk-builder --chown=0:0 /out/dir /srv/",
                 id="tar -xf - -C dir"),
    pytest.param("docker create --name x sdk\nmkdir -p got\ndocker cp x:/out/dir/ - | tar x --strip-components=1 "
                 "--directory=got\ndocker rm x", "COPY got/b /srv/b",
                 "COPY --from=sdk-builder --chown=0:0 /out/dir/b /srv/b", id="--strip-components=1 of a dir/"),
    pytest.param("docker create --name x sdk\ndocker cp x:/out/dir/. - | tar -xv\ndocker rm x", "COPY b /srv/b",
                 "COPY --from=sdk-builder --chown=0:0 /out/dir/b /srv/b", id="the contents, PATH/."),
])
def test_streams_are_copies(make_repo, lines, copy, merged):
    outcome = _migrate(make_repo, lines, copy)
    assert isinstance(outcome, Migrated), outcome
    assert merged in next(c.new.decode() for c in outcome.changes if c.path == "Dockerfile").splitlines()
    script = next(c.new.decode() for c in outcome.changes if c.path == "build.sh")
    assert "docker cp" not in script and "tar" not in script and "cat" not in script


@pytest.mark.parametrize("lines, code", [
    pytest.param("docker run --rm -t sdk cat /out/app > app", "MIG620", id="-t"),
    pytest.param("touch app\ndocker run --rm sdk cat /out/app > app", "MIG620", id="a file that is there"),
    pytest.param("docker run --rm sdk cat /out/app >> app", "MIG136", id="appended"),
    pytest.param("docker run --rm sdk cat out/app > app", "MIG136", id="a relative path"),
    pytest.param("docker run --rm sdk sh -c 'cat /out/app' > app", "MIG136", id="not cat itself"),
    pytest.param("docker run --rm sdk cat /out/app | gzip > app", "MIG136", id="into a pipeline"),
    pytest.param("docker create --name x sdk\ndocker cp x:/out/dir - > dir.tar", "MIG139", id="into a file"),
    pytest.param("docker create --name x sdk\ndocker cp x:/out/dir - | gzip > d.tgz", "MIG139", id="into gzip"),
    pytest.param("docker create --name x sdk\ndocker cp x:/out/dir - | tar -x --exclude b", "MIG622",
                 id="--exclude"),
    pytest.param("docker create --name x sdk\ndocker cp x:/out/app - | tar -x --strip-components=1", "MIG622",
                 id="strip what may be a file"),
    pytest.param("docker create --name x sdk\ndocker cp x:/out/dir - | tar -x -C nowhere", "MIG622",
                 id="-C a directory that is not there"),
    pytest.param("docker create --name x sdk\ndocker cp x:/out/dir - | tar -xz", "MIG622", id="-z"),
])
def test_streams_that_are_refused(make_repo, lines, code):
    outcome = _migrate(make_repo, lines, "COPY app /usr/bin/app")
    assert isinstance(outcome, Refused), outcome
    assert outcome.findings[0].code == code


def test_an_entrypoint_before_cat_is_refused(make_repo):
    outcome = _migrate(make_repo, "docker run --rm sdk cat /out/app > app", "COPY app /usr/bin/app",
                       BUILDER + 'ENTRYPOINT ["/usr/bin/env"]\n')
    assert isinstance(outcome, Refused) and outcome.findings[0].code == "MIG621"


def test_the_umask_assumption_is_reported(make_repo):
    outcome = _migrate(make_repo, "docker run --rm sdk cat /out/app > app", "COPY app /usr/bin/app")
    assert isinstance(outcome, Migrated) and [w.code for w in outcome.warnings] == ["MIG640"]


def test_a_pipeline_that_only_partly_goes_is_refused(make_repo):
    outcome = _migrate(make_repo, "docker create --name x sdk\ndocker cp x:/out/app app\n"
                                  "docker rm x | tee rm.log", "COPY app /usr/bin/app")
    assert isinstance(outcome, Refused) and outcome.findings[0].code == "MIG147"
