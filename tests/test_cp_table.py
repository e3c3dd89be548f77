import pytest

from migrator.trace.cp_table import CpResult, DestState, docker_cp_result

A, F, D = DestState.ABSENT, DestState.FILE, DestState.DIR


@pytest.mark.parametrize("dest, slash, src_is_dir, dot, expected", [
    pytest.param(A, False, False, False, CpResult.AT_DEST, id="file to a new path"),
    pytest.param(A, True, False, False, CpResult.FAILS, id="file to a missing dir/ fails"),
    pytest.param(F, False, False, False, CpResult.AT_DEST, id="file overwrites a file"),
    pytest.param(D, False, False, False, CpResult.INTO_DEST, id="file into an existing dir"),
    pytest.param(A, False, True, False, CpResult.AT_DEST, id="dir to a new path gets its contents"),
    pytest.param(F, False, True, False, CpResult.FAILS, id="dir onto a file fails"),
    pytest.param(D, False, True, False, CpResult.INTO_DEST, id="dir into an existing dir nests"),
    pytest.param(D, False, True, True, CpResult.MERGE_INTO_DEST, id="dir/. merges into an existing dir"),
    pytest.param(A, False, True, True, CpResult.AT_DEST, id="dir/. to a new path"),
])
def test_docs_decision_table(dest, slash, src_is_dir, dot, expected):
    assert docker_cp_result(dest, slash, src_is_dir, dot) is expected


@pytest.mark.parametrize("dest, slash, expected", [
    pytest.param(A, False, CpResult.AT_DEST, id="same answer for file and dir"),
    pytest.param(D, False, CpResult.INTO_DEST, id="into an existing dir either way"),
    pytest.param(A, True, None, id="missing dir/: file fails, dir works"),
    pytest.param(F, False, None, id="onto a file: file overwrites, dir fails"),
])
def test_unknown_source_kind(dest, slash, expected):
    assert docker_cp_result(dest, slash, None, False) is expected
