"""Progress of a batch on stderr: one line redrawn in place on a terminal (cut to the terminal's
width, so it never wraps into a second line the redraw cannot erase), plain lines every few
seconds otherwise (CI logs), both with counts per outcome, rate and time left."""

from __future__ import annotations

import shutil
import time
from collections import Counter
from typing import TextIO

_OUTCOMES = ("migrated", "nothing-to-migrate", "refused", "error")  # what a repository run ends in

_REDRAW_EVERY = 0.1  # seconds, on a terminal
_LINE_EVERY = 5.0  # seconds, in a log


class Progress:
    def __init__(self, total: int, stream: TextIO, interactive: bool):
        self.total, self.stream, self.interactive = total, stream, interactive
        self.counts: Counter = Counter()
        self.started = self.shown = time.monotonic()

    def update(self, outcome: str) -> None:
        self.counts[outcome] += 1
        now = time.monotonic()
        if now - self.shown >= (_REDRAW_EVERY if self.interactive else _LINE_EVERY):
            self._show(now)

    def finish(self) -> None:
        self._show(time.monotonic())
        if self.interactive:
            self.stream.write("\n")
        self.stream.flush()

    def _show(self, now: float) -> None:
        self.shown = now
        done = sum(self.counts.values())
        elapsed = max(now - self.started, 1e-9)
        rate = done / elapsed
        left = (self.total - done) / rate if rate else 0.0
        counts = " · ".join(f"{self.counts[o]} {o}" for o in _OUTCOMES)
        line = f"{done}/{self.total} repos · {counts} · {rate:.1f} repos/s · {_clock(left)} left"
        if self.interactive:
            width = shutil.get_terminal_size().columns - 1  # the last column would wrap on some terminals
            self.stream.write("\r\x1b[2K" + (line if len(line) <= width else line[: max(width - 1, 0)] + "…"))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds + 0.5), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}"
