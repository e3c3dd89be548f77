"""split_args reads live docker command lines as docker's flag parser does."""

import pytest

from migrator.docker_options import BUILD_VALUES, CONTAINER_VALUES, split_args

CASES = [
    (["-f", "Dockerfile.build", "-t", "app:build", "."], BUILD_VALUES, False,
     ([("--file", "Dockerfile.build"), ("--tag", "app:build")], ["."])),
    ([".", "-f", "Dockerfile.build", "--no-cache"], BUILD_VALUES, False, ([("--file", "Dockerfile.build"),
                                                                           ("--no-cache", None)], ["."])),
    (["--tag=app", "--build-arg", "V=1", "ctx"], BUILD_VALUES, False, ([("--tag", "app"), ("--build-arg", "V=1")],
                                                                       ["ctx"])),
    (["-d", "--name", "x", "img", "sleep", "-n"], CONTAINER_VALUES, True,
     ([("-d", None), ("--name", "x")], ["img", "sleep", "-n"])),
    (["-it", "-eA=1", "img"], CONTAINER_VALUES, True, ([("-i", None), ("-t", None), ("--env", "A=1")], ["img"])),
    (["--rm", "--", "img", "--flag"], CONTAINER_VALUES, True, ([("--rm", None)], ["img", "--flag"])),
]


@pytest.mark.parametrize("args, values, stop, expected", CASES)
def test_split_args(args, values, stop, expected):
    assert split_args(args, values, stop_at_positional=stop) == expected
