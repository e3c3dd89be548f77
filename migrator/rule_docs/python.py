"""The Python front end: build scripts the trace cannot read or follow, and Python the rewrite cannot
change (MIG180-MIG187)."""

from migrator.rule_docs.doc import RuleDoc

DOCS = (
    RuleDoc("MIG180",
            "The build script does not parse as Python 3 (often a Python 2 script: `print \"…\"`, `except E, e`). "
            "migrator reads a script as the interpreter would run it; one that does not parse has no flow to "
            "trace.",
            "# build.py\nimport subprocess\nprint \"building the SDK image\"\n"
            "subprocess.check_call([\"docker\", \"build\", \"-t\", \"app-sdk\", \"-f\", \"Dockerfile.build\", \".\"])",
            "Make the script run on Python 3 (`print(\"building the SDK image\")`), then migrate it."),
    RuleDoc("MIG181",
            "The script drives docker through the Docker SDK for Python (`docker.from_env()`, "
            "`client.images.build`, `container.get_archive`). The trace follows docker commands, not the SDK's "
            "calls, whose effect on images and files it cannot tell.",
            "# build.py\nimport docker\nclient = docker.from_env()\n"
            "client.images.build(path=\".\", dockerfile=\"Dockerfile.build\", tag=\"app-sdk\")\n"
            "bits, _ = client.containers.create(\"app-sdk\").get_archive(\"/src/app\")",
            "Run the flow's steps as docker commands (`subprocess.run([\"docker\", \"build\", …], check=True)`), "
            "or write the multi-stage Dockerfile by hand."),
    RuleDoc("MIG182",
            "Code the trace does not follow (a call of a function it does not model, a file operation or a "
            "statement it cannot read) names docker or a file the flow extracts. What it does to the images or to the "
            "extracted files is unknown, and after the migration those files are no longer on the host.",
            "# build.py\nsubprocess.run([\"docker\", \"cp\", \"sdk:/src/stamp\", \"out/stamp\"], check=True)\n"
            "os.utime(os.path.join(\"out\", \"stamp\"), (EPOCH, EPOCH))",
            "Do that work in the builder's Dockerfile (a RUN step) or as a docker command of the flow; keep "
            "code the trace does not follow away from docker and from the extracted files."),
    RuleDoc("MIG183",
            "A command that runs docker, or shell code, gets arguments the trace cannot read: a list built from "
            "the command line or from code it does not follow (`*sys.argv[1:]`), or a value only known when the "
            "script runs that sits inside single quotes of a shell string. Which images and paths the command "
            "uses cannot be told.",
            "# build.py\nsubprocess.run([\"docker\", \"build\", *sys.argv[1:], \"-t\", \"app-sdk\", "
            "\"-f\", \"Dockerfile.build\", \".\"], check=True)",
            "Write the command's arguments in the script, as a list of strings or as a string (a build arg the "
            "caller chooses becomes `--build-arg`, with its value set in the script)."),
    RuleDoc("MIG184",
            "A command the migration removes or changes sits in Python that cannot be rewritten without it: an "
            "`if` whose test does more than check that the command succeeded, a command inside a larger "
            "expression rather than a statement of its own, or a string literal whose new shell code cannot be "
            "written back in it.",
            "# build.py\nif subprocess.call([\"docker\", \"cp\", \"sdk:/src/app\", \"out/app\"]) > 1:\n"
            "    sys.exit(\"docker cp failed\")",
            "Give each command of the flow a statement of its own (`subprocess.run([…], check=True)`, or "
            "`if subprocess.call([…]) != 0:`), and keep shell strings as plain literals."),
    RuleDoc("MIG185",
            "A statement the migration removes sets a name (the container id of `docker create`, an output) "
            "that the script still reads later. Removing the statement would leave that name undefined: the "
            "script would stop with a NameError.",
            "# build.py\ncid = subprocess.check_output([\"docker\", \"create\", SDK], text=True).strip()\n"
            "…\ninfo.write(f\"extracted from container {cid}\\n\")",
            "Stop reading the name after the flow (it names a container that no longer exists after the "
            "migration), or set it apart from the flow's commands."),
    RuleDoc("MIG186",
            "The builder was built with build args (or `--no-cache`), so the migrated runtime build must pass "
            "them too, and the script's runtime build cannot take them: its arguments are not one list written "
            "in the statement, a value computed in Python would go into a shell command, or a value is shell "
            "code Python cannot compute, or a name may hold another value where the runtime build runs.",
            "# build.py\nsubprocess.check_call([\"docker\", \"build\", \"--build-arg\", \"VERSION=1.4.2\", \"-t\", "
            "\"app-sdk\", \"-f\", \"Dockerfile.build\", \".\"])\n…\nruntime = [\"docker\", \"build\", \"-t\", "
            "\"app\", \".\"]\nsubprocess.check_call(runtime)",
            "Write the runtime build as one list in its statement "
            "(`subprocess.check_call([\"docker\", \"build\", \"-t\", \"app\", \".\"])`), in the same form as "
            "the builder's build, with its values set once at the top of the script."),
    RuleDoc("MIG187",
            "After the rewrite, Python would no longer compile the script. This is a bug in migrator: the "
            "rewrite must keep every script valid, and it checks that before writing.",
            "# build.py: any script whose rewrite goes wrong",
            "Please report it with the script (or a reduced copy). Nothing was written."),
)
