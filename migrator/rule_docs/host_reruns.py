"""Host commands run again in a stage derived from a builder, and archives unpacked there
(MIG610-MIG614, MIG635, MIG636)."""

from migrator.rule_docs.doc import RuleDoc

DOCS = (
    RuleDoc("MIG610",
            "The host changed extracted files (`chmod +x`, `strip`, `rm`, `find -delete`, a redirect); the "
            "migration runs the same command on the container paths in a stage derived from the builder. "
            "The builder's final image lacks the program: it holds none at all (FROM scratch, distroless), "
            "or it is an official image known not to have it (busybox and debian have no `strip`), and no "
            "RUN installs it.",
            "# Dockerfile.build ends with\nFROM scratch\nCOPY --from=build /out/app /out/app\n# build.sh\n"
            "docker cp x:/out/app ./app\nstrip app",
            "Do the step in the builder Dockerfile, in a stage that has the program (`RUN strip /out/app`)."),
    RuleDoc("MIG611",
            "The host changed extracted files with commands a stage would have to run again, and the runtime "
            "builds a Windows image, where those Unix commands do not exist.",
            "# build.ps1\ndocker cp x:C:/out/app ./app\n# a later chmod or strip on app",
            "Do the step in the builder Dockerfile."),
    RuleDoc("MIG612",
            "The runtime ADDs an archive the builder made with `tar -C DIR .`: its `.` entry gives the "
            "destination folder itself the archive's mode and owner. The merged file unpacks the archive in "
            "a stage and copies its contents, which cannot set the destination's own mode and owner.",
            "# Dockerfile.build\nRUN tar -czf /out/pkg.tgz -C /src/pkg .\n# Dockerfile\nADD pkg.tgz /opt/pkg",
            "Make the archive with names below a folder (`tar -czf /out/pkg.tgz -C /src pkg`), or copy the "
            "folder instead of an archive."),
    RuleDoc("MIG613",
            "The runtime ADDs an archive with --chown, --chmod or --link; whether those apply to the files "
            "ADD unpacks is not the same in every builder, so the unpacked copy cannot be proven equal.",
            "# Dockerfile\nADD --chown=app:app pkg.tgz /opt/",
            "Drop the flag and set owners in the builder (`tar --owner`), or in a RUN."),
    RuleDoc("MIG614",
            "The runtime ADDs an archive the builder made; the merged file unpacks it with the builder's own "
            "tar. In busybox and alpine images that is busybox tar, which leaves every symlink it unpacks "
            "owned by root, where ADD gave it the owner the archive records.",
            "# Dockerfile.build\nFROM busybox:1.36\nRUN tar -czf /out/app.tgz pkg\n# Dockerfile\n"
            "ADD app.tgz /opt/",
            "Build the archive in an image with GNU tar, or copy the folder instead of an archive."),
    RuleDoc("MIG635",
            "The host changed extracted files after `docker cp`; the merged file runs the same commands, on "
            "the container paths, in a stage derived from the builder, as root, and copies from that stage. "
            "A RUN's umask is 022: the result is the host's when the host's umask was 022 too (it decides "
            "`chmod +x` without ugo and the mode of a file a redirect makes).",
            "# build.sh\ndocker cp x:/out/app ./app\nchmod +x app\n# merged\nFROM builder AS builder-post\n"
            "RUN [\"chmod\", \"+x\", \"/out/app\"]",
            "Nothing, if the host's umask is 022; otherwise make the step explicit in the builder "
            "(`RUN chmod 755 /out/app`)."),
    RuleDoc("MIG636",
            "A stage derived from the builder runs a host command again, and the migrator does not know "
            "whether the builder's image has that program (its base is not an official image it knows, or "
            "no RUN installs it). The merged build fails loudly where it is missing.",
            "# Dockerfile.build\nFROM debian:bookworm-slim\n# build.sh\ndocker cp x:/out/app ./app\nstrip app",
            "Install the program in the builder (`apt-get install -y binutils`), or do the step there."),
)
