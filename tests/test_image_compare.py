"""image_compare: each kind of difference, from synthetic export streams (no engine needed)."""

from __future__ import annotations

import io
import tarfile

import pytest

from migrator.verify.image_compare import ImageSnapshot, compare, read_export, runtime_config


def export(*members: tuple) -> io.BytesIO:
    """A tar like an engine's export: (name, kind, mode, uid, data-or-link)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, kind, mode, uid, payload, *xattrs in members:
            info = tarfile.TarInfo(name)
            info.pax_headers = {f"SCHILY.xattr.{k}": v for k, v in xattrs}
            info.mode, info.uid, info.gid = mode, uid, uid
            if kind == "dir":
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            elif kind == "symlink":
                info.type, info.linkname = tarfile.SYMTYPE, payload
                tar.addfile(info)
            elif kind == "hardlink":
                info.type, info.linkname = tarfile.LNKTYPE, payload
                tar.addfile(info)
            else:
                info.size = len(payload)
                tar.addfile(info, io.BytesIO(payload))
    buffer.seek(0)
    return buffer


BASE = (("bin/", "dir", 0o755, 0, None), ("bin/app", "file", 0o755, 0, b"app v1"),
        ("bin/run", "symlink", 0o777, 0, "app"))

CASES = [
    ("same", BASE, []),
    ("mode", (BASE[0], ("bin/app", "file", 0o644, 0, b"app v1"), BASE[2]), ["changed /bin/app: mode 0755 -> 0644"]),
    ("owner", (BASE[0], ("bin/app", "file", 0o755, 1000, b"app v1"), BASE[2]),
     ["changed /bin/app: owner 0:0 -> 1000:1000"]),
    ("content", (BASE[0], ("bin/app", "file", 0o755, 0, b"app v2"), BASE[2]),
     ["changed /bin/app: content differs (same size)"]),
    ("size", (BASE[0], ("bin/app", "file", 0o755, 0, b"app v10"), BASE[2]), ["changed /bin/app: size 6 -> 7 bytes"]),
    ("link", (*BASE[:2], ("bin/run", "symlink", 0o777, 0, "/bin/app")),
     ["changed /bin/run: link target app -> /bin/app"]),
    ("type", (*BASE[:2], ("bin/run", "file", 0o755, 0, b"")),
     ["changed /bin/run: type a symlink to app -> a file of 0 bytes, mode 0777 -> 0755"]),
    ("xattr added", (BASE[0], ("bin/app", "file", 0o755, 0, b"app v1", ("security.capability", "\x01\x02")), BASE[2]),
     ["changed /bin/app: extended attributes (none) -> security.capability=0102"]),
    ("removed", BASE[:2], ["removed /bin/run: a symlink to app in the legacy image only"]),
    ("added", (*BASE, ("etc/x", "file", 0o644, 0, b"x")),
     ["added /etc/x: a file of 1 bytes in the migrated image only"]),
]


@pytest.mark.parametrize("name, migrated, expected", CASES, ids=[c[0] for c in CASES])
def test_filesystem_differences(name, migrated, expected):
    legacy = ImageSnapshot(read_export(export(*BASE)), runtime_config({}))
    new = ImageSnapshot(read_export(export(*migrated)), runtime_config({}))
    assert [str(d) for d in compare(legacy, new)] == expected


def test_a_hard_link_stands_for_its_target():
    paths = read_export(export(("a", "file", 0o755, 0, b"data"), ("b", "hardlink", 0o755, 0, "a")))
    assert paths["/b"] == paths["/a"]


def test_config_differences_ignore_engine_labels_and_empty_values():
    legacy = ImageSnapshot({}, runtime_config({"Cmd": ["app"], "Env": [], "Labels": {"io.buildah.version": "1"}}))
    new = ImageSnapshot({}, runtime_config({"Cmd": ["sh"], "User": "", "Labels": {"io.buildah.version": "2"}}))
    assert [str(d) for d in compare(legacy, new)] == ['config Cmd: ["app"] -> ["sh"]']


def test_config_label_added_by_the_dockerfile_is_a_difference():
    legacy = ImageSnapshot({}, runtime_config({"Labels": {"io.buildah.version": "1"}}))
    new = ImageSnapshot({}, runtime_config({"Labels": {"io.buildah.version": "1", "team": "x"}}))
    assert [str(d) for d in compare(legacy, new)] == ['config Labels: (unset) -> {"team": "x"}']


def test_architecture_os_shell_and_onbuild_are_compared():
    legacy = ImageSnapshot({}, runtime_config({"Shell": ["/bin/sh", "-c"]}, {"Architecture": "amd64", "Os": "linux"}))
    new = ImageSnapshot({}, runtime_config({"OnBuild": ["RUN x"]}, {"Architecture": "arm64", "Os": "linux"}))
    assert [str(d) for d in compare(legacy, new)] == [
        'config OnBuild: (unset) -> ["RUN x"]', 'config Shell: ["/bin/sh", "-c"] -> (unset)',
        'config Architecture: "amd64" -> "arm64"']
