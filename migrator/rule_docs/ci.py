"""The CI front end: Travis CI, GitLab CI and GitHub Actions files whose jobs the trace cannot follow
or the rewrite cannot change, and a service that does the builder pattern itself (MIG170-MIG179,
MIG270, MIG271)."""

from migrator.rule_docs.doc import RuleDoc

DOCS = (
    RuleDoc("MIG170",
            "migrator reads a CI file as its service does, as one YAML mapping of jobs and keys. This file is "
            "not valid YAML (most often a command holding `: ` or starting with `*`, `&`, `!`, `[` or `{`, "
            "written without quotes), holds several YAML documents (GitLab's `spec:` header before `---`), or "
            "uses an alias inside the node its own anchor names, or writes one key twice in a mapping (which "
            "of the two counts differs between services: PyYAML keeps the last, GitHub rejects the file). "
            "There are no jobs to trace; a YAML error is usually one the service stops on too.",
            "# .gitlab-ci.yml\nbuild:\n  script:\n    - docker build -t app-sdk -f Dockerfile.build .\n    - …\n"
            "  after_script: echo built: app   # `: ` in a plain value",
            "Fix the YAML where the message points (quote the command: `after_script: 'echo built: app'`); "
            "remove the key written twice; the service's own lint (GitLab's CI Lint) or yamllint names the "
            "line too. A file with a `spec:` "
            "header is not supported yet."),
    RuleDoc("MIG171",
            "The job runs several times: a Travis matrix (several `env:` entries, compilers, language versions, "
            "`jobs: include:`), GitLab's `parallel:`, or a GitHub `strategy: matrix:` value the flow's commands "
            "read. Each run builds the images with its own values, and one migrated Dockerfile cannot stand for "
            "all of them: which run's image is the one to keep cannot be told.",
            "# .github/workflows/ci.yml\njobs:\n  build:\n    strategy:\n      matrix:\n"
            "        variant: [debug, release]\n    steps:\n      - run: |\n"
            "          docker build -t app-sdk --build-arg MODE=${{ matrix.variant }} -f Dockerfile.build .\n"
            "          …",
            "Build the image in a job of its own without the matrix (the matrix can stay on the test jobs), or "
            "write each variant as a job of its own and migrate one with `--script FILE:JOB`. A Travis file has "
            "one job: give each matrix key a single value."),
    RuleDoc("MIG172",
            "GitHub pastes the value of each `${{ … }}` into the script before the shell reads it. migrator uses "
            "the value where the file gives it (an `env:` literal, a single-valued matrix entry, "
            "github.workspace); any other value (github.sha, a secret, a step's output) is only known when the "
            "job runs, and the trace stands for it with a shell variable of its own. That works where the shell "
            "expands a variable, never inside single quotes; and a `working-directory:` must be known to follow "
            "the paths under it.",
            "# .github/workflows/ci.yml\n    steps:\n      - run: |\n"
            "          docker build --build-arg 'REVISION=${{ github.sha }}' -t app-sdk -f Dockerfile.build .\n"
            "          …",
            "Write the expression inside double quotes (`\"REVISION=${{ github.sha }}\"`: the same word unless the "
            "value holds `$`, a backquote, a backslash or a double quote), and spell a working directory as a "
            "path or through an `env:` value the file sets."),
    RuleDoc("MIG173",
            "The job uses a CI feature the front end does not follow yet, so what it runs is not in the text "
            "traced: GitLab's `include:`, `extends:`, `!reference` and variables whose values name other "
            "variables; a GitHub action that builds images (docker/build-push-action), a step in another shell "
            "that runs docker, values set for later steps through $GITHUB_ENV or $GITHUB_PATH; a script that "
            "is not a string or a list of strings; a function called in one item or step but defined in "
            "another.",
            "# .gitlab-ci.yml\n.docker:\n  image: docker:24\n  services: [docker:24-dind]\nbuild:\n"
            "  extends: .docker\n  script:\n    - docker build -t app-sdk -f Dockerfile.build .\n    - …",
            "Write the job out in full in the file (what `extends:` or `include:` would bring in, the variable's "
            "value spelled out), run the docker commands in a `run:` step instead of an action, and define a "
            "shell function in the item or step that calls it."),
    RuleDoc("MIG174",
            "A flow is one job of a CI file, and the job to migrate is not clear: the file has several jobs that "
            "run `docker build` (or none), or `--script` names a job the file does not have.",
            "# .gitlab-ci.yml   (migrate --script .gitlab-ci.yml)\nbuild-amd64:\n  script:\n"
            "    - docker build -t app-sdk -f Dockerfile.build .\n    - …\nbuild-arm64:\n  script:\n"
            "    - docker build -t app-sdk -f Dockerfile.build .\n    - …",
            "Name the job with `--script FILE:JOB`, one of those the message lists (`--script "
            ".gitlab-ci.yml:build-amd64`)."),
    RuleDoc("MIG175",
            "A command the migration removes or changes sits in a script that other jobs run too: GitLab's "
            "`default:` or top-level `before_script`, or a list shared through a YAML anchor (`*extract`). "
            "Editing it for the migrated job would take the builder steps away from every other job as well.",
            "# .gitlab-ci.yml\ndefault:\n  before_script:\n    - docker build -t app-sdk -f Dockerfile.build .\n"
            "    - docker create --name sdk app-sdk\n    - mkdir -p out && docker cp sdk:/src/app out/app\n"
            "package:\n  script:\n    - docker build -t app .\nsmoke-test:\n  script:\n    - ./out/app",
            "Give the job you migrate a script of its own (its own `before_script:` written out, not the anchor "
            "or the default) and migrate it with `--script FILE:JOB`; the other jobs keep theirs. Read the "
            "warnings about extracted files that they use (MIG207)."),
    RuleDoc("MIG176",
            "The rewrite could not change the CI file in place while keeping every other byte and the file's "
            "structure (a key of a flow mapping `{…}`, a list item sharing a line with other text, a new line in "
            "a one-line value), or what it wrote would not read back as the same YAML. This is a bug in "
            "migrator: the rewrite checks its result before writing.",
            "# .gitlab-ci.yml\nbuild: {before_script: [\"docker build -t app-sdk -f Dockerfile.build .\", …], "
            "script: [\"docker build -t app .\"]}",
            "Please report it with the CI file (or a reduced copy). Nothing was written. Writing the job's keys "
            "and lists in block style, one a line, avoids it meanwhile."),
    RuleDoc("MIG177",
            "A job runs a script of the repository while the CI file sets variables the script reads (`env:`, "
            "`variables:`, Travis `env:`). The script's trace starts from an empty environment, so it would "
            "follow other paths, images or tags than the job runs with.",
            "# .github/workflows/ci.yml\nenv:\n  OUT_DIR: out\njobs:\n  build:\n    steps:\n"
            "      - run: ./scripts/extract.sh\n      - run: docker build -t app .\n"
            "# scripts/extract.sh\ndocker cp sdk:/src/app \"$OUT_DIR/app\"",
            "Set the values in the script itself (`OUT_DIR=out` near its top) and drop them from the CI file, "
            "or move the script's commands into the job."),
    RuleDoc("MIG178",
            "The file asks its CI service to do the builder pattern itself (DaoCloud's `lite_image`: a compile "
            "Dockerfile, paths to extract from its image, a package Dockerfile). Where each extracted path lands "
            "is documented, but not its owner and mode, nor what a directory or a symbolic link becomes, and "
            "there is no runner of that service to find out. Merging on a guess could change the image.",
            "# daocloud.yml\nbuild:\n  lite_image:\n    compile:\n      dockerfile_path: /Dockerfile.build\n"
            "    extract:\n      - /src/app\n    package:\n      dockerfile_path: /Dockerfile",
            "Write the multi-stage Dockerfile by hand (`COPY --from=` the compile stage, with the owner and "
            "mode you want), or write the flow as `docker build`, `docker create`, `docker cp` commands in a "
            "script and migrate that."),
    RuleDoc("MIG179",
            "Every command of a script goes with the migration, and the service needs the key that holds it: "
            "GitLab rejects a job without `script:`, GitHub a job without `steps:`. Removing the key would "
            "leave a file the service does not run.",
            "# .gitlab-ci.yml\npackage:\n  script:\n    - docker build -t app-sdk -f Dockerfile.build .\n"
            "    - docker create --name sdk app-sdk\n    - mkdir -p out && docker cp sdk:/src/app out/app\n"
            "  after_script:\n    - docker build -t app .",
            "Build the runtime image in that key, after the extraction (move `docker build -t app .` from "
            "`after_script:` to the end of `script:`)."),
    RuleDoc("MIG270",
            "A GitHub step runs an action other than checkout, or a script in a shell the trace does not read "
            "(python, pwsh). migrator cannot see what it does and assumes it leaves alone every file the flow "
            "builds from; if it makes or changes one (downloads an artifact into the context, generates a "
            "source), the migrated build may not see the same files.",
            "# .github/workflows/ci.yml\n    steps:\n      - uses: actions/checkout@v4\n"
            "      - uses: actions/download-artifact@v4\n        with:\n          name: assets\n"
            "      - run: docker build -t app-sdk -f Dockerfile.build .\n      …",
            "Nothing, if the step does not touch the files the flow uses (tool setup, a login, a cache). "
            "Otherwise do its work in a `run:` step the trace can follow, and migrate again."),
    RuleDoc("MIG271",
            "Travis runs a default `install` or `script` phase for the job's language when the file sets none "
            "(`go get`, `bundle install`, `npm test`; `language:` defaults to ruby). migrator neither traces "
            "that command nor runs it in verify, so if it makes files the Dockerfiles copy, the migration did "
            "not see them.",
            "# .travis.yml\nlanguage: go\nservices: [docker]\nscript:\n"
            "  - docker build -t app-sdk -f Dockerfile.build .\n  - …",
            "Set the phase yourself: `install: skip` when the default is not needed (or `language: minimal`), "
            "or write the command it should run, so that the trace follows it."),
)
