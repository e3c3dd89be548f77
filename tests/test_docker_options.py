"""dockercli: docker's command lines read as docker's flag parser reads them, by tracer and front alike."""

import pytest

from migrator.dockercli.options import BUILD_FLAGS, BUILD_VALUES, CONTAINER_FLAGS, CONTAINER_VALUES
from migrator.dockercli.parse import split
from migrator.dockercli.verbs import invocation, strip_sudo

CASES = [
    pytest.param(["-f", "Dockerfile.build", "-t", "app:build", "."], True,
                 ([("--file", "Dockerfile.build"), ("--tag", "app:build")], ["."]), id="values in words of their own"),
    pytest.param([".", "-f", "Dockerfile.build", "--no-cache"], True,
                 ([("--file", "Dockerfile.build"), ("--no-cache", None)], ["."]), id="options after the context"),
    pytest.param(["--tag=app", "--build-arg", "V=1", "ctx"], True,
                 ([("--tag", "app"), ("--build-arg", "V=1")], ["ctx"]), id="--opt=value"),
    pytest.param(["-tapp:build", "-fDockerfile.build", "."], True,
                 ([("--tag", "app:build"), ("--file", "Dockerfile.build")], ["."]),
                 id="short options with values attached"),
    pytest.param(["-d", "--name", "x", "img", "sleep", "-n"], False,
                 ([("-d", None), ("--name", "x")], ["img", "sleep", "-n"]), id="the image ends the options"),
    pytest.param(["-it", "-eA=1", "img"], False, ([("-i", None), ("-t", None), ("--env", "A=1")], ["img"]),
                 id="clustered short flags"),
    pytest.param(["--rm", "--", "img", "--flag"], False, ([("--rm", None)], ["img", "--flag"]), id="-- ends options"),
]


@pytest.mark.parametrize("args, build, expected", CASES)
def test_split(args, build, expected):
    values, flags = (BUILD_VALUES, BUILD_FLAGS) if build else (CONTAINER_VALUES, CONTAINER_FLAGS)
    assert split(args, values, flags, stop_at_positional=not build) == expected


@pytest.mark.parametrize("words, verb, args_from", [
    pytest.param(["docker", "build", "."], "build", 2, id="plain"),
    pytest.param(["docker", "container", "cp", "a:/x", "x"], "cp", 3, id="container cp"),
    pytest.param(["docker", "image", "build", "."], "build", 3, id="image build"),
    pytest.param(["docker", "buildx", "build", "."], "build", 3, id="buildx build"),
    pytest.param(["docker", "builder", "build", "."], "build", 3, id="builder build"),
    pytest.param(["docker", "container", "remove", "x"], "rm", 3, id="container remove"),
    pytest.param(["docker", "image", "rm", "x"], "rmi", 3, id="image rm"),
    pytest.param(["docker", "-H", "tcp://x", "--log-level=debug", "cp", "a:/x", "x"], "cp", 5, id="global options"),
    pytest.param(["buildah", "bud", "-t", "x", "."], "build", 2, id="buildah bud"),
    pytest.param(["docker"], None, 1, id="no verb"),
])
def test_invocation(words, verb, args_from):
    found = invocation(words)
    assert (found.verb, found.args_from) == (verb, args_from)


def test_sudo_and_its_options_are_skipped():
    assert strip_sudo(["sudo", "-E", "-u", "root", "docker", "build", "."]) == 4
    assert strip_sudo(["docker", "build"]) == 0
