"""The docker commands of the flow: builds, containers and copies migrator can or cannot follow
(MIG104, MIG105, MIG109, MIG113, MIG115, MIG122, MIG124, MIG130, MIG133, MIG134, MIG137, MIG138, MIG140, MIG144,
MIG150)."""

from migrator.rule_docs.doc import RuleDoc

DOCS = (
    RuleDoc("MIG104",
            "Where `docker cp` puts the copy depends on host files the script does not make itself (outside "
            "the repository, inside an earlier extraction, or where an artifact already is), so the path the "
            "runtime build reads cannot be told.",
            "# build.sh\ndocker cp x:/out/app /tmp/build/app",
            "Copy into a folder of the repository that the script makes itself (`mkdir -p out && docker cp "
            "x:/out/app out/`)."),
    RuleDoc("MIG105",
            "docker cp copies a file and a directory differently (into an existing directory, or as the "
            "destination itself), and the source could be either.",
            "# build.sh\ndocker cp x:/out/dist ./dist/   # a file or a folder at /out/dist?",
            "Make the kind visible: copy a folder's contents with `x:/out/dist/.`, or give the destination "
            "as a new name without a trailing slash."),
    RuleDoc("MIG109",
            "The docker build does not name exactly one build context (none, or several positional "
            "arguments), so the files the build sees cannot be told.",
            "# build.sh\ndocker build -t app $CONTEXT_DIRS",
            "Give one context directory, written in the script (`docker build -t app .`)."),
    RuleDoc("MIG113",
            "An option of a docker command is not in migrator's tables of docker's options, so what the "
            "command does cannot be proven the same after the migration.",
            "# build.sh\ndocker build --squash -t app:build -f Dockerfile.build .",
            "Drop the option if it is not needed, or ask for it to be supported (the message names it)."),
    RuleDoc("MIG115",
            "The container runs its command in the background (`docker run -d`, `docker start` without -a), "
            "and nothing waits for it before docker cp: the copy may take the files before the command has "
            "made them, so what the legacy flow copied cannot be told.",
            "# build.sh\ndocker run -d --name x app:build sh -c \"mkdir /out && echo hi > /out/app\"\n"
            "docker cp x:/out/app ./app",
            "Run the container in the foreground (`docker run --name x …`, `docker start -a x`), or `docker wait "
            "x` before the copy."),
    RuleDoc("MIG122",
            "The legacy script itself fails at this point (docker cp into a destination that cannot take it, "
            "a --target that names no stage): there is no working flow to migrate.",
            "# build.sh\ndocker cp x:/out/app missing-dir/app   # docker cp does not make missing-dir",
            "Fix the script so that it works (`mkdir -p missing-dir` first), then migrate it."),
    RuleDoc("MIG124",
            "docker cp copies out of a container the script never created (it may exist on the machine that "
            "runs the script), so its image is unknown.",
            "# build.sh\ndocker cp builder:/out/app ./app   # no `docker create --name builder` before",
            "Create the container in the script (`docker create --name builder app:build`)."),
    RuleDoc("MIG130",
            "Under podman a relative container path is resolved against the container's working directory, "
            "where Docker resolves it from /; the two engines copy different files.",
            "# build.sh\npodman cp x:bin/tool ./tool",
            "Write the container path from the root (`x:/work/bin/tool`)."),
    RuleDoc("MIG133",
            "The build context is not a local folder (a URL, a git repository, or `-` for standard input), "
            "so its files cannot be read.",
            "# build.sh\ndocker build -t app:build https://github.com/org/app.git",
            "Build from a local checkout of the context."),
    RuleDoc("MIG134",
            "The Dockerfile comes from standard input (`-f -`), so there is no file to merge.",
            "# build.sh\ndocker build -t app:build -f - . < Dockerfile.build",
            "Name the file with -f (`-f Dockerfile.build`)."),
    RuleDoc("MIG137",
            "The docker cp command does not name a source and a destination.",
            "# build.sh\ndocker cp x:/out/app",
            "Give both (`docker cp x:/out/app ./app`)."),
    RuleDoc("MIG138",
            "docker cp copies into a container; only copies out of one are part of the builder pattern.",
            "# build.sh\ndocker cp ./config x:/etc/app/",
            "Put the file in the image with COPY in its Dockerfile."),
    RuleDoc("MIG140",
            "docker export writes a container's whole file system; which files the runtime uses of it cannot "
            "be told. Not supported yet.",
            "# build.sh\ndocker export x | tar -x -C rootfs",
            "Copy the files the runtime needs with docker cp."),
    RuleDoc("MIG144",
            "A Dockerfile or build context of the flow lies outside the repository, where the migration "
            "cannot read or change it.",
            "# build.sh\ndocker build -t app:build -f ../shared/Dockerfile.build .",
            "Keep the flow's Dockerfiles and contexts inside the repository you migrate (or migrate the "
            "parent folder)."),
    RuleDoc("MIG150",
            "--builder names a Dockerfile, but the container the files are copied from is made from an image "
            "that file does not build.",
            "$ migrate . --builder docker/Dockerfile.tools",
            "Name the Dockerfile that builds the image of the container (or leave --builder out)."),
)
