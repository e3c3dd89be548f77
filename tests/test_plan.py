"""Planning decisions that the corpus does not pin down on its own."""

from migrator.outcome import Migrated
from migrator.pipeline import migrate_repo

SCRIPT = """#!/bin/sh
docker build -t app:build -f Dockerfile.build .
docker create --name x app:build
docker cp x:/out/app ./app
docker rm x
docker build -t app .
"""


def _merged(repo) -> str:
    outcome = migrate_repo(repo)
    assert isinstance(outcome, Migrated), outcome
    return next(c.new.decode() for c in outcome.changes if c.path == "Dockerfile")


def test_builder_stage_renamed_when_the_runtime_uses_its_name(make_repo):
    repo = make_repo({
        "build.sh": SCRIPT,
        "Dockerfile.build": "FROM busybox AS build\nRUN mkdir /out && echo a > /out/app\n",
        "Dockerfile": "FROM busybox AS build\nRUN true\nFROM busybox\nCOPY --from=build /bin/true /t\nCOPY app /app\n",
    })
    merged = _merged(repo)
    assert "FROM busybox AS build-2\n" in merged
    assert "COPY --from=build-2 --chown=0:0 /out/app /app\n" in merged
    assert "COPY --from=build /bin/true /t\n" in merged


def test_numeric_from_in_the_runtime_becomes_a_name(make_repo):
    repo = make_repo({
        "build.sh": SCRIPT,
        "Dockerfile.build": "FROM busybox\nRUN mkdir /out && echo a > /out/app\n",
        "Dockerfile": "FROM busybox\nRUN echo x > /x\nFROM busybox\nCOPY --from=0 /x /x\nCOPY app /app\n",
    })
    merged = _merged(repo)
    assert "FROM busybox AS stage-0\n" in merged and "COPY --from=stage-0 /x /x\n" in merged


def test_runtime_from_the_builder_tag_becomes_the_stage(make_repo):
    repo = make_repo({
        "build.sh": SCRIPT,
        "Dockerfile.build": "FROM busybox\nRUN mkdir /out && echo a > /out/app\n",
        "Dockerfile": "FROM busybox\nCOPY --from=app:build /out/app /copy\nCOPY app /app\n",
    })
    assert "COPY --from=app-build /out/app /copy\n" in _merged(repo)


def test_builder_args_do_not_leak_into_a_runtime_that_declares_them(make_repo):
    repo = make_repo({
        "build.sh": SCRIPT.replace("-t app:build", "--build-arg MODE=x -t app:build"),
        "Dockerfile.build": "FROM busybox\nARG MODE\nRUN mkdir /out && echo $MODE > /out/app\n",
        "Dockerfile": "FROM busybox\nARG MODE=prod\nCOPY app /app\n",
    })
    outcome = migrate_repo(repo)
    assert outcome.findings[0].code == "MIG112"
