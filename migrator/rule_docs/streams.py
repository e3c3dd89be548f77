"""Artifacts that leave a container as a stream: `docker run IMG cat PATH > FILE` and `docker cp
C:PATH - | tar -x` (MIG136, MIG139, MIG620-MIG622, MIG640)."""

from migrator.rule_docs.doc import RuleDoc

DOCS = (
    RuleDoc("MIG136",
            "The output of a `docker run` is kept on the host, and it is not `cat` of one absolute path into "
            "one new file: what the command printed (a tar, a listing, several files) is not a file a COPY can "
            "take from the builder.",
            "# build.sh\ndocker run --rm app-sdk sh -c 'make && cat /out/app' > app",
            "Print the file alone (`docker run --rm app-sdk cat /out/app > app`), or copy it with "
            "`docker create` + `docker cp`."),
    RuleDoc("MIG139",
            "`docker cp C:PATH -` writes a tar stream, and it does not go straight into `tar -x`: into a file "
            "(`> out.tar`) or another program, whose result no COPY can take from the builder.",
            "# build.sh\ndocker cp app-x:/out - > out.tar",
            "Unpack it in the same pipeline (`docker cp app-x:/out - | tar -x -C dist`), or copy the folder "
            "directly (`docker cp app-x:/out/. dist/`)."),
    RuleDoc("MIG620",
            "`docker run IMG cat PATH > FILE` is followed as a copy of PATH to FILE, but not here: with `-t` the "
            "terminal turns each LF into CRLF (and the run fails without one); a FILE outside the repository "
            "or only known when the script runs; or a FILE that is there already, which keeps its old mode "
            "when the shell overwrites it.",
            "# build.sh\ndocker run --rm -t app-sdk cat /out/app > app",
            "Drop `-t`; print into a new file in the repository (remove it first if the script made it)."),
    RuleDoc("MIG621",
            "The image has an ENTRYPOINT (or the run gave `--entrypoint`), so the container ran it with `cat "
            "PATH` as its arguments: what it printed need not be the file.",
            "# Dockerfile.build\nENTRYPOINT [\"/usr/local/bin/tool\"]\n# build.sh\n"
            "docker run --rm app-sdk cat /out/app > app",
            "Run `cat` itself: `docker run --rm --entrypoint cat app-sdk /out/app > app`."),
    RuleDoc("MIG622",
            "The tar stream of `docker cp C:PATH -` goes into a tar that does more than unpack it whole into a "
            "directory: it names members, filters or renames (`--exclude`, `--transform`), strips more than one "
            "level, or strips the top entry of what may be a file (nothing is left of a file).",
            "# build.sh\ndocker cp app-x:/out - | tar -x -C dist --exclude '*.map'",
            "Unpack the whole stream (`tar -x -C dist`, or `--strip-components=1` after a path ending in `/`) "
            "and remove what is not wanted in the builder Dockerfile."),
    RuleDoc("MIG640",
            "`> FILE` made FILE with mode 0666 minus the host's umask; the merged COPY sets 0644, the mode for "
            "umask 022. A user whose umask is 002 got 0664 in the legacy image.",
            "# build.sh\ndocker run --rm app-sdk cat /out/app > app",
            "Nothing, if your umask is 022; otherwise set the mode in the runtime Dockerfile "
            "(`COPY --chmod=664`, or a `RUN chmod`)."),
)
