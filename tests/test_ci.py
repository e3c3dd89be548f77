"""The CI front end on small repositories: what each service's job means (one shell or a new one
per step), how the rewrite keeps every byte it does not remove, and what it refuses."""

from __future__ import annotations

import pytest
import yaml

from migrator.outcome import Migrated, NothingToMigrate, Refused
from migrator.pipeline import Options, migrate_repo

BUILDER = "FROM busybox:1.36\nRUN mkdir -p /src && echo hi > /src/app\n"
RUNTIME = "FROM busybox:1.36\nCOPY out/app /app\n"


def _migrate(make_repo, files: dict[str, str], script: str | None = None):
    repo = make_repo({"Dockerfile.build": BUILDER, "Dockerfile": RUNTIME, **files})
    return migrate_repo(repo, Options(script=script) if script else Options())


def _new_text(outcome, path: str) -> str:
    assert isinstance(outcome, Migrated), outcome
    change = next(c for c in outcome.changes if c.path == path)
    assert change.new is not None
    return change.new.decode()


@pytest.mark.parametrize(("path", "legacy", "expected"), [
    pytest.param(
        ".travis.yml",
        "language: minimal\n"
        "script:\n"
        "  - docker build -t sdk -f Dockerfile.build .   # the SDK\n"
        "  - docker create --name x sdk\n"
        "  - mkdir -p out && docker cp x:/src/app out/app\n"
        "  - docker build -t app .\n",
        "language: minimal\n"
        "script:\n"
        "  - docker build -t app .\n",
        id="travis items go with their comments",
    ),
    pytest.param(
        ".travis.yml",
        "language: minimal\n"
        "before_install:\n"
        "  - echo start\n"
        "  - docker build -t sdk -f Dockerfile.build .\n"
        "script: ['docker create --name x sdk', \"mkdir -p out\", docker cp x:/src/app out/app,"
        " docker build -t app .]\n",
        "language: minimal\n"
        "before_install:\n"
        "  - echo start\n"
        "script: [docker build -t app .]\n",
        id="travis flow list with both quoting styles",
    ),
    pytest.param(
        ".gitlab-ci.yml",
        "# the image job\n"
        "package:\n"
        "  script:\n"
        "    - |\n"
        "      docker build -t sdk -f Dockerfile.build .\n"
        "      docker create --name x sdk\n"
        "      mkdir -p out\n"
        "      docker cp x:/src/app out/app\n"
        "      # then the runtime\n"
        "      docker build -t app .\n",
        "# the image job\n"
        "package:\n"
        "  script:\n"
        "    - |\n"
        "      # then the runtime\n"
        "      docker build -t app .\n",
        id="gitlab block scalar keeps its comment lines",
    ),
    pytest.param(
        ".gitlab-ci.yml",
        "variables: {SDK: sdk}\n"
        "package:\n"
        "  before_script:\n"
        "    - docker build -t $SDK -f Dockerfile.build .\n"
        "  script:\n"
        "    - >-\n"
        "      docker create --name x $SDK &&\n"
        "      mkdir -p out &&\n"
        "      docker cp x:/src/app out/app\n"
        "    - \"docker build -t app .\"\n",
        "variables: {SDK: sdk}\n"
        "package:\n"
        "  script:\n"
        "    - \"docker build -t app .\"\n",
        id="gitlab emptied before_script goes with its key",
    ),
    pytest.param(
        ".github/workflows/ci.yml",
        "on: push\n"
        "jobs:\n"
        "  image:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: docker build -t sdk -f Dockerfile.build .\n"
        "      - run: |\n"
        "          docker create --name x sdk\n"
        "          mkdir -p out\n"
        "          docker cp x:/src/app out/app\n"
        "\n"
        "      - name: runtime\n"
        "        run: docker build -t app:${{ github.sha }} .\n",
        "on: push\n"
        "jobs:\n"
        "  image:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "\n"
        "      - name: runtime\n"
        "        run: docker build -t app:${{ github.sha }} .\n",
        id="github steps go whole",
    ),
])
def test_rewrite_removes_the_flow_and_keeps_every_other_byte(make_repo, path, legacy, expected):
    new = _new_text(_migrate(make_repo, {path: legacy}), path)
    assert new == expected
    assert isinstance(yaml.safe_load(new), dict)


