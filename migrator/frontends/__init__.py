"""Front ends: each reads one kind of orchestration file, feeds the commands it finds to the trace
engine in order, and rewrites its own text from the plan's abstract edits. The engine and the plan
never see a front end's syntax; adding a front end is one package here plus one line in
registry.py (shell scripts today; Makefiles, CI files and Python build scripts fit the same shape).
"""
