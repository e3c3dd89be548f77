"""Programs a container may run that change none of its files: a container that only ran one of
these holds its image's files, so a copy from it needs no replay (and a detached one is idle)."""

FILE_NEUTRAL_PROGRAMS = frozenset({"true", ":", "sleep", "echo", "tail", "printf", "cat", "ls", "env", "id", "whoami",
                                   "date", "uname"})
