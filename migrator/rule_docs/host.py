"""The host's state around the flow: file tests the migration changes the answer of, directories the
checkout lacks, and the ignore files each build reads its context through (MIG500-MIG504, MIG520,
MIG521)."""

from migrator.rule_docs.doc import RuleDoc

DOCS = (
    RuleDoc("MIG500",
            "A test of the script names files the migration stops putting on the host, and it is false on a "
            "clean checkout. The rewritten script reads a removed test as true, so it would take the other "
            "branch than the legacy script did.",
            "# build.sh\ndocker cp app-x:/out/app out/app\nif [ ! -e out/app ]; then\n  exit 1\nelse\n"
            "  echo 'built out/app'\nfi",
            "Drop the test, or keep only the assertion (`if [ ! -e out/app ]; then exit 1; fi`), which the "
            "migration removes with the extraction."),
    RuleDoc("MIG501",
            "The runtime COPY reads a folder the repository does not have (git-ignored, made by hand or by an "
            "earlier run). The legacy build saw whatever was left in it besides the extracted files, and no "
            "build stage has those.",
            "# .gitignore\nplugins/\n# build.sh\ndocker cp app-x:/out/app plugins/app\n# Dockerfile\n"
            "COPY plugins/ /opt/plugins/",
            "COPY the extracted files by name (`COPY plugins/app /opt/plugins/`), or make the folder in the "
            "builder and copy it whole from there."),
    RuleDoc("MIG502",
            "The runtime's .dockerignore hides an extracted file from its build context, so the legacy COPY "
            "never saw it: the COPY failed, or left the file out. COPY --from does not read through the "
            "ignore file, so the merged build would put it in the image.",
            "# .dockerignore\nout/\n# Dockerfile\nCOPY out/app /app",
            "Re-include the artifact in the ignore file (`!out/app`), or fix the COPY; check that the legacy "
            "flow works, then migrate."),
    RuleDoc("MIG503",
            "The runtime's .dockerignore may hide some files of an extracted folder (`**/*.map`). Which ones "
            "the legacy COPY left out depends on what the builder made, and COPY --from copies the folder "
            "whole.",
            "# .dockerignore\n**/*.map\n# build.sh\ndocker cp app-x:/site ./site\n# Dockerfile\nCOPY site /var/www/",
            "Delete the files in the builder (`RUN find /site -name '*.map' -delete`) and narrow the ignore "
            "pattern so it no longer reaches the extracted folder."),
    RuleDoc("MIG504",
            "The builder and the runtime read their contexts through different ignore files "
            "(`Dockerfile.build.dockerignore` and `.dockerignore`, or none). The merged Dockerfile reads every "
            "stage's context through the runtime's, so the builder stages would see another set of files.",
            "# Dockerfile.build.dockerignore\nsrc/*.txt\n# Dockerfile.build\nCOPY src /src",
            "Give both builds the same ignore rules (one `.dockerignore` for the context), then migrate."),
    RuleDoc("MIG520",
            "A test decided whether the builder flow runs (a cache guard: build only when the artifact is "
            "missing). It is true on a clean checkout, so the migration keeps the flow, and the merged build "
            "now always builds: an artifact left by an earlier run is no longer reused.",
            "# build.sh\nif [ ! -f app ]; then\n  docker build -t app-sdk -f Dockerfile.build .\n"
            "  docker cp app-x:/out/app ./app\nfi\ndocker build -t app .",
            "Nothing, usually: the build cache takes the guard's place. Accept or ignore MIG520 once you have "
            "checked that nothing relied on the reuse."),
    RuleDoc("MIG521",
            "docker cp writes into a folder the repository does not have (git-ignored?). docker cp does not "
            "make it, so the legacy flow only worked where the folder was there already. The merged build "
            "does not need it; `migrate verify` makes it for the legacy run.",
            "# .gitignore\nbin/\n# build.sh\ndocker cp app-x:/out/app bin/app",
            "Nothing; if other steps of yours need the folder, make it in the script (`mkdir -p bin`)."),
)
