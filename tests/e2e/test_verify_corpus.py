"""Every corpus case that can be built here is verified equivalent by `migrate verify`, run as a user
runs it; refused, nothing-to-migrate and broken legacy cases get their own exit codes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
# Cases whose build cannot run on a machine without registry access, and why.
UNBUILDABLE = {
    "01-docs-href-counter": "golang:1.7.3 and alpine:latest have no offline stand-in, and its build runs `go get`",
}
GOLDEN = sorted(p.name for p in CORPUS.iterdir() if (p / "expected").is_dir())
# Flows that run on Windows (cmd, PowerShell) or build Windows images: no engine here runs them, and
# verify says so (migrator/verify/windows.py).
WINDOWS = [name for name in GOLDEN if any(p.suffix.lower() in (".cmd", ".bat", ".ps1")
                                          for p in (CORPUS / name / "legacy").rglob("*"))]
BUILDABLE = [name for name in GOLDEN if name not in UNBUILDABLE and name not in WINDOWS]


def verify(path: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "migrator", "verify", str(path), *options],
                          capture_output=True, text=True, timeout=600)


def engine_state(engine) -> tuple[set[str], set[str]]:
    def lines(*args):
        return set(subprocess.run([engine.program, *args], capture_output=True, text=True,
                                  env=engine.environment()).stdout.split())
    return lines("images", "-a", "-q", "--no-trunc"), lines("ps", "-a", "-q", "--no-trunc")


def test_the_required_kinds_of_case_are_buildable():
    for required in ("02-c-hello-gcc", "03-directory-artifact", "04-renamed-on-host", "05-build-arg",
                     "06-several-artifacts", "07-multistage-builder"):
        assert required in BUILDABLE
    assert len(BUILDABLE) >= 8


@pytest.mark.parametrize("case", BUILDABLE)
def test_corpus_case_is_equivalent(engine, case):
    before = engine_state(engine)
    done = verify(CORPUS / case / "legacy", "--format", "json")
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["result"] == "equivalent"
    assert report["compared_paths"] > 0
    assert report["legacy"]["image_size"] > 0 and report["migrated"]["image_size"] > 0
    assert engine_state(engine) == before, "verify left images or containers behind"


@pytest.mark.parametrize("case", WINDOWS)
def test_windows_case_cannot_be_verified_and_says_why(engine, case):
    done = verify(CORPUS / case / "legacy", "--format", "json")
    assert done.returncode == 3, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["result"] == "cannot-verify"
    assert "Windows" in report["reason"] and "no engine for Windows" in report["reason"]
    assert report["legacy"] is None and report["migrated"] is None  # neither flow ran


def test_text_report_names_both_flows_and_says_equivalent(engine):
    done = verify(CORPUS / "02-c-hello-gcc" / "legacy")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert (lines[0].startswith("verify ") and " on podman" in lines[0]) or " on Docker" in lines[0]
    assert "legacy flow:" in lines[1] and "image" in lines[1]
    assert "migrated flow:" in lines[2]
    assert lines[3].startswith("equivalent: ")
    assert "legacy flow: running build.sh" in done.stderr  # progress goes to stderr


def test_keep_leaves_both_images_and_names_them(engine):
    before = engine_state(engine)
    done = verify(CORPUS / "04-renamed-on-host" / "legacy", "--keep", "--format", "json")
    assert done.returncode == 0, done.stderr
    kept = json.loads(done.stdout)["kept"]
    names = [k.split(": ", 1)[1] for k in kept if "image" in k]
    assert [n.split(":")[0] for n in names] == ["migrate-verify-legacy", "migrate-verify-migrated"]
    for name in names:
        subprocess.run([engine.program, "rmi", "-f", name], capture_output=True, env=engine.environment())
    workspace = next(k.split(": ", 1)[1] for k in kept if "copies" in k)
    assert (Path(workspace) / "legacy" / "build.sh").is_file()
    shutil.rmtree(workspace)
    images, _ = engine_state(engine)
    subprocess.run([engine.program, "rmi", "-f", *(images - before[0])], capture_output=True,
                   env=engine.environment())


def test_a_legacy_flow_that_fails_cannot_be_verified(engine, copy_case):
    repo = copy_case(CORPUS / "03-directory-artifact")
    dockerfile = repo / "Dockerfile.build"
    dockerfile.write_text(dockerfile.read_text() + "RUN false\n")
    done = verify(repo)
    assert done.returncode == 3
    assert "cannot-verify: the legacy flow itself fails (build.sh exited with" in done.stdout
    assert "last lines of the legacy flow's output:" in done.stdout


def test_a_refused_migration_cannot_be_verified(engine):
    done = verify(CORPUS / "51-refuse-host-consumer" / "legacy")
    assert done.returncode == 3
    assert "the migration is refused" in done.stdout and "MIG" in done.stdout


def test_nothing_to_migrate_is_not_an_error(engine):
    done = verify(CORPUS / "24-already-multistage" / "legacy")
    assert done.returncode == 0
    assert "nothing-to-migrate" in done.stdout


def test_readme_verify_example_is_real_output(engine):
    readme = (CORPUS.parent / "README.md").read_text()
    shown = readme.split("$ migrate verify corpus/02-c-hello-gcc/legacy\n", 1)[1].split("```", 1)[0]
    done = subprocess.run([sys.executable, "-m", "migrator", "verify", "corpus/02-c-hello-gcc/legacy"],
                          capture_output=True, text=True, cwd=CORPUS.parent, timeout=600)
    def timeless(text: str) -> str:  # build times and engine versions vary from run to run
        return re.sub(r"\d+\.\d+ s|on \w+ [\w.~+-]+", "#", text)
    assert timeless(done.stdout) == timeless(shown)


def test_differences_a_second_legacy_build_also_shows_are_noise(engine, make_repo):
    repo = make_repo({
        "Dockerfile.build": "FROM busybox:1.36\nRUN mkdir /out && echo app > /out/app && date +%s%N > /out/stamp\n",
        "Dockerfile": "FROM busybox:1.36\nCOPY app stamp /srv/\n",
        "build.sh": "#!/bin/sh\nset -e\ndocker build -t noisy:build -f Dockerfile.build .\n"
                    "docker create --name noisy-x noisy:build\ndocker cp noisy-x:/out/app app\n"
                    "docker cp noisy-x:/out/stamp stamp\ndocker rm noisy-x\ndocker build -t noisy .\n",
    })
    done = verify(repo, "--format", "json")
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["result"] == "equivalent"
    assert [d["subject"] for d in report["nondeterministic"]] == ["/srv/stamp"]
    assert "building the legacy flow once more" in done.stderr


def test_a_leftover_output_in_a_git_work_tree_does_not_reach_either_flow(engine, make_repo):
    repo = make_repo({
        "build.sh": "#!/bin/sh\nset -e\ndocker build -t left:build -f Dockerfile.build .\n"
                    "docker create --name left-x left:build\ndocker cp left-x:/o/dist out\ndocker rm left-x\n"
                    "docker build -t left .\n",
        "Dockerfile.build": "FROM busybox:1.36\nRUN mkdir -p /o/dist && echo a > /o/dist/a\n",
        "Dockerfile": "FROM busybox:1.36\nCOPY out /srv\n",
        ".gitignore": "out/\n",
    })
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "legacy"]):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True)
    (repo / "out" / "stale").mkdir(parents=True)  # with it, docker cp would write out/dist, not out
    (repo / "out" / "stale" / "x").write_text("from an earlier build")
    done = verify(repo, "--format", "json")
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["result"] == "equivalent"
