"""Hand-broken migrations must each be reported as different, naming the difference."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from migrator.pipeline import migrate_repo
from migrator.verify.flows import FlowSpec, compare_flows
from migrator.verify.verdict import Status
from migrator.write import apply_changes

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

# (what is broken, corpus case, text in the migrated Dockerfile, its replacement, what the report must say)
SABOTAGES = [
    ("wrong source path", "02-c-hello-gcc", "/src/hello /usr", "/src/hello.c /usr",
     "changed /usr/local/bin/hello: mode 0755 -> 0644, size"),
    ("changed file mode", "02-c-hello-gcc", "COPY --from=hello-build", "COPY --from=hello-build --chmod=700",
     "changed /usr/local/bin/hello: mode 0755 -> 0700"),
    ("missing file", "06-several-artifacts",
     "COPY --from=multi-build --chown=0:0 /build/bin/worker /usr/local/bin/worker\n", "",
     "removed /usr/local/bin/worker: a file of 7 bytes in the legacy image only"),
    ("changed CMD", "02-c-hello-gcc", 'CMD ["hello"]', 'CMD ["sh"]', 'config Cmd: ["hello"] -> ["sh"]'),
    ("different owner", "14-nonroot-builder-chown", "--chown=0:0 ", "",
     "changed /usr/local/bin/tool: owner 0:0 -> 1000:1000"),
    ("added file", "03-directory-artifact", "CMD", "RUN touch /extra\nCMD", "added /extra: a file of 0 bytes"),
    ("symlink turned into a file", "03-directory-artifact", "CMD", "RUN rm /bin/ls && cp /bin/busybox /bin/ls\nCMD",
     "changed /bin/ls: type a symlink to busybox -> a file of"),
]


@pytest.mark.parametrize("what, case, old, new, expected", SABOTAGES, ids=[s[0] for s in SABOTAGES])
def test_sabotaged_migration_is_reported_different(engine, tmp_path, what, case, old, new, expected):
    verdict = _verify_broken(engine, tmp_path, case, old, new)
    assert verdict.status is Status.DIFFERENT
    assert verdict.exit_code == 1
    assert any(expected in str(d) for d in verdict.differences), [str(d) for d in verdict.differences]


def test_a_changed_extended_attribute_is_different(engine, tmp_path):
    def set_xattr(migrated: Path) -> None:  # the context COPY carries it into the migrated image only
        os.setxattr(migrated / "daemon.conf", "user.sabotage", b"1")
    verdict = _verify_broken(engine, tmp_path, "15-copy-mixed-sources", "", "", also=set_xattr)
    assert verdict.status is Status.DIFFERENT
    assert [str(d) for d in verdict.differences] == [
        "changed /srv/daemon.conf: extended attributes (none) -> user.sabotage=31"]


def test_a_migrated_flow_that_fails_is_different(engine, tmp_path):
    verdict = _verify_broken(engine, tmp_path, "02-c-hello-gcc", "/src/hello /usr", "/src/nowhere /usr")
    assert verdict.status is Status.DIFFERENT
    assert verdict.reason.startswith("the migrated flow fails (build.sh exited with ")
    assert "nowhere" in verdict.migrated.output_tail


def _verify_broken(engine, tmp_path: Path, case: str, old: str, new: str, also=lambda migrated: None):
    legacy, migrated = tmp_path / "legacy", tmp_path / "migrated"
    shutil.copytree(CORPUS / case / "legacy", legacy, symlinks=True)
    shutil.copytree(CORPUS / case / "legacy", migrated, symlinks=True)
    outcome = migrate_repo(migrated)
    apply_changes(migrated, outcome.changes)
    dockerfile = migrated / "Dockerfile"
    text = dockerfile.read_text()
    assert old in text, f"the sabotage no longer matches {case}'s migrated Dockerfile"
    dockerfile.write_text(text.replace(old, new, 1))
    also(migrated)
    spec = FlowSpec(outcome.flow.script, outcome.flow.run_from, "Dockerfile")
    return compare_flows(case, legacy, migrated, spec, engine, keep=False, progress=lambda line: None,
                         workspace=tmp_path)
