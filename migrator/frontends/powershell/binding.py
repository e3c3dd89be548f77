"""Arguments -> a script's or a function's parameters, as PowerShell binds them: `-Name value`
and `-Name:value` by name (any unambiguous prefix of the name), the rest by position in the order
the parameters are declared."""

from __future__ import annotations

from migrator.trace.values import Value


def bind_arguments(names: list[str], arguments: tuple[Value, ...]) -> dict[str, Value]:
    """NAME -> the value bound to it, for the parameters an argument reaches."""
    bound: dict[str, Value] = {}
    positional: list[Value] = []
    k = 0
    while k < len(arguments):
        argument = arguments[k]
        name, attached = _parameter(names, argument)
        if name is None:
            positional.append(argument)
        elif attached is not None:
            bound[name] = attached
        elif k + 1 < len(arguments) and _parameter(names, arguments[k + 1])[0] is None:
            bound[name] = arguments[k + 1]
            k += 1
        else:  # a switch: present
            bound[name] = Value.of("True")
        k += 1
    for name in names:
        if name not in bound and positional:
            bound[name] = positional.pop(0)
    return bound


def _parameter(names: list[str], argument: Value) -> tuple[str | None, Value | None]:
    """The parameter `-Name` or `-Name:value` names, and the attached value; (None, None) for a value."""
    first = argument.parts[0] if argument.parts else None
    if not isinstance(first, str) or not first.startswith("-") or len(first) < 2:
        return None, None
    spelled, colon, rest = first[1:].partition(":")
    lower = spelled.lower()
    exact = [n for n in names if n.lower() == lower]
    matches = exact or [n for n in names if n.lower().startswith(lower)]
    if len(matches) != 1:
        return None, None
    if not colon:
        return (matches[0], None) if len(argument.parts) == 1 else (None, None)
    return matches[0], Value((rest, *argument.parts[1:]) if rest else argument.parts[1:], argument.assumed,
                             argument.glob)
