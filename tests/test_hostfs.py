"""hostfs: what a COPY of a host path reads after the script's host steps, as replayable pieces."""

from __future__ import annotations

import pytest

from migrator.hostfs import EmptyDir, Extracted, HostFiles, HostWritten, Kind, RepoContent, RepoTree, Unrepresentable
from migrator.source import Loc

TREE = RepoTree(frozenset({"conf/a.conf", "config.txt", "build.sh"}), frozenset({"conf"}))
AT = Loc("build.sh", 1)


def extracted(path: str, kind: Kind = Kind.UNKNOWN, mode: str | None = None) -> Extracted:
    return Extracted("c", path, kind, AT, mode)


def host(*steps) -> HostFiles:
    files = HostFiles(TREE)
    for step, *args in steps:
        if step == "cp-out":  # docker cp: (at, container path, kind, merged)
            at, path, kind, merged = args
            files = files.place(at, extracted(path, kind), merged)
        elif step == "mkdir":
            files = files.place(args[0], EmptyDir(AT))
        elif step == "mkdir-maybe":  # what trace/host.py places for mkdir inside an extraction
            files = files.place(args[0], Unrepresentable("made unless the container had it", AT, True), merged=True)
        elif step == "write":
            files = files.place(args[0], HostWritten("echo v1 > x", AT))
        elif step == "rm":
            files = files.remove(args[0], f"rm -rf {args[0]}", AT)
        elif step == "mv":
            files = files.move(args[0], args[1], f"mv {args[0]} {args[1]}", AT)
        elif step == "cp":
            files = files.copy(args[0], args[1], args[2], f"cp {args[0]} {args[1]}", AT)
        elif step == "chmod":
            files = files.chmod(args[0], args[1], args[2], f"chmod {args[1]} {args[0]}", AT)
    return files


def shown(files: HostFiles, path: str) -> list[str]:
    out = []
    for piece in files.compose(path):
        content = piece.content
        where = piece.rel or "."
        if isinstance(content, Extracted):
            out.append(f"{where}: from c:{content.path}" + (f" mode {content.mode}" if content.mode else "")
                       + (" if a file" if content.mode_if_file else "")
                       + "".join(f"; then {' '.join(rerun.argv)}" for rerun in content.post))
        elif isinstance(content, RepoContent):
            out.append(f"{where}: checkout {content.path}" + (f" mode {content.mode}" if content.mode else ""))
        elif isinstance(content, EmptyDir):
            out.append(f"{where}: empty dir")
        elif isinstance(content, HostWritten):
            out.append(f"{where}: written on the host")
        elif isinstance(content, Unrepresentable):
            out.append(f"{where}: cannot replay: {content.why}")
    return out


