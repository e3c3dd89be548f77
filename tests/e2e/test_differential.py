"""Differential testing on the engine, a fixed sample: repositories from generator.py go through
`migrate verify` as a user runs it, and every migration must come out equivalent (a refusal is
allowed, a wrong migration is not). `python benchmarks/differential.py --count 500 --seed S` runs
any number; a seed that ever found a bug becomes a corpus case."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from differential import verify_generated
from generator import generate

from migrator.outcome import Migrated
from migrator.pipeline import migrate_repo

SEEDS = range(1, 46)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_generated_repository_migrates_equivalently_or_is_refused(engine, tmp_path, seed):
    result = verify_generated(seed, tmp_path)
    assert result.outcome in ("equivalent", "refused"), result.bug_report()


def test_the_sample_migrates_often_enough_to_mean_something():
    migrated = 0
    with tempfile.TemporaryDirectory() as scratch:
        for seed in SEEDS:
            if isinstance(migrate_repo(generate(seed).write(Path(scratch) / str(seed))), Migrated):
                migrated += 1
    assert migrated >= 15, f"only {migrated} of {len(SEEDS)} sample repositories migrate"
