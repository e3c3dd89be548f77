"""Which branch of an `if` ran, when its test ran a command the migration removes: in a legacy
flow that worked, the command succeeded, so `os.system(…) != 0`, `subprocess.call(…)` and
`run(…).returncode` were 0 and `check_call` did not raise."""

from __future__ import annotations

import libcst as cst

from migrator.findings import refuse
from migrator.frontends.python.parse import PythonScript

_STATUS_CALLS = ("system", "call", "check_call")


def taken_branch(script: PythonScript, node: cst.If) -> str:
    """"body" or "orelse"; refused when the test says something else than the command's success."""
    value = _success_value(node.test)
    if value is None:
        raise refuse("MIG184", script.loc(node), text=script.text_of(node.test),
                     why="the test does more than check that the command succeeded")
    return "body" if value else "orelse"


def _success_value(test: cst.BaseExpression) -> bool | None:
    """The test's truth when its command succeeded; None when that cannot be told."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        inner = _success_value(test.expression)
        return None if inner is None else not inner
    status = _status(test)
    if status is not None:
        return bool(status)
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        left = _status(test.left)
        right = test.comparisons[0].comparator
        if left is None or not isinstance(right, cst.Integer):
            return None
        operator = test.comparisons[0].operator
        if isinstance(operator, cst.Equal | cst.Is):
            return left == int(right.value)
        if isinstance(operator, cst.NotEqual | cst.IsNot):
            return left != int(right.value)
    return None


def _status(node: cst.BaseExpression) -> int | None:
    """0 for a command's exit status (os.system, subprocess.call, check_call, run().returncode)."""
    if isinstance(node, cst.Attribute) and node.attr.value == "returncode" and isinstance(node.value, cst.Call):
        return 0
    if isinstance(node, cst.Call):
        func = node.func
        name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) \
            else None
        return 0 if name in _STATUS_CALLS else None
    return None
