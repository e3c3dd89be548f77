"""Several builds that consume the extracted files (MIG505, MIG506)."""

from migrator.rule_docs.doc import RuleDoc

DOCS = (
    RuleDoc("MIG505",
            "The runtime Dockerfile is built more than once, and this build differs from the first in "
            "something the merged Dockerfile fixes once for every build: the build context, the platform, the "
            "engine (and with it the ignore file), the host's files, or a build arg that a builder stage or a "
            "COPY source reads. One merged Dockerfile cannot give both builds what they had.",
            "# build.sh\ndocker build -t app:stable .\n"
            "docker build --build-arg CHANNEL=beta -t app:beta .   # Dockerfile.build reads CHANNEL",
            "Build every variant with the same inputs (tags, --target and runtime-only build args may differ), "
            "or keep the builder pattern for this repository."),
    RuleDoc("MIG506",
            "The runtime Dockerfile is built more than once, and the builder build had build args that the "
            "merged build needs. migrator adds them to the first runtime build only, so the other builds "
            "would build the builder stages without them.",
            "# build.sh\ndocker build --build-arg LEVEL=3 -t app:build -f Dockerfile.build .\n…\n"
            "docker build -t app:1 .\ndocker build -t app:latest .",
            "Give the builder's values as ARG defaults in its Dockerfile, or build the runtime once and tag "
            "it again (`docker tag app:1 app:latest`)."),
)
