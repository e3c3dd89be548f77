"""Reading shell text without parsing it: where a quote closes, where a parenthesis is matched,
the word at a position, where a case pattern or branch ends. Quotes and comments are skipped, so a
keyword inside them is never taken for one."""

from __future__ import annotations

_SPACE = " \t"


def runs_commands(text: str) -> bool:
    return "$(" in text or "`" in text


def closing(text: str, quote: str, i: int, end: int) -> int:
    found = text.find(quote, i, end)
    return found if found >= 0 else end


def line_end(text: str, i: int, end: int) -> int:
    found = text.find("\n", i, end)
    return found if found >= 0 else end


def word_at(text: str, i: int, end: int) -> str:
    j = i
    while j < end and not text[j].isspace() and text[j] not in ";&|()":
        j += 1
    if j == i and j < end and text[j] in "()":  # `((` is no word; `[[` is
        return ""
    return text[i:j]


def after_space(text: str, i: int, end: int) -> str:
    while i < end and text[i] in _SPACE:
        i += 1
    return text[i:end]


def skip_blank(text: str, i: int, end: int, comments: bool = False) -> int:
    while i < end:
        if text[i].isspace():
            i += 1
        elif comments and text[i] == "#":
            i = line_end(text, i, end)
        else:
            break
    return i


def after_word(text: str, i: int, end: int) -> int:
    """Past the shell word that starts after I (quotes and $( ) included)."""
    i = skip_blank(text, i, end)
    while i < end and not text[i].isspace() and text[i] not in ";&|":
        if text[i] in "'\"":
            i = closing(text, text[i], i + 1, end) + 1
        elif text.startswith("$(", i):
            i = matching_paren(text, i + 1, end) + 1
        elif text[i] == "\\":
            i += 2
        else:
            i += 1
    return i


def matching_paren(text: str, opening: int, end: int) -> int:
    """The index of the `)` that closes the `(` at OPENING (quotes skipped)."""
    depth, i = 0, opening
    while i < end:
        c = text[i]
        if c in "'\"":
            i = closing(text, c, i + 1, end)
        elif c == "\\":
            i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return end


def find_word(text: str, word: str, i: int, end: int) -> int:
    """The next WORD standing alone (quotes skipped), or END."""
    while i < end:
        c = text[i]
        if c in "'\"":
            i = closing(text, c, i + 1, end) + 1
            continue
        if text.startswith(word, i) and (i == 0 or text[i - 1].isspace()) and (
                i + len(word) >= end or text[i + len(word)] in " \t\n;&|)"):
            return i
        i += 1
    return end


def pattern_end(text: str, i: int, end: int) -> int | None:
    """The `)` that ends a case pattern list starting at I (an optional leading `(` included)."""
    if i < end and text[i] == "(":
        i += 1
    while i < end:
        c = text[i]
        if c in "'\"":
            i = closing(text, c, i + 1, end) + 1
        elif c == "\\":
            i += 2
        elif c == ")":
            return i
        elif c == "\n":
            return None
        else:
            i += 1
    return None


def branch_end(text: str, i: int, end: int) -> tuple[int, int]:
    """(where a case branch's body ends, where the next branch starts): at `;;`, `;&`, `;;&`, or
    the `esac` of this case (nested `case … esac`, quotes and comments skipped)."""
    depth = 0
    while i < end:
        c = text[i]
        if c in "'\"":
            i = closing(text, c, i + 1, end) + 1
            continue
        if c == "\\":
            i += 2
            continue
        if c == "#" and (i == 0 or text[i - 1].isspace()):
            i = line_end(text, i, end)
            continue
        if depth == 0 and c == ";" and text.startswith((";;&", ";;", ";&"), i):
            width = 3 if text.startswith(";;&", i) else 2
            return i, i + width
        word = word_at(text, i, end) if (i == 0 or text[i - 1] in " \t\n;&|(") else ""
        if word == "case":
            depth += 1
        elif word == "esac":
            if depth == 0:
                return i, i
            depth -= 1
        i += max(len(word), 1)
    return end, end
