"""Finding and reading the flow: which file holds it, and whether it can be parsed and followed
(MIG101, MIG102, MIG118, MIG132, MIG141, MIG142, MIG151, MIG152)."""

from migrator.rule_docs.doc import RuleDoc

DOCS = (
    RuleDoc("MIG101",
            "bashlex, the shell parser, cannot parse this statement, and it runs docker or touches an extracted "
            "file. A statement that cannot be parsed cannot be traced, so what it does to the flow is unknown.",
            "# build.sh\ndocker cp x:/out/dist dist\nrm -f dist/!(*.so)   # an extglob pattern",
            "Write the statement in plain POSIX sh (`find dist -type f ! -name '*.so' -delete`), or move it "
            "into a script of its own that the build script does not need for the extraction."),
    RuleDoc("MIG102",
            "Several files each hold a complete builder-pattern flow, and migrating one of them would change "
            "what the others build. migrator will not guess which one is meant.",
            "# build-api.sh and build-web.sh both run\ndocker build -f Dockerfile.build …; docker cp …; docker build …",
            "Run migrate once per flow with the `--script` value the message lists, or set `script` in "
            ".migrate.toml."),
    RuleDoc("MIG118",
            "The flow seems to live in a kind of file no front end reads yet (a Python script), or --script "
            "names such a file. Shell scripts, Makefiles, cmd and PowerShell scripts are read.",
            "# build.py\nsubprocess.run([\"docker\", \"cp\", \"app-x:/out/app\", \"app\"], check=True)",
            "Move the docker commands into a shell script (or a Makefile) that build.py runs, or wait for the "
            "front end for that kind of file."),
    RuleDoc("MIG132",
            "After the rewrite the script would no longer parse. This is a bug in migrator: the rewrite must "
            "keep every script valid, and it checks that before writing.",
            "# build.sh: any script whose rewrite goes wrong",
            "Please report it with the script (or a reduced copy). Nothing was written."),
    RuleDoc("MIG141",
            "The script calls shell functions deeper than the trace follows; recursion cannot be traced to an "
            "end, so what the calls do is unknown.",
            "# build.sh\nbuild() { build \"$@\"; }\nbuild",
            "Flatten the calls that lead to the docker commands (a loop instead of recursion)."),
    RuleDoc("MIG142",
            "The docker command is built at run time (`eval`, a command in a variable), so its words cannot be "
            "known before it runs.",
            "# build.sh\ncmd=\"docker cp $c:/out/app .\"\neval \"$cmd\"",
            "Write the docker command out in the script, with variables only in its arguments."),
    RuleDoc("MIG151",
            "The file is of a kind a front end reads (a shell script by its name or #! line) and larger than "
            "the limit; a file that large is data, not a build script, and it is not read at all.",
            "# install.sh: a self-extracting installer of 40 MB at the repository root",
            "Move the large file out of the repository root (one level down at most is searched), or name the "
            "real build script with --script."),
    RuleDoc("MIG152",
            "A script runs a file the flow is already running (a loop of calls), or files call files more "
            "than 8 deep; the flow is not followed any further.",
            "# build.sh\n./scripts/extract.sh\n# scripts/extract.sh\n../build.sh",
            "Break the loop: let one script call the other, not both ways."),
)
