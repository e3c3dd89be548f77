from __future__ import annotations

import pytest

from migrator.dockerignore import excluded, may_hide_below, parse_ignore


@pytest.mark.parametrize(("ignore", "path", "hidden"), [
    pytest.param("out/", "out/app", True, id="a directory hides what is below it"),
    pytest.param("out/\n!out/app", "out/app", False, id="a later ! re-includes"),
    pytest.param("!out/app\nout/", "out/app", True, id="the last match wins"),
    pytest.param("*\n!app", "app", False, id="everything but app"),
    pytest.param("*\n!app", "bin/app", True, id="* hides a top-level directory and what is below it"),
    pytest.param("*.md", "docs/a.md", False, id="* stays within one segment"),
    pytest.param("**/*.md", "docs/a.md", True, id="** crosses segments"),
    pytest.param("**/*.md", "a.md", True, id="** matches no segment too"),
    pytest.param("docs/**", "docs/x/y", True, id="trailing ** matches everything below"),
    pytest.param("./out", "out/app", True, id="./ is cleaned away"),
    pytest.param("/out", "out/app", True, id="a leading / is dropped"),
    pytest.param("# out\n\n", "out/app", False, id="comments and blank lines"),
    pytest.param("ou?/app", "out/app", True, id="? is one character"),
    pytest.param("out/[!a]pp", "out/app", False, id="a negated class"),
    pytest.param("out/a.p", "out/abp", False, id="a dot is literal"),
])
def test_excluded(ignore, path, hidden):
    assert excluded(parse_ignore(ignore), path) is hidden


@pytest.mark.parametrize(("ignore", "directory", "pattern"), [
    pytest.param("**/*.map", "site", "**/*.map", id="any depth"),
    pytest.param("site/*.map", "site", "site/*.map", id="inside it"),
    pytest.param("other/*.map", "site", None, id="another directory"),
    pytest.param("*.map", "site", None, id="top level only"),
    pytest.param("!site/keep", "site", None, id="a re-include hides nothing"),
    pytest.param("s*/js/*.map", "site", "s*/js/*.map", id="a glob segment on the way"),
    pytest.param(".git\nout/\n!out/app", "out/app", None, id="below a file re-included"),
])
def test_may_hide_below(ignore, directory, pattern):
    found = may_hide_below(parse_ignore(ignore), directory)
    assert (found.text if found else None) == pattern
