"""What the script does around the extraction: values it cannot know, conditions, host steps on
the artifacts, and lines shared with what stays (MIG103, MIG106-MIG108, MIG114, MIG125, MIG126,
MIG128, MIG129, MIG147, MIG148)."""

from migrator.rule_docs.doc import RuleDoc

DOCS = (
    RuleDoc("MIG103",
            "A path, image or tag of the flow depends on a variable the script does not set (it comes from "
            "the environment of whoever runs it), so the value, and what the migration should write, is "
            "unknown.",
            "# build.sh\ndocker cp x:/out/app \"$OUT_DIR/app\"   # OUT_DIR is never set",
            "Set the variable in the script, or give it a default (`${OUT_DIR:-out}`); a default is used and "
            "reported as MIG202."),
    RuleDoc("MIG106",
            "The host uses the extracted file for something besides the runtime build (packs it, strips it, "
            "runs it). After the migration the file is no longer on the host, so that use would break.",
            "# build.sh\ndocker cp x:/out/app ./app\ntar czf release.tgz app",
            "Do that step in the builder Dockerfile (`RUN strip /out/app`), or keep the builder pattern for "
            "this repository (accept MIG106 in .migrate.toml to make it pass a --check gate)."),
    RuleDoc("MIG107",
            "A file copied out of a container is not used by any runtime build: it may be meant for the host "
            "(a release, a test), which a merged Dockerfile would lose.",
            "# build.sh\ndocker cp x:/out/app ./app\ndocker cp x:/out/app.sha256 ./   # never COPY'd",
            "Remove the extraction if nothing needs it, or keep the builder pattern for this repository."),
    RuleDoc("MIG108",
            "A build, container or copy of the flow runs only under a condition (if, case, a loop, `&&`); one "
            "multi-stage Dockerfile cannot build conditionally.",
            "# build.sh\nif [ \"$CI\" = true ]; then\n  docker cp x:/out/app ./app\nfi",
            "Make the extraction unconditional, or move the condition into the Dockerfile (a build arg)."),
    RuleDoc("MIG114",
            "The builder image is still used after the extraction (pushed, run, tagged). The migration removes "
            "the builder build, so that later use would find nothing.",
            "# build.sh\ndocker build -t reg.example.com/app:build -f Dockerfile.build .\n…\n"
            "docker push reg.example.com/app:build",
            "Build that image separately (`docker build --target <builder stage>` after the migration), or "
            "stop using it."),
    RuleDoc("MIG125",
            "The host writes a file into the extracted folder (or next to it) that reaches the runtime image; "
            "no build stage has that file, so COPY --from cannot bring it.",
            "# build.sh\ndocker cp x:/out/dist ./dist\necho v1 > dist/VERSION",
            "Write the file in the builder Dockerfile (`RUN echo v1 > /out/dist/VERSION`)."),
    RuleDoc("MIG126",
            "The host changes what was extracted in a way no COPY can replay (removes part of a folder, "
            "`chmod +x`, `cp` without -p so the umask decides the mode, `mkdir` inside an extraction).",
            "# build.sh\ndocker cp x:/out/app ./app\nchmod +x app",
            "Do the change in the builder Dockerfile (`RUN chmod +x /out/app`), or use a form COPY can "
            "replay (`chmod 0755 app`, `cp -p`)."),
    RuleDoc("MIG128",
            "A command names extracted files through a glob, so which files it touches cannot be told before "
            "the build runs.",
            "# build.sh\ndocker cp x:/out ./out\nrm out/*.a",
            "Do it in the builder Dockerfile (`RUN rm /out/*.a`), or name the files."),
    RuleDoc("MIG129",
            "The host makes an empty folder that reaches the image; COPY --from cannot make an empty folder "
            "that no stage has.",
            "# build.sh\nmkdir -p staging/logs\ndocker cp x:/out/app staging/",
            "Make the folder in the runtime Dockerfile (`RUN mkdir -p /app/logs`) or in the builder."),
    RuleDoc("MIG147",
            "A line serves the extraction and something that stays at once (a function or loop both use), "
            "so it can be neither removed nor kept.",
            "# build.sh\nrun() { docker \"$@\"; }\nrun cp x:/out/app .\nrun build -t app .",
            "Call docker directly for the extraction steps."),
    RuleDoc("MIG148",
            "One `docker rm` or `docker rmi` removes the extraction's container or builder image together "
            "with others; the migration can remove neither the whole line nor a part of it.",
            "# build.sh\ndocker rm -f x other-container",
            "Remove the extraction's container on a line of its own."),
)