@pytest.mark.parametrize(("path", "text", "code"), [
    pytest.param(
        ".github/workflows/ci.yml",
        "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: docker build -t sdk -f Dockerfile.build . && cid=$(docker create sdk)\n"
        "      - run: mkdir -p out && docker cp $cid:/src/app out/app\n"
        "      - run: docker build -t app .\n",
        "MIG124",
        id="github variable does not reach the next step",
    ),
    pytest.param(
        ".gitlab-ci.yml",
        "package:\n  extends: .base\n  script:\n    - docker build -t sdk -f Dockerfile.build .\n"
        "    - docker create --name x sdk\n    - mkdir -p out && docker cp x:/src/app out/app\n"
        "    - docker build -t app .\n",
        "MIG173",
        id="gitlab extends",
    ),
    pytest.param(
        ".travis.yml",
        "language: minimal\nos: [linux, osx]\nscript:\n  - docker build -t sdk -f Dockerfile.build .\n"
        "  - docker create --name x sdk\n  - mkdir -p out && docker cp x:/src/app out/app\n"
        "  - docker build -t app .\n",
        "MIG171",
        id="travis os matrix",
    ),
    pytest.param(
        ".travis.yml",
        "script: [\"docker build -t sdk -f Dockerfile.build .\n  - docker create --name x sdk\n"
        "  - docker cp x:/src/app out/app\n  - docker build -t app .\n",
        "MIG170",
        id="not yaml",
    ),
    pytest.param(
        ".github/workflows/ci.yml",
        "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: |\n"
        "          docker build -t sdk -f Dockerfile.build .\n"
        "          docker create --name x sdk\n"
        "          mkdir -p out && docker cp x:/src/app out/app\n"
        "          echo \"BUILT=1\" >> $GITHUB_ENV\n"
        "      - run: docker build -t app .\n",
        "MIG173",
        id="github env file",
    ),
    pytest.param(
        ".gitlab-ci.yml",
        ".base: &base\n  image: docker:24\n  package:\n    <<: *base\n    script:\n"
        "      - docker build -t sdk -f Dockerfile.build .\n      - docker create --name x sdk\n"
        "      - docker cp x:/src/app out/app\n",
        "MIG170",
        id="alias inside its own anchor",
    ),
    pytest.param(
        ".gitlab-ci.yml",
        "package:\n  image: docker:24\n  script:\n    - docker build -t sdk -f Dockerfile.build .\n"
        "    - docker create --name x sdk\n    - mkdir -p out && docker cp x:/src/app out/app\n"
        "    - docker build -t app .\n  script:\n    - docker build -t app .\n",
        "MIG170",
        id="a key twice in one mapping",
    ),
    pytest.param(
        "daocloud.yml",
        "version: 2.0\nbuild:\n  lite_image:\n    compile: {dockerfile_path: /Dockerfile.build}\n"
        "    extract: [/src/app]\n    package: {dockerfile_path: /Dockerfile}\n",
        "MIG178",
        id="declarative builder",
    ),
])
def test_refusals(make_repo, path, text, code):
    outcome = _migrate(make_repo, {path: text})
    assert isinstance(outcome, Refused), outcome
    assert [f.code for f in outcome.findings] == [code]


def test_several_building_jobs_are_listed_with_their_script_values(make_repo):
    job = ("  script:\n    - docker build -t sdk -f Dockerfile.build .\n    - docker create --name x sdk\n"
           "    - mkdir -p out && docker cp x:/src/app out/app\n    - docker build -t app .\n")
    files = {".gitlab-ci.yml": f"one:\n{job}two:\n{job}"}
    outcome = _migrate(make_repo, files)
    assert isinstance(outcome, Refused)
    assert outcome.findings[0].code == "MIG102"
    assert "`--script .gitlab-ci.yml:one`" in outcome.findings[0].message
    picked = _migrate(make_repo, files, script=".gitlab-ci.yml:two")
    assert _new_text(picked, ".gitlab-ci.yml") == f"one:\n{job}two:\n  script:\n    - docker build -t app .\n"


@pytest.mark.parametrize(("path", "text"), [
    pytest.param(".travis.yml", "language: minimal\nscript:\n  - cd src\n"
                 "  - docker build -t sdk -f ../Dockerfile.build ..\n"
                 "  - docker create --name x sdk\n  - mkdir -p ../out && docker cp x:/src/app ../out/app\n"
                 "  - cd ..\n  - docker build -t app .\n", id="travis cd carries over"),
    pytest.param(".github/workflows/ci.yml", "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                 "      - run: cd src\n      - run: docker build -t sdk -f Dockerfile.build .\n"
                 "      - run: docker create --name x sdk && mkdir -p out && docker cp x:/src/app out/app\n"
                 "      - run: docker build -t app .\n", id="github cd does not"),
])
def test_the_working_directory_follows_the_service(make_repo, path, text):
    outcome = _migrate(make_repo, {path: text, "src/README": "sources\n"})
    assert isinstance(outcome, Migrated), outcome
    assert [a.host_path for a in outcome.artifacts] == ["out/app"]


def test_a_second_run_has_nothing_to_migrate(make_repo, tmp_path):
    files = {".travis.yml": "script:\n  - docker build -t sdk -f Dockerfile.build .\n  - docker create --name x sdk\n"
                            "  - mkdir -p out && docker cp x:/src/app out/app\n  - docker build -t app .\n"}
    repo = make_repo({"Dockerfile.build": BUILDER, "Dockerfile": RUNTIME, **files})
    outcome = migrate_repo(repo)
    assert isinstance(outcome, Migrated)
    for change in outcome.changes:
        if change.new is None:
            (repo / change.path).unlink()
        else:
            (repo / change.path).write_bytes(change.new)
    assert isinstance(migrate_repo(repo), NothingToMigrate)


_FLOW = ("    - docker build -t sdk -f Dockerfile.build .\n    - docker create --name x sdk\n"
         "    - mkdir -p out && docker cp x:/src/app out/app\n    - docker build -t app .\n")


@pytest.mark.parametrize(("path", "text", "line"), [
    pytest.param(".travis.yml", "language: minimal\nscript:\n" + _FLOW.replace("    -", "  -")
                 + "after_success:\n  - ./out/app --version\n", 8, id="travis after_success is not traced"),
    pytest.param(".gitlab-ci.yml", "package:\n  script:\n" + _FLOW + "  artifacts:\n    paths: [out/app]\n",
                 8, id="gitlab artifacts for a later stage"),
    pytest.param(".gitlab-ci.yml", "package:\n  script:\n" + _FLOW + "test:\n  script:\n    - ./out/app --self-test\n",
                 9, id="another job"),
])
def test_an_untraced_use_of_an_extracted_path_in_the_ci_file_is_named(make_repo, path, text, line):
    outcome = _migrate(make_repo, {path: text})
    assert isinstance(outcome, Migrated), outcome
    assert [(w.code, w.loc.line if w.loc else None) for w in outcome.warnings] == [("MIG207", line)]
