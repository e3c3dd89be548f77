"""The cmd and PowerShell front ends and Windows images (capability-classes §WN): what each reads,
what it refuses, and what verify says about flows it cannot run."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from support import CORPUS

from migrator.cli import main
from migrator.frontends.cmd.parse import parse_batch
from migrator.frontends.cmd.syntax import ForCapture, Opaque
from migrator.frontends.powershell.binding import bind_arguments
from migrator.frontends.powershell.parse import parse_powershell
from migrator.parse.dockerfile import parse_dockerfile
from migrator.plan.windows import WINDOWS, image_os, is_windows_image
from migrator.trace.values import Value
from migrator.verify.engine import Engine
from migrator.verify.flows import verify_repo
from migrator.verify.verdict import Status

BUILDER = "FROM gcc:12\nWORKDIR /src\nCOPY hello.c .\nRUN gcc -o hello hello.c\n"
RUNTIME = "FROM busybox:1.36\nCOPY hello /usr/local/bin/hello\n"


@pytest.mark.parametrize("line, captured", [
    pytest.param("for /f %%i in ('docker create img') do set ID=%%i", "ID", id="plain"),
    pytest.param('for /f "usebackq tokens=*" %%c in (`docker create img`) do @set "CID=%%c"', "CID",
                 id="usebackq, quoted set"),
    pytest.param("FOR /F %%i IN ('docker create img') DO SET id=%%i", "ID", id="upper case"),
    pytest.param('for /f "skip=1" %%i in (\'docker create img\') do set ID=%%i', None, id="skip= stays opaque"),
    pytest.param('for /f "tokens=2" %%i in (\'docker create img\') do set ID=%%i', None, id="tokens=2 stays opaque"),
    pytest.param("for /f %%i in (`docker create img`) do set ID=%%i", None, id="backquotes without usebackq"),
    pytest.param("for /f %%i in ('docker create img') do echo %%i", None, id="another body"),
    pytest.param("for /f %%i in ('docker create img') do set ID=%%j", None, id="another variable"),
    pytest.param("for %%f in (out\\*) do copy %%f .", None, id="a for over files"),
])
def test_for_f_capture_is_read_only_in_its_plain_form(line, captured):
    statement = parse_batch("b.cmd", line + "\r\n").statements[0]
    if captured is None:
        assert isinstance(statement, Opaque)
    else:
        assert isinstance(statement, ForCapture) and statement.name == captured


@pytest.mark.parametrize("arguments, expected", [
    pytest.param(("a", "b"), {"Image": "a", "From": "b"}, id="by position"),
    pytest.param(("-From", "/x", "img"), {"From": "/x", "Image": "img"}, id="named, then the rest by position"),
    pytest.param(("-im", "img"), {"Image": "img"}, id="an unambiguous prefix"),
    pytest.param(("-Image:img",), {"Image": "img"}, id="attached with a colon"),
    pytest.param(("-Verbose",), {"Verbose": "True"}, id="a switch"),
    pytest.param(("-Other", "x"), {"Image": "-Other", "From": "x"}, id="no such parameter: a value"),
])
def test_powershell_binds_parameters_by_name_and_position(arguments, expected):
    bound = bind_arguments(["Image", "From", "Verbose"], tuple(Value.of(a) for a in arguments))
    assert {name: value.literal for name, value in bound.items()} == expected


@pytest.mark.parametrize("reference, windows", [
    pytest.param("mcr.microsoft.com/windows/servercore:ltsc2022", True, id="servercore"),
    pytest.param("mcr.microsoft.com/windows/nanoserver:ltsc2022", True, id="nanoserver"),
    pytest.param("mcr.microsoft.com/dotnet/runtime:8.0-nanoserver-ltsc2022", True, id="a nanoserver tag"),
    pytest.param("microsoft/nanoserver", True, id="the old hub name"),
    pytest.param("mcr.microsoft.com/dotnet/runtime:8.0", False, id="a Linux dotnet tag"),
    pytest.param("busybox:1.36", False, id="busybox"),
    pytest.param("registry:5000/windows-tools:1", False, id="a port is no tag"),
])
def test_windows_base_images_are_told_by_name_and_tag(reference, windows):
    assert is_windows_image(reference) is windows


def test_an_arg_default_decides_the_base_and_an_unset_one_cannot():
    told = parse_dockerfile("D", "ARG BASE=mcr.microsoft.com/windows/nanoserver:ltsc2022\nFROM $BASE\n")
    untold = parse_dockerfile("D", "ARG BASE\nFROM $BASE\n")
    assert image_os(told) == WINDOWS and image_os(untold) is None


def _repo(make_repo, script_name: str, script: str, runtime: str = RUNTIME, builder: str = BUILDER) -> Path:
    return make_repo({"Dockerfile.build": builder, "Dockerfile": runtime, "hello.c": "int main(){}\n",
                      script_name: script})


@pytest.mark.parametrize("script_name, script, code", [
    pytest.param("build.cmd", "docker build -t h:b -f Dockerfile.build .\r\ndocker create --name ex h:b\r\n"
                 "docker cp ex:/src/hello hello\r\ndocker rm ex\r\ndocker build -t h .\r\ndel hello\r\n", None,
                 id="cmd: a plain flow"),
    pytest.param("build.cmd", "docker build -t h:b -f Dockerfile.build .\r\ndocker create --name ex h:b\r\n"
                 "docker cp ex:/src/hello Hello\r\ndocker rm ex\r\ndocker build -t h .\r\ndel hello\r\n", "MIG191",
                 id="cmd: two spellings of one path"),
    pytest.param("build.cmd", "docker build -t h:b -f Dockerfile.build .\r\ndocker create --name ex h:b\r\n"
                 ":again\r\ndocker cp ex:/src/hello hello\r\nif not exist hello goto again\r\ndocker rm ex\r\n"
                 "docker build -t h .\r\n", "MIG190", id="cmd: a goto loop around the extraction"),
    pytest.param("build.ps1", "docker build -t h:b -f Dockerfile.build .\n$id = docker create h:b\n"
                 "docker cp \"${id}:/src/hello\" hello\ndocker rm $id\ndocker build -t h .\nRemove-Item hello\n", None,
                 id="powershell: a plain flow"),
    pytest.param("build.ps1", "docker build -t h:b -f Dockerfile.build .\n$id = docker create h:b\n"
                 "docker cp \"${id}:/src/hello\" hello\ndocker rm $id\nCompress-Archive hello hello.zip\n"
                 "docker build -t h .\n", "MIG106", id="powershell: a cmdlet not modelled touches the artifact"),
    pytest.param("build.ps1", "$ErrorActionPreference = 'Stop'\ndocker build -t h:b -f Dockerfile.build .\n"
                 "$id = docker create h:b\ndocker cp \"${id}:/src/hello\" hello\ndocker rm $id\n"
                 "docker build -t h .\nRemove-Item -Force missing\n", "MIG122",
                 id="powershell: -Force does not excuse a missing path"),
])
def test_windows_flows(make_repo, script_name, script, code):
    result = CliRunner().invoke(main, [str(_repo(make_repo, script_name, script)), "--dry-run"])
    codes = [line.split()[0] for line in result.stderr.splitlines() if line.startswith("MIG")]
    if code is None:
        assert result.exit_code == 0, result.output
        assert codes == ["MIG290"]  # a Windows host's context keeps no Unix modes
    else:
        assert result.exit_code == 3 and codes[0] == code, result.output


@pytest.mark.parametrize("runtime, code", [
    pytest.param("# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY hello C:\\hello\n", "MIG195",
                 id="a Linux builder and a Windows runtime"),
    pytest.param("# escape=`\nARG BASE\nFROM $BASE\nCOPY hello /hello\n", "MIG196",
                 id="the backtick escape over a base that cannot be told"),
    pytest.param("# escape=!\nFROM busybox:1.36\nCOPY hello /hello\n", "MIG120", id="an escape no Dockerfile uses"),
    pytest.param("FROM busybox:1.36\nCOPY hello /hello\n", "MIG197", id="the builder alone sets the backtick"),
])
def test_windows_images_refusals(make_repo, runtime, code):
    builder = "# escape=`\n" + BUILDER if code != "MIG120" else BUILDER
    script = ("#!/bin/sh\ndocker build -t h:b -f Dockerfile.build .\ndocker create --name ex h:b\n"
              "docker cp ex:/src/hello hello\ndocker rm ex\ndocker build -t h .\n")
    result = CliRunner().invoke(main, [str(_repo(make_repo, "build.sh", script, runtime, builder)), "--dry-run"])
    assert result.exit_code == 3 and result.stderr.startswith(code), result.output


def test_a_windows_image_gets_no_chown():
    expected = (CORPUS / "152-cmd-windows-image-escape" / "expected" / "Dockerfile").read_text()
    assert "--from=" in expected and "--chown" not in expected and "--chmod" not in expected
    assert expected.startswith("# escape=`")


@pytest.mark.parametrize("case", sorted(p for p in CORPUS.glob("1[5-6]?-*/expected")), ids=lambda p: p.parent.name)
def test_rewritten_windows_scripts_parse_with_their_reader(case):
    scripts = [p for p in case.rglob("*") if p.suffix.lower() in (".cmd", ".bat", ".ps1")]
    assert scripts
    for path in scripts:
        text = path.read_bytes().decode()
        rel = path.relative_to(case).as_posix()
        parse_batch(rel, text) if path.suffix.lower() != ".ps1" else parse_powershell(rel, text)


def test_verify_says_it_cannot_run_a_windows_flow(make_repo):
    repo = _repo(make_repo, "build.cmd", "docker build -t h:b -f Dockerfile.build .\r\ndocker create --name ex h:b\r\n"
                 "docker cp ex:/src/hello hello\r\ndocker rm ex\r\ndocker build -t h .\r\n")
    no_engine = Engine("podman", "/nonexistent/podman", {}, "podman (not run)")
    verdict = verify_repo(repo, no_engine, keep=False, progress=lambda line: None)
    assert verdict.status is Status.CANNOT_VERIFY and verdict.legacy is None
    assert verdict.reason.startswith("build.cmd runs on Windows") and "no engine for Windows" in verdict.reason


def test_verify_says_it_cannot_build_a_windows_image(make_repo):
    windows = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\src\nRUN cmd /c echo x > C:\\hello\n"
    runtime = "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY hello C:/hello\n"
    script = ("#!/bin/sh\ndocker build -t h:b -f Dockerfile.build .\ndocker create --name ex h:b\n"
              "docker cp ex:/hello hello\ndocker rm ex\ndocker build -t h .\n")
    repo = _repo(make_repo, "build.sh", script, runtime=runtime, builder=windows)
    verdict = verify_repo(repo, Engine("podman", "/nonexistent/podman", {}, "podman"), False, lambda line: None)
    assert verdict.status is Status.CANNOT_VERIFY
    assert verdict.reason.startswith("Dockerfile builds a Windows image"), verdict.reason
