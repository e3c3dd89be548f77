"""The Dockerfiles being merged: contexts, ignore files, build args, COPY forms, stage numbers and
platforms (MIG110-MIG112, MIG116, MIG117, MIG119-MIG121, MIG127, MIG131, MIG143, MIG145, MIG146,
MIG149)."""

from migrator.rule_docs.doc import RuleDoc

DOCS = (
    RuleDoc("MIG110",
            "The builder and the runtime are built from different contexts; one multi-stage build has one "
            "context, so the builder's stages would see other files.",
            "# build.sh\ndocker build -t app:build -f Dockerfile.build .\ndocker build -t app runtime/",
            "Build both from the same folder (`docker build -t app -f runtime/Dockerfile .`, with the "
            "runtime's COPY paths adjusted)."),
    RuleDoc("MIG111",
            "A .dockerignore (or .containerignore) applies to the build. Merging two builds' ignore files "
            "into one is not supported yet, and dropping one would change what the build sees.",
            "# .dockerignore\nnode_modules\n# build.sh\ndocker build -t app:build -f Dockerfile.build .",
            "Remove the ignore file if the build does not need it, or accept MIG111 in .migrate.toml to keep "
            "the builder pattern and pass a --check gate."),
    RuleDoc("MIG112",
            "A build arg has different values for the builder and the runtime build; in one build it would "
            "have one value for both.",
            "# build.sh\ndocker build --build-arg MODE=debug -f Dockerfile.build .\n"
            "docker build --build-arg MODE=production .",
            "Give the two different names (`BUILD_MODE`, `MODE`), or the same value."),
    RuleDoc("MIG116",
            "The runtime ADDs an extracted file that may be an archive: ADD from the build context unpacks a "
            "local tar archive, COPY --from never does.",
            "# Dockerfile\nADD app.tar.gz /opt/",
            "Use COPY if the file is not an archive (or unpack it in the builder)."),
    RuleDoc("MIG117",
            "A COPY reads extracted files in a form the replay cannot keep (a wildcard over them, --parents "
            "or --exclude, a source outside the build context).",
            "# Dockerfile\nCOPY out/*.so /usr/lib/",
            "Name the files, or copy the whole extracted folder."),
    RuleDoc("MIG119",
            "A build both reads extracted files and is itself extracted from: chained builders are not "
            "supported yet.",
            "# build.sh\ndocker cp a:/out/lib lib\ndocker build -t b:build -f Dockerfile.b .   # COPY lib\n"
            "docker create --name b b:build; docker cp b:/out/app app",
            "Merge the chain by hand into one multi-stage builder, then migrate."),
    RuleDoc("MIG120",
            "The Dockerfile sets another escape character (such as a backtick), which the merged file would have to "
            "use for every stage.",
            "# Dockerfile.build\n# escape=`",
            "Use the default escape character (\\) in the files to merge."),
    RuleDoc("MIG121",
            "The builder is built for another platform than the runtime; one multi-stage build builds every "
            "stage for one platform unless a stage says otherwise.",
            "# build.sh\ndocker build --platform linux/amd64 -f Dockerfile.build .\ndocker build .",
            "Give both builds the same --platform (or use `FROM --platform=$BUILDPLATFORM` by hand)."),
    RuleDoc("MIG127",
            "The builder sets a setuid or setgid bit. The legacy COPY from the build context dropped such "
            "bits; COPY --from keeps them, so the image would change.",
            "# Dockerfile.build\nRUN chmod 4755 /out/app",
            "Drop the chmod if the bit is not meant to reach the image (it never did), or set it in the "
            "runtime Dockerfile on purpose after migrating."),
    RuleDoc("MIG131",
            "An extracted folder is copied as a member of a larger COPY source (COPY copies a folder's "
            "contents, never the folder), so its own mode could not be kept.",
            "# Dockerfile\nCOPY staging/ /srv/   # staging/www came from docker cp",
            "Copy the extracted folder on a COPY line of its own (`COPY staging/www /srv/www`)."),
    RuleDoc("MIG143",
            "More than one image is built from the extracted files; one merged Dockerfile has one final image.",
            "# build.sh\ndocker build -t app .\ndocker build -t app-debug -f Dockerfile.debug .",
            "Migrate one of them (--runtime FILE), or merge the two runtimes into stages by hand."),
    RuleDoc("MIG145",
            "A second builder refers to its own stages by number (`COPY --from=0`); merged behind the first "
            "builder's stages, the numbers would point elsewhere.",
            "# Dockerfile.tools\nCOPY --from=0 /bin/tool /bin/",
            "Name the stage (`FROM golang AS tools`) and refer to it by name."),
    RuleDoc("MIG146",
            "The runtime mounts a numbered stage (`RUN --mount=from=0`); the builder's stages come first in "
            "the merged file, so the number would name another stage.",
            "# Dockerfile\nRUN --mount=from=0,target=/src make",
            "Name the stage and mount it by name."),
    RuleDoc("MIG149",
            "The builder and the runtime are built from the same Dockerfile (with different targets): there "
            "is nothing to merge.",
            "# build.sh\ndocker build --target build -t app:build .\ndocker build -t app .",
            "Copy from the build stage in that Dockerfile (`COPY --from=build`) by hand; the extraction is "
            "then not needed."),
)
