"""copy_args: the values a runtime COPY source's variables have, with Dockerfile scoping."""

from __future__ import annotations

import pytest

from migrator.hostfs import HostFiles, RepoTree
from migrator.model import BuildArg, ImageBuild
from migrator.parse.dockerfile import parse_dockerfile
from migrator.plan.copy_args import values_at
from migrator.source import Loc, Span


def _build(*args: tuple[str, str | None]) -> ImageBuild:
    return ImageBuild(Loc("build.sh", 1), Span(0, 1), "Dockerfile", ".", (),
                      tuple(BuildArg(n, v, f"{n}={v}") for n, v in args), None, None, False, (),
                      HostFiles(RepoTree(frozenset(), frozenset())), None)


@pytest.mark.parametrize(("dockerfile", "args", "expected"), [
    pytest.param("FROM a\nARG X=1\nCOPY $X /\n", (), {"X": "1"}, id="a default"),
    pytest.param("FROM a\nARG X=1\nCOPY $X /\n", (("X", "2"),), {"X": "2"}, id="a build arg wins"),
    pytest.param("FROM a\nARG X\nCOPY $X /\n", (), {"X": ""}, id="declared, never given: empty"),
    pytest.param("ARG X=1\nFROM a\nCOPY $X /\n", (), {}, id="a global not declared in the stage"),
    pytest.param("ARG X=1\nFROM a\nARG X\nCOPY $X /\n", (), {"X": "1"}, id="a global through a bare ARG"),
    pytest.param("FROM a\nARG X=1\nENV X=2\nCOPY $X /\n", (("X", "3"),), {"X": "2"}, id="ENV wins"),
    pytest.param("FROM a AS b\nENV X=e\nFROM b\nCOPY $X /\n", (), {"X": "e"}, id="ENV of the base stage"),
    pytest.param("FROM a\nARG X=1\nFROM c\nCOPY $X /\n", (), {}, id="a stage's ARG ends with it"),
    pytest.param("FROM a\nARG X\nCOPY $X /\n", (("X", None),), {"X": None}, id="the host's value: unknown"),
    pytest.param("FROM a\nARG X=$Y\nCOPY $X /\n", (), {"X": None}, id="a default naming a variable"),
])
def test_values_at(dockerfile, args, expected):
    values = values_at(_build(*args), parse_dockerfile("Dockerfile", dockerfile))
    copy = max(values)
    assert values[copy] == expected
