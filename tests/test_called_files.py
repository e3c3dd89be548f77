"""A flow that runs another orchestration file: the called file is traced as part of the caller's
flow (its own arguments, its own working directory), never migrated as a flow of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.outcome import Migrated, Refused
from migrator.pipeline import Options, migrate_repo

BUILDER = "FROM busybox\nRUN mkdir /o && echo a > /o/app\n"
RUNTIME = "FROM busybox\nCOPY out/app /app\n"
EXTRACT = ('#!/bin/sh\nset -e\ndocker build -t app:build -f Dockerfile.build .\n'
           'docker create --name x app:build\nmkdir -p "$1"\ndocker cp x:/o/app "$1/app"\ndocker rm x\n')


def _repo(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in {"Dockerfile.build": BUILDER, "Dockerfile": RUNTIME, **files}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return tmp_path


@pytest.mark.parametrize("call", ["./scripts/extract.sh out", "sh scripts/extract.sh out",
                                  "bash -e ./scripts/extract.sh out"])
def test_called_script_is_part_of_the_callers_flow(tmp_path, call):
    repo = _repo(tmp_path, {"build.sh": f"#!/bin/sh\nset -e\n{call}\ndocker build -t app .\n",
                            "scripts/extract.sh": EXTRACT})
    outcome = migrate_repo(repo)
    assert isinstance(outcome, Migrated), outcome
    assert outcome.flow.script == "build.sh"
    assert outcome.flow.called == ("scripts/extract.sh",)
    changed = {c.path: c.new for c in outcome.changes}
    assert b"docker cp" not in changed["scripts/extract.sh"]
    assert b"COPY --from=app-build --chown=0:0 /o/app /app" in changed["Dockerfile"]


def test_called_script_gets_its_own_arguments(tmp_path):
    """$1 in the called file is the caller's argument, not the caller's own $1."""
    repo = _repo(tmp_path, {"build.sh": "#!/bin/sh\nset -e\n./scripts/extract.sh stage\ndocker build -t app .\n",
                            "scripts/extract.sh": EXTRACT,
                            "Dockerfile": "FROM busybox\nCOPY stage/app /app\n"})
    outcome = migrate_repo(repo)
    assert isinstance(outcome, Migrated), outcome
    assert [e.target for e in outcome.flow.extractions] == ["stage/app"]


def test_a_caller_that_cannot_be_traced_keeps_the_called_script_from_migrating_alone(tmp_path):
    repo = _repo(tmp_path, {"build.sh": '#!/bin/sh\nset -e\ndocker build -t app:base -f Dockerfile.build .\n'
                                        'docker run -v "$PWD/cache:/cache" app:base\n./scripts/extract.sh out\n'
                                        'docker build -t app .\n',
                            "scripts/extract.sh": EXTRACT})
    outcome = migrate_repo(repo)
    assert isinstance(outcome, Refused)
    assert outcome.findings[0].loc is not None and outcome.findings[0].loc.file == "build.sh"


def test_scripts_calling_each_other_are_refused(tmp_path):
    repo = _repo(tmp_path, {"build.sh": "#!/bin/sh\ndocker build -t app:build -f Dockerfile.build .\n./again.sh\n",
                            "again.sh": "#!/bin/sh\ndocker create --name x app:build\nmkdir -p out\n"
                                        "docker cp x:/o/app out/app\n"
                                        "./build.sh\n"})
    assert migrate_repo(repo).findings[0].code == "MIG102"  # both files run a flow
    outcome = migrate_repo(repo, Options(script="build.sh"))
    assert isinstance(outcome, Refused)
    assert outcome.findings[0].code == "MIG152"