CASES = [
    pytest.param([("cp-out", "app", "/o/app", Kind.UNKNOWN, False)], "app", ["." + ": from c:/o/app"],
                 id="an extraction"),
    pytest.param([("mkdir", "out"), ("cp-out", "out/app", "/o/app", Kind.UNKNOWN, False)], "out",
                 [".: empty dir", "app: from c:/o/app"], id="into a directory the script made"),
    pytest.param([("cp-out", "conf", "/o/conf", Kind.DIR, True)], "conf",
                 [".: checkout conf", ".: from c:/o/conf"], id="merged over a checkout directory"),
    pytest.param([("cp-out", "conf", "/o/conf", Kind.DIR, True)], "conf/a.conf",
                 [".: checkout conf/a.conf",
                  ".: cannot replay: it could come from what was there before or from what was extracted over it"],
                 id="a member that may come from either"),
    pytest.param([("mkdir", "s"), ("cp-out", "s", "/o/d", Kind.DIR, True), ("mkdir-maybe", "s/extra")], "s",
                 [".: empty dir", ".: from c:/o/d", "extra: cannot replay: made unless the container had it"],
                 id="mkdir inside a merged extraction"),
    pytest.param([("cp-out", "conf", "/o/conf", Kind.DIR, True)], "conf/b.conf", [".: from c:/o/conf/b.conf"],
                 id="a member only the extraction can hold"),
    pytest.param([("cp-out", "app", "/o/app", Kind.UNKNOWN, False), ("mv", "app", "server")], "server",
                 [".: from c:/o/app"], id="renamed by mv"),
    pytest.param([("cp-out", "app", "/o/app", Kind.UNKNOWN, False), ("mv", "app", "server")], "app", [],
                 id="mv leaves nothing behind"),
    pytest.param([("cp-out", "d", "/o/d", Kind.DIR, False), ("mv", "d/x", "x")], "d",
                 [".: from c:/o/d; then rm -rf /o/d/x"],
                 id="mv of a member holes the dir"),
    pytest.param([("cp-out", "d", "/o/d", Kind.DIR, False), ("mv", "d/x", "x")], "x", [".: from c:/o/d/x"],
                 id="the moved member itself is fine"),
    pytest.param([("cp-out", "app", "/o/app", Kind.FILE, False), ("cp", "app", "b", True)], "b", [".: from c:/o/app"],
                 id="cp -p keeps everything"),
    pytest.param([("cp-out", "app", "/o/app", Kind.FILE, False), ("cp", "app", "b", False)], "b",
                 [".: cannot replay: `cp app b` copies it without -p, so its mode is the container's minus the umask"],
                 id="cp without -p: the umask decides the mode"),
    pytest.param([("cp", "config.txt", "etc/config.txt", False)], "etc", ["config.txt: checkout config.txt"],
                 id="cp of a checkout file is exact"),
    pytest.param([("cp-out", "d", "/o/d", Kind.DIR, False), ("rm", "d/sub")], "d/a",
                 [".: from c:/o/d/a; then rm -rf /o/d/sub"],
                 id="rm of a member leaves the others alone"),
    pytest.param([("cp-out", "d", "/o/d", Kind.DIR, False), ("rm", "d")], "d", [], id="rm of the whole"),
    pytest.param([("cp-out", "app", "/o/app", Kind.FILE, False), ("chmod", "app", "755", False)], "app",
                 [".: from c:/o/app mode 0755"], id="chmod with an octal mode"),
    pytest.param([("cp-out", "app", "/o/app", Kind.UNKNOWN, False), ("chmod", "app", "755", False)], "app",
                 [".: from c:/o/app mode 0755 if a file"], id="chmod of what may be a file: the plan decides"),
    pytest.param([("cp-out", "app", "/o/app", Kind.FILE, False), ("chmod", "app", "+x", False)], "app",
                 [".: from c:/o/app; then chmod +x /o/app"], id="chmod +x runs again on the container path"),
    pytest.param([("cp-out", "app", "/o/app", Kind.FILE, False), ("chmod", "app", "600", False),
                  ("chmod", "app", "+x", False)], "app",
                 [".: from c:/o/app; then chmod 0600 /o/app; then chmod +x /o/app"],
                 id="chmod +x after an octal mode: both run in order"),
    pytest.param([("cp", "config.txt", "etc/config.txt", True), ("chmod", "etc/config.txt", "+x", False)],
                 "etc/config.txt", [".: checkout config.txt",
                                    ".: cannot replay: `chmod +x etc/config.txt` changes modes that depend on what the "
                                    "files had"], id="chmod +x of checkout content cannot run in a stage"),
    pytest.param([("cp-out", "d", "/o/d", Kind.DIR, False), ("chmod", "d", "755", True)], "d/a",
                 [".: from c:/o/d/a; then chmod -R 755 /o/d"], id="chmod -R reaches the members"),
    pytest.param([("cp-out", "d", "/o/d", Kind.DIR, False), ("mkdir", "d/new"), ("chmod", "d", "go-w", True)], "d",
                 [".: from c:/o/d", "new: empty dir",
                  ".: cannot replay: `chmod go-w d` changes modes that depend on what the files had"],
                 id="chmod -R over a host-made directory cannot run in a stage"),
    pytest.param([("cp-out", "d", "/o/d", Kind.DIR, False), ("rm", "d/sub"), ("mv", "d", "e")], "e",
                 [".: from c:/o/d; then rm -rf /o/d/sub"], id="a removed member stays removed when moved"),
    pytest.param([("cp-out", "d", "/o/d", Kind.DIR, False), ("write", "d/VERSION")], "d",
                 [".: from c:/o/d", "VERSION: written on the host"], id="a redirect into the directory"),
    pytest.param([("cp-out", "app", "/o/app", Kind.FILE, False), ("cp", "config.txt", "app", True)], "app",
                 [".: checkout config.txt"], id="a later copy replaces the extracted file"),
]


@pytest.mark.parametrize("steps, path, expected", CASES)
def test_compose(steps, path, expected):
    assert shown(host(*steps), path) == expected


@pytest.mark.parametrize("steps, path, expected", [
    pytest.param([], "conf", Kind.DIR, id="checkout directory"),
    pytest.param([], "config.txt", Kind.FILE, id="checkout file"),
    pytest.param([], "nothing", None, id="absent"),
    pytest.param([("mkdir", "out")], "out", Kind.DIR, id="made"),
    pytest.param([("cp-out", "app", "/o/app", Kind.UNKNOWN, False)], "app", Kind.UNKNOWN, id="extracted, type unknown"),
    pytest.param([("cp-out", "d", "/o/d", Kind.DIR, False)], "d", Kind.DIR, id="extracted directory"),
    pytest.param([("cp-out", "d", "/o/d", Kind.DIR, False)], "d/x", Kind.UNKNOWN, id="inside an extracted directory"),
    pytest.param([("cp-out", "out/app", "/o/app", Kind.FILE, False)], "out", Kind.DIR, id="holds an extraction"),
    pytest.param([("rm", "conf")], "conf", None, id="removed"),
    pytest.param([("mkdir", "s"), ("cp-out", "s", "/o/d", Kind.DIR, True)], "s/x", Kind.UNKNOWN,
                 id="below a merge into a directory the script made"),
])
def test_kind(steps, path, expected):
    assert host(*steps).kind(path) is expected
