"""The Python front end: build scripts whose extraction is written the many ways Python allows are
traced like the shell script they stand for, rewritten so that they still compile and keep their
comments, and refused (with their own codes) where the trace cannot follow them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from migrator.cli import main
from migrator.outcome import Migrated, NothingToMigrate, Refused
from migrator.pipeline import migrate_repo

BUILDER = "FROM busybox\nRUN mkdir /o && echo a > /o/app\n"
RUNTIME = "FROM busybox\nCOPY out/app /app\n"
HEAD = "import os\nimport shutil\nimport subprocess\nfrom pathlib import Path\n\n"
BUILD_SDK = 'subprocess.run(["docker", "build", "-t", "app:build", "-f", "Dockerfile.build", "."], check=True)\n'
BUILD_APP = 'subprocess.run(["docker", "build", "-t", "app", "."], check=True)\n'


def _repo(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in {"Dockerfile.build": BUILDER, "Dockerfile": RUNTIME, **files}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return tmp_path


def _migrated(tmp_path: Path, script: str) -> str:
    """The rewritten build.py, after checking the migration and that a second one finds nothing."""
    repo = _repo(tmp_path, {"build.py": script})
    outcome = migrate_repo(repo)
    assert isinstance(outcome, Migrated), outcome
    changed = {c.path: c.new for c in outcome.changes}
    assert b"COPY --from=app-build --chown=0:0 /o/app /app" in changed["Dockerfile"]
    for change in outcome.changes:
        if change.new is not None:
            (repo / change.path).write_bytes(change.new)
        else:
            (repo / change.path).unlink()
    again = migrate_repo(repo)
    assert isinstance(again, NothingToMigrate), again
    text = changed["build.py"].decode()
    compile(text, "build.py", "exec", dont_inherit=True)
    return text


@pytest.mark.parametrize("extraction", [
    pytest.param('subprocess.run(["docker", "create", "--name", "x", "app:build"], check=True)\n'
                 'os.makedirs("out", exist_ok=True)\n'
                 'subprocess.run(["docker", "cp", "x:/o/app", "out/app"], check=True)\n'
                 'subprocess.run(["docker", "rm", "x"], check=True)\n', id="argument-lists"),
    pytest.param('cid = subprocess.run(["docker", "create", "app:build"], stdout=subprocess.PIPE,'
                 ' check=True).stdout.decode().strip()\n'
                 'os.makedirs("out", exist_ok=True)\n'
                 'subprocess.check_call(["docker", "cp", cid + ":/o/app", os.path.join("out", "app")])\n'
                 'subprocess.call(["docker", "rm", cid])\n', id="captured-container-id"),
    pytest.param('cid = subprocess.check_output(["docker", "create", "app:build"], text=True).strip()\n'
                 'Path("out").mkdir(parents=True, exist_ok=True)\n'
                 'subprocess.check_call(["docker", "cp", "{}:/o/app".format(cid), str(Path("out") / "app")])\n'
                 'subprocess.check_call(["docker", "rm", cid])\n', id="format-and-pathlib"),
    pytest.param('os.system("docker create --name x app:build && mkdir -p out && docker cp x:/o/app out/app")\n'
                 'os.system("docker rm x")\n', id="os-system"),
    pytest.param('NAME = "x"\n'
                 'subprocess.run(f"docker create --name {NAME} app:build", shell=True, check=True)\n'
                 'subprocess.run(f"mkdir -p out; docker cp {NAME}:/o/app out/", shell=True, check=True)\n'
                 'subprocess.run("docker rm " + NAME, shell=True, check=True)\n', id="shell-true-f-strings"),
    pytest.param('def docker(*args):\n    subprocess.run(["docker", *args], check=True)\n\n\n'
                 'def extract(dest):\n    docker("create", "--name", "x", "app:build")\n'
                 '    os.makedirs(dest, exist_ok=True)\n    docker("cp", "x:/o/app", f"{dest}/app")\n'
                 '    docker("rm", "x")\n\n\n'
                 'if __name__ == "__main__":\n    extract("out")\n', id="inlined-functions"),
    pytest.param('cid = subprocess.Popen(["docker", "create", "app:build"], stdout=subprocess.PIPE)'
                 '.communicate()[0].decode().strip()\n'
                 'os.makedirs("out", exist_ok=True)\n'
                 'subprocess.run(["docker", "cp", f"{cid}:/o/app", "out/tmp-app"], check=True)\n'
                 'shutil.move("out/tmp-app", "out/app")\n'
                 'subprocess.run(["docker", "rm", cid], check=True)\n', id="popen-and-shutil-move"),
])
def test_extraction_forms_migrate(tmp_path, extraction):
    text = _migrated(tmp_path, HEAD + BUILD_SDK + extraction + BUILD_APP)
    assert "docker cp" not in text and '"cp"' not in text and "Dockerfile.build" not in text
    assert BUILD_APP in text


def test_comments_and_formatting_survive(tmp_path):
    script = (HEAD + "# the SDK image\n" + BUILD_SDK +
              'subprocess.run(["docker", "create", "--name", "x", "app:build"], check=True)  # keep it\n'
              "os.makedirs('out',  exist_ok = True)\n"
              'subprocess.run(["docker", "cp", "x:/o/app", "out/app"], check=True)\n'
              'subprocess.run(["docker", "rm", "x"], check=True)\n\n'
              "# the image we ship\n" + BUILD_APP)
    assert _migrated(tmp_path, script) == HEAD + "# the SDK image\n\n# the image we ship\n" + BUILD_APP


EXTRACTION = ('subprocess.run(["docker", "create", "--name", "x", "app:build"], check=True)\n'
              'os.makedirs("out", exist_ok=True)\n'
              'subprocess.run(["docker", "cp", "x:/o/app", "out/app"], check=True)\n')


@pytest.mark.parametrize(("script", "expected"), [
    pytest.param(HEAD + 'if os.system("docker build -t app:build -f Dockerfile.build .") != 0:\n'
                 '    raise SystemExit(1)\n' + EXTRACTION + BUILD_APP, HEAD + BUILD_APP,
                 id="if-on-a-removed-command-keeps-the-success-branch"),
    pytest.param(HEAD + 'if subprocess.call(["docker", "build", "-t", "app:build", "-f", "Dockerfile.build", "."]):\n'
                 '    raise SystemExit(1)\nelse:\n    print("built")\n' + EXTRACTION + BUILD_APP,
                 HEAD + 'print("built")\n' + BUILD_APP, id="the-else-branch-stays"),
    pytest.param(HEAD + BUILD_SDK + EXTRACTION + 'try:\n    subprocess.run(["docker", "rm", "-f", "x"])\n'
                 'except OSError:\n    pass\n' + BUILD_APP, HEAD + BUILD_APP, id="emptied-try-goes"),
    pytest.param(HEAD + "def extract():\n    " + BUILD_SDK + "    " + EXTRACTION.replace("\n", "\n    ").rstrip() +
                 "\n\n\ndef main():\n    extract()\n    " + BUILD_APP + "\n\nmain()\n",
                 HEAD + "\ndef main():\n    " + BUILD_APP + "\n\nmain()\n", id="emptied-function-goes-with-its-call"),
])
def test_statements_around_removed_commands(tmp_path, script, expected):
    assert _migrated(tmp_path, script) == expected


def test_one_command_leaves_a_shell_string(tmp_path):
    script = (HEAD + BUILD_SDK + 'os.system("docker create --name x app:build")\n'
              'os.system("mkdir -p out && docker cp x:/o/app out/app")\nos.system("docker rm x")\n'
              'os.system("docker build -t app . && rm -rf out")\n')
    assert _migrated(tmp_path, script) == HEAD + 'os.system("docker build -t app .")\n'


def test_build_arg_keeps_its_module_constant(tmp_path):
    script = (HEAD + 'VERSION = "1.2"\n' +
              'subprocess.run(["docker", "build", "--build-arg", f"V={VERSION}", "-t", "app:build", "-f",'
              ' "Dockerfile.build", "."], check=True)\n'
              'subprocess.run(["docker", "create", "--name", "x", "app:build"], check=True)\n'
              'os.makedirs("out", exist_ok=True)\n'
              'subprocess.run(["docker", "cp", "x:/o/app", "out/app"], check=True)\n' + BUILD_APP)
    builder = "FROM busybox\nARG V\n" + BUILDER.split("\n", 1)[1]
    repo = _repo(tmp_path, {"build.py": script, "Dockerfile.build": builder})
    outcome = migrate_repo(repo)
    assert isinstance(outcome, Migrated), outcome
    text = next(c.new for c in outcome.changes if c.path == "build.py").decode()
    assert 'subprocess.run(["docker", "build", "--build-arg", f"V={VERSION}", "-t", "app", "."], check=True)' in text


@pytest.mark.parametrize(("script", "code"), [
    pytest.param("import docker\nclient = docker.from_env()\n"
                 'client.images.build(path=".", dockerfile="Dockerfile.build", tag="app:build")\n'
                 'bits, _ = client.containers.create("app:build").get_archive("/o/app")\n', "MIG181",
                 id="docker-sdk"),
    pytest.param("from docker import from_env\nc = from_env().containers.create('app:build')\n"
                 "c.get_archive('/o/app')\n", "MIG181", id="docker-sdk-imported-name"),
    pytest.param(HEAD + BUILD_SDK + 'subprocess.run(["docker", "create", "--name", "x", "app:build"])\n'
                 'os.makedirs("out")\nsubprocess.run(["docker", "cp", "x:/o/app", "out/app"])\n'
                 'os.utime("out/app", (0, 0))\n' + BUILD_APP,
                 "MIG182", id="untraced-call-on-an-artifact"),
    pytest.param(HEAD + 'exec("subprocess.run([\'docker\', \'cp\', \'x:/o/app\', \'out/app\'])")\n' + BUILD_SDK,
                 "MIG182", id="exec-of-docker-code"),
    pytest.param(HEAD + "import sys\n" + BUILD_SDK + 'subprocess.run(["docker", "cp", *sys.argv[1:]])\n' + BUILD_APP,
                 "MIG183", id="unreadable-arguments"),
    pytest.param(HEAD + BUILD_SDK + 'cid = subprocess.check_output(["docker", "create", "app:build"]).strip()\n'
                 'os.makedirs("out")\nsubprocess.run(["docker", "cp", cid + b":/o/app", "out/app"])\n'
                 + BUILD_APP + "print(cid)\n",
                 "MIG185", id="name-of-a-removed-statement-still-read"),
    pytest.param(HEAD + 'print "building"\n' + BUILD_SDK + EXTRACTION + BUILD_APP, "MIG180", id="python-2"),
])
def test_refusals(tmp_path, script, code):
    outcome = migrate_repo(_repo(tmp_path, {"build.py": script}))
    assert isinstance(outcome, Refused), outcome
    assert [f.code for f in outcome.findings][:1] == [code], outcome.findings
    assert outcome.findings[0].loc is not None and outcome.findings[0].loc.file == "build.py"


def test_a_syntax_error_is_named_where_python_names_it(tmp_path):
    script = HEAD + BUILD_SDK + EXTRACTION + BUILD_APP + "if True:\nprint(1)\n"
    outcome = migrate_repo(_repo(tmp_path, {"build.py": script}))
    assert isinstance(outcome, Refused), outcome
    finding = outcome.findings[0]
    assert (finding.code, finding.loc.line if finding.loc else None) == ("MIG180", script.count("\n"))
    assert "expected an indented block after 'if' statement" in finding.message


@pytest.mark.parametrize("call", ["python3 tools/extract.py out", "python -u tools/extract.py out",
                                  "./tools/extract.py out"])
def test_shell_script_running_a_python_script_is_one_flow(tmp_path, call):
    extract = (HEAD + "import sys\n" + BUILD_SDK +
               'subprocess.run(["docker", "create", "--name", "x", "app:build"], check=True)\n'
               "os.makedirs(sys.argv[1], exist_ok=True)\n"
               'subprocess.run(["docker", "cp", "x:/o/app", sys.argv[1] + "/app"], check=True)\n')
    repo = _repo(tmp_path, {"build.sh": f"#!/bin/sh\nset -e\n{call}\ndocker build -t app .\n",
                            "tools/extract.py": "#!/usr/bin/env python3\n" + extract})
    outcome = migrate_repo(repo)
    assert isinstance(outcome, Migrated), outcome
    assert outcome.flow.script == "build.sh" and outcome.flow.called == ("tools/extract.py",)
    assert outcome.flow.runner == ("/bin/sh", "build.sh")


@pytest.mark.parametrize(("first_line", "runner"), [
    pytest.param("", ("python3", "build.py"), id="no-shebang"),
    pytest.param("#!/usr/bin/env python3.11\n", ("/usr/bin/env", "python3.11", "build.py"), id="shebang"),
])
def test_verify_runs_the_script_as_its_users_do(tmp_path, first_line, runner):
    script = first_line + HEAD + BUILD_SDK + EXTRACTION + BUILD_APP
    outcome = migrate_repo(_repo(tmp_path, {"build.py": script}))
    assert isinstance(outcome, Migrated), outcome
    assert outcome.flow.runner == runner


def test_readme_example_is_real_output(monkeypatch):
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text()
    shown = readme.split("The build.py part of `migrate corpus/141-python-shell-strings/legacy --dry-run`:\n\n```\n",
                         1)[1].split("```", 1)[0]
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["corpus/141-python-shell-strings/legacy", "--dry-run"])
    assert shown.startswith("diff --git a/build.py") and shown in result.stdout
