"""Python build script text -> a libcst module (a lossless tree: comments and formatting are part
of it, so the rewrite keeps every byte it does not change) with each node's character offsets in
the file, which is what spans and Locs are made of."""

from __future__ import annotations

import ast
import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from migrator.findings import refuse
from migrator.frontends.shell.parse import MAX_SCRIPT_BYTES
from migrator.source import Loc, Span

_NEWLINE = re.compile(r"\r\n|\r|\n")  # what Python (and libcst's line numbers) count as a line end


@dataclass(frozen=True)
class PythonScript:
    path: str
    text: str
    module: cst.Module
    positions: dict[cst.CSTNode, CodeRange]
    line_starts: tuple[int, ...]

    def offsets(self, node: cst.CSTNode) -> tuple[int, int]:
        """[start, end) of NODE in the text, in characters."""
        where = self.positions[node]
        return (self.line_starts[where.start.line - 1] + where.start.column,
                self.line_starts[where.end.line - 1] + where.end.column)

    def span(self, node: cst.CSTNode) -> Span:
        start, end = self.offsets(node)
        return Span(start, end, self.path)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def loc(self, node: cst.CSTNode) -> Loc:
        return Loc(self.path, self.positions[node].start.line)

    def source(self, node: cst.CSTNode) -> str:
        start, end = self.offsets(node)
        return self.text[start:end]

    def text_of(self, node: cst.CSTNode) -> str:
        """NODE's source with its whitespace collapsed: for messages."""
        return " ".join(self.source(node).split())


def _python_says(path: str, text: str) -> tuple[int, str] | None:
    """Python's own line and words for a syntax error: what the user sees when the script runs
    (libcst's parser reports the token after the error, often the next line)."""
    try:
        compile(text, path, "exec", dont_inherit=True, flags=ast.PyCF_ONLY_AST)
    except SyntaxError as error:
        return error.lineno or 1, error.msg
    except ValueError:  # a NUL byte
        return None
    return None


@lru_cache(maxsize=16)
def parse_python(path: str, text: str) -> PythonScript:
    """Parsed once per file, for the trace and the rewrite alike. Raises Refusal (MIG180)."""
    size = len(text.encode("utf-8", "surrogateescape"))
    if size > MAX_SCRIPT_BYTES:
        raise refuse("MIG151", Loc(path, 1), path=path, size=size, limit=MAX_SCRIPT_BYTES)
    try:
        wrapper = MetadataWrapper(cst.parse_module(text), unsafe_skip_copy=True)
    except cst.ParserSyntaxError as error:
        line, why = _python_says(path, text) or (error.raw_line, error.message)
        raise refuse("MIG180", Loc(path, line), path=path, why=why) from None
    except (ValueError, RecursionError) as error:  # libcst on input it does not expect
        line, why = _python_says(path, text) or (1, str(error) or type(error).__name__)
        raise refuse("MIG180", Loc(path, line), path=path, why=why) from None
    positions = dict(wrapper.resolve(PositionProvider))
    starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    return PythonScript(path, text, wrapper.module, positions, tuple(starts))
