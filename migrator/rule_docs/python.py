"""Python build scripts read with libcst (MIG180-MIG187)."""

from migrator.rule_docs.doc import RuleDoc

DOCS = (
    RuleDoc("MIG180",
            "The build script does not parse as Python, so it cannot run and there is no flow to migrate.",
            "# build.py\nsubprocess.run([\"docker\", \"build\", \".\"]",
            "Fix the syntax error the message names, then run migrate again."),
    RuleDoc("MIG181",
            "The script drives the engine through the Docker SDK for Python (`docker.from_env()`, "
            "`images.build`, `containers.create`, `get_archive`). Its calls are not traced, so which images it "
            "builds and which files it copies out cannot be told.",
            "# build.py\nimport docker\nclient = docker.from_env()\nclient.images.build(path=\".\", "
            "dockerfile=\"Dockerfile.build\", tag=\"app:build\")",
            "Run the docker CLI through subprocess (`subprocess.run([\"docker\", \"build\", …])`), or keep the "
            "builder pattern for this repository."),
    RuleDoc("MIG182",
            "A call the trace does not model (`os.utime`, `os.chmod` with a computed mode, a library "
            "function) touches an extracted file or a path below one; what it does to the image cannot be "
            "told.",
            "# build.py (corpus 145)\nsubprocess.run([\"docker\", \"cp\", \"x:/out\", \"out\"], check=True)\n"
            "os.utime(os.path.join(OUT, \"stamp\"), (EPOCH, EPOCH))",
            "Do that step in the builder Dockerfile, or with a shell command the trace knows (`touch`, "
            "`chmod 755`)."),
    RuleDoc("MIG183",
            "A docker or host command's arguments come from something the trace cannot read (`*sys.argv[1:]`, "
            "a value read from a file or the network), so what it builds or copies cannot be told.",
            "# build.py (corpus 146)\nsubprocess.run([\"docker\", \"build\", *sys.argv[1:], \"-t\", "
            "\"tool:build\", \"-f\", \"Dockerfile.build\", \".\"], check=True)",
            "Spell the arguments out, or give them from module-level constants."),
    RuleDoc("MIG184",
            "A command the migration removes sits where Python cannot lose it alone: inside an expression, or "
            "in the test of an `if` that does more than check the command succeeded.",
            "# build.py\nif subprocess.call([\"docker\", \"cp\", \"x:/out/app\", \"app\"]) == 0 and ready():\n"
            "    print(\"copied\")",
            "Make the command a statement of its own (`subprocess.run([...], check=True)`)."),
    RuleDoc("MIG185",
            "A name is set by a statement the migration removes (the container id of `docker create`, the "
            "result of a `docker cp`), and the script still reads it afterwards; without the statement it "
            "would fail.",
            "# build.py (corpus 147)\ncid = subprocess.run([\"docker\", \"create\", \"tool:build\"], "
            "capture_output=True, text=True).stdout.strip()\n…\nprint(\"built from\", cid)",
            "Stop reading the name after the extraction, or keep the builder pattern."),
    RuleDoc("MIG186",
            "The merged build must pass the builder's build args, but the Python that would pass them cannot "
            "be written so that it has the same value where the runtime build runs (a shell string with `$`, "
            "a name set differently there).",
            "# build.py\nsubprocess.run(\"docker build --build-arg V=$(cat VERSION) -f Dockerfile.build .\", "
            "shell=True)",
            "Give the value from a module-level constant (`VERSION = \"1.2\"`, then `f\"V={VERSION}\"`)."),
    RuleDoc("MIG187",
            "The rewritten script would not compile. This is a bug in migrator: every rewrite is compiled "
            "before it is written.",
            "# build.py: any script whose rewrite goes wrong",
            "Please report it with the script (or a reduced copy). Nothing was written."),
)
