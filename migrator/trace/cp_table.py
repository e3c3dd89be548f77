"""The `docker cp` container -> host decision table (docker-semantics §1), as data."""

from __future__ import annotations

from enum import Enum


class CpResult(Enum):
    AT_DEST = "the copy lands at DEST"
    INTO_DEST = "the copy lands at DEST/basename(SRC)"
    MERGE_INTO_DEST = "SRC's contents merge into the existing DEST"
    FAILS = "docker cp fails"


class DestState(Enum):
    ABSENT = "absent"
    FILE = "file"
    DIR = "dir"


# (DEST state, DEST ends with "/", SRC is a directory, SRC ends with "/.") -> result.
# Rows follow the reference page's list; "SRC ends with /." implies SRC is a directory.
CP_TABLE: dict[tuple[DestState, bool, bool, bool], CpResult] = {
    (DestState.ABSENT, False, False, False): CpResult.AT_DEST,
    (DestState.ABSENT, True, False, False): CpResult.FAILS,  # "the destination directory must exist"
    (DestState.ABSENT, False, True, False): CpResult.AT_DEST,  # DEST is created with SRC's contents
    (DestState.ABSENT, True, True, False): CpResult.AT_DEST,
    (DestState.ABSENT, False, True, True): CpResult.AT_DEST,
    (DestState.ABSENT, True, True, True): CpResult.AT_DEST,
    (DestState.FILE, False, False, False): CpResult.AT_DEST,  # overwritten
    (DestState.FILE, True, False, False): CpResult.FAILS,
    (DestState.FILE, False, True, False): CpResult.FAILS,  # "cannot copy a directory to a file"
    (DestState.FILE, True, True, False): CpResult.FAILS,
    (DestState.FILE, False, True, True): CpResult.FAILS,
    (DestState.FILE, True, True, True): CpResult.FAILS,
    (DestState.DIR, False, False, False): CpResult.INTO_DEST,
    (DestState.DIR, True, False, False): CpResult.INTO_DEST,
    (DestState.DIR, False, True, False): CpResult.INTO_DEST,  # the directory itself is copied
    (DestState.DIR, True, True, False): CpResult.INTO_DEST,
    (DestState.DIR, False, True, True): CpResult.MERGE_INTO_DEST,
    (DestState.DIR, True, True, True): CpResult.MERGE_INTO_DEST,
}


def docker_cp_result(dest: DestState, dest_slash: bool, src_is_dir: bool | None, src_dot: bool) -> CpResult | None:
    """The table's answer; None when it depends on whether SRC is a file or a directory and that is unknown."""
    if src_is_dir is not None:
        return CP_TABLE[(dest, dest_slash, src_is_dir or src_dot, src_dot)]
    as_file = CP_TABLE[(dest, dest_slash, False, False)]
    as_dir = CP_TABLE[(dest, dest_slash, True, src_dot)]
    return as_file if as_file == as_dir else None
