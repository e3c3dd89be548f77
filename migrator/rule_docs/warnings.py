"""Warnings: the migration is done, and these say what to check (MIG201-MIG207)."""

from migrator.rule_docs.doc import RuleDoc

DOCS = (
    RuleDoc("MIG201",
            "The builder Dockerfile is kept, not deleted, because another file still mentions it (a CI job, "
            "a compose file, docs).",
            "# .gitlab-ci.yml\n  - hadolint Dockerfile.build",
            "Point that file at the merged Dockerfile and delete the builder file by hand, or ignore MIG201."),
    RuleDoc("MIG202",
            "A variable the script does not set was assumed unset, so its default (`${OUT:-out}`) decided a "
            "path of the flow.",
            "# build.sh\ndocker cp x:/out/app \"${OUT:-out}/app\"",
            "Check that the default is what your builds use; set the variable in the script to silence it."),
    RuleDoc("MIG203",
            "An ADD of an extracted file became COPY --from. Had the file been a tar archive, ADD would have "
            "unpacked it; migrator saw it is made as a plain file.",
            "# Dockerfile\nADD app /usr/bin/app",
            "Nothing, if the file is not an archive; write COPY in the legacy file to silence it."),
    RuleDoc("MIG204",
            "The builder and the runtime name different Dockerfile syntax versions (`# syntax=`); the merged "
            "file keeps the runtime's.",
            "# Dockerfile.build\n# syntax=docker/dockerfile:1.4",
            "Check that the builder's stages build with the runtime's syntax version."),
    RuleDoc("MIG205",
            "The builder uses VOLUME or ONBUILD, which BuildKit (multi-stage builds) and the legacy builder "
            "treat differently.",
            "# Dockerfile.build\nVOLUME /cache",
            "Run `migrate verify` to compare the images, or remove the instruction from the builder."),
    RuleDoc("MIG206",
            "The runtime copies repository files into the image (`COPY . /app`) that the migration rewrites or "
            "deletes (the build script, the builder Dockerfile), so the image holds their new versions.",
            "# Dockerfile\nCOPY . /src",
            "Nothing, usually; `migrate verify` lists these files as 'as warned'."),
    RuleDoc("MIG207",
            "Another file uses something the migration removes: a path the extraction wrote on the host, the "
            "builder image's tag, or the script's extraction steps.",
            "# .github/workflows/ci.yml\n  - run: ./out/app --self-test",
            "Change that file to use the runtime image (`docker run app --self-test`)."),
)
