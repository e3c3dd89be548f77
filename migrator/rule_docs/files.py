"""Reading the repository and writing the result (MIG123, MIG300)."""

from migrator.rule_docs.doc import RuleDoc

DOCS = (
    RuleDoc("MIG123",
            "A file or folder the migration needs cannot be read: no permission, a symbolic link loop, a FIFO "
            "or device instead of a file, a file the build names that is missing, or a Dockerfile that does "
            "not parse. An unread file could hold the flow, so this is never taken for 'nothing to migrate'. "
            "Its outcome is `error`, and it cannot be accepted.",
            "$ chmod 000 build.sh && migrate .\nMIG123: cannot read build.sh: Permission denied",
            "Make the file readable (or a regular file), fix the path the build names, or fix the Dockerfile; "
            "then run migrate again."),
    RuleDoc("MIG300",
            "A file of the migration cannot be written (a read-only folder or file system, a full disk), or "
            "it is a symbolic link that leads out of the repository. Nothing was written: every write is "
            "staged first and undone if any fails. Its outcome is `error`, and it cannot be accepted.",
            "$ chmod a-w . && migrate .\nMIG300: cannot write Dockerfile: Permission denied; nothing was written",
            "Make the repository writable, or run `migrate --dry-run` and apply the diff where it can be "
            "written (`git apply`)."),
)
