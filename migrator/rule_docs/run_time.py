"""Run-time builds and bind mounts: commands that made the artifacts in a container (`docker run`,
`start`, `exec`), replayed as RUN in a stage derived from its image (MIG600-MIG608, MIG630-MIG634)."""

from migrator.rule_docs.doc import RuleDoc

DOCS = (
    RuleDoc("MIG600",
            "The container that made the copied files ran with an option a RUN cannot have: a terminal (`-t`, "
            "which turns each LF the command prints into CRLF), standard input (`-i`), `--privileged`, another "
            "network or host name, a read-only root, an --env-file on the host. Replayed as RUN, the command "
            "could make other files, or fail.",
            "# build.sh\ndocker run --privileged --name app-x app-sdk sh -c \"mkdir /out && echo hi > /out/app\"\n"
            "docker cp app-x:/out/app ./app",
            "Drop the option if the command does not need it, or make the files in the builder Dockerfile "
            "(`RUN …`)."),
    RuleDoc("MIG601",
            "Words of the container's command are only known when the script runs (a command substitution, "
            "a glob, a variable the script does not set). A RUN must spell out the command the container ran.",
            "# build.sh\ndocker run --name app-x app-sdk sh /src/build.sh \"$(git rev-parse HEAD)\"",
            "Pass the value as a build arg of the builder and use it there, or write the command with literal "
            "words."),
    RuleDoc("MIG602",
            "A RUN ignores ENTRYPOINT and CMD, so the migration must write out what the container ran. The "
            "image's ENTRYPOINT (or CMD) is set neither in its Dockerfile nor by an official base image "
            "migrator knows, so that command is unknown.",
            "# Dockerfile.build\nFROM node:20-bookworm\n# build.sh\ndocker run --name app-x app-sdk npm run build",
            "Set ENTRYPOINT (and CMD) in the builder Dockerfile, or run the container with --entrypoint."),
    RuleDoc("MIG603",
            "The container's image declares a VOLUME where the command writes. docker cp read those files "
            "from the container, but the classic builder and buildah drop what a RUN writes under a VOLUME, "
            "so the merged build would copy nothing.",
            "# Dockerfile.build\nVOLUME /out\n# build.sh\ndocker run --name app-x app-sdk sh -c \"echo hi > /out/app\"",
            "Remove the VOLUME from the builder, or have the command write elsewhere."),
    RuleDoc("MIG604",
            "A setting of the container (`-e`, `-w`, `-u`) cannot be written into the derived stage: the "
            "variable's name is not one a Dockerfile can declare, its value is not plain, or a value from the "
            "host would be passed as a build arg that other stages of the merged file also declare.",
            "# Dockerfile\nARG VERSION\n# build.sh\ndocker run --name app-x -e VERSION app-sdk "
            "sh -c 'echo $VERSION > /out/app'",
            "Spell the value out (`-e VERSION=1.2`), or rename the variable so that it is not shared with "
            "another stage."),
    RuleDoc("MIG605",
            "One `docker exec` in the container sets its own -e (or -w, -u where the image's own setting is "
            "not known), and more commands run after it. In the derived stage such a setting lasts for the "
            "RUNs that follow, and migrator cannot undo it for them (an ENV cannot be unset).",
            "# build.sh\ndocker exec -e LEVEL=2 app-x sh -c 'echo $LEVEL > /out/app'\n"
            "docker exec app-x sh -c 'echo more >> /out/app'",
            "Set the value inside the command (`sh -c 'LEVEL=2; …'`), or give it to every exec alike."),
    RuleDoc("MIG606",
            "A mount of the container cannot be made by a build: a named volume, `--volumes-from`, a "
            "directory outside the repository or the merged build's context, mount flags or settings a COPY "
            "cannot give, or a directory the script changed before the command saw it.",
            "# build.sh\ndocker run --rm -v build-cache:/root/.cache -v \"$PWD/out:/host-out\" app-sdk "
            "cp /out/app /host-out/app",
            "Use a bind mount of a repository directory as it is checked out (`-v \"$PWD/out:/host-out\"`), or "
            "a cache mount in the builder (`RUN --mount=type=cache,target=/root/.cache …`)."),
    RuleDoc("MIG607",
            "The container gets the engine's socket (`/var/run/docker.sock`): it builds or runs more "
            "containers, which a RUN cannot replay.",
            "# build.sh\ndocker run --rm -v /var/run/docker.sock:/var/run/docker.sock -v \"$PWD/out:/host-out\" "
            "app-sdk …",
            "Do the inner builds as stages of the Dockerfile, or keep the builder pattern for this repository."),
    RuleDoc("MIG608",
            "A mount showed the command every file of a directory, ignored ones too. The COPY that replaces it "
            "reads the build context, from which .dockerignore leaves some of them out, so the command would "
            "see fewer files.",
            "# .dockerignore\n*.md\n# build.sh\ndocker run --rm -v \"$PWD\":/src -w /src app-sdk sh -c "
            "\"cat *.md > app\"",
            "Narrow the ignore file so that it keeps the files the command reads, or mount a directory it does "
            "not touch."),
    RuleDoc("MIG630",
            "The legacy script had no `set -e`, so it went on when the container's command failed. The merged "
            "build runs that command as RUN, and a failing RUN stops the build.",
            "# build.sh   (no set -e)\ndocker run --name app-x app-sdk sh -c 'mkdir /out && echo hi > /out/app'",
            "Check that the command succeeds in your builds; add `set -e` to the script to silence it."),
    RuleDoc("MIG631",
            "What the container ran is now a RUN in a stage derived from its image. A setuid or setgid bit the "
            "command sets is now kept in the image, where the legacy COPY from the build context dropped it.",
            "# Dockerfile.build\nCMD [\"sh\", \"-c\", \"mkdir /out && echo hi > /out/app\"]\n# build.sh\n"
            "docker create --name app-x app-sdk\ndocker start -a app-x",
            "Nothing, usually; `migrate verify` shows any such bit as 'as warned'."),
    RuleDoc("MIG632",
            "The container's image is built from a base image migrator does not know, and a VOLUME there "
            "would drop what the RUN writes (MIG603). migrator assumed the base declares none.",
            "# Dockerfile.build\nFROM registry.example.com/toolchain:3\n# build.sh\n"
            "docker run --name app-x --entrypoint make app-sdk release",
            "Check the base image (`docker inspect -f '{{.Config.Volumes}}' IMAGE`); run `migrate verify`."),
    RuleDoc("MIG633",
            "A throwaway container of the builder image ran a check (`docker run --rm`). The migration removes "
            "the builder image, so the check goes with it.",
            "# build.sh\ndocker run --rm app-sdk /out/app --version",
            "Add the check as a RUN to the builder stage of the merged Dockerfile (`RUN /out/app --version`)."),
    RuleDoc("MIG634",
            "The container saw a mounted directory with files the migration rewrites or deletes (the script, "
            "the builder Dockerfile). The COPY that replaces the mount copies them as migrated, so the command "
            "sees their new versions.",
            "# build.sh\ndocker run --rm -v \"$PWD\":/host app-sdk cp /out/app /host/app",
            "Nothing, unless the command reads those files; mount a narrower directory (`-v \"$PWD/out\":/host`) "
            "to silence it."),
)
