"""The Makefile front end: what make would do that the trace cannot tell, and Makefiles the rewrite
cannot change (MIG160-MIG169, MIG260, MIG261)."""

from migrator.rule_docs.doc import RuleDoc

DOCS = (
    RuleDoc("MIG160",
            "A conditional (`ifeq`, `ifdef`) or a rule line depends on a value make only knows when it runs "
            "(a variable from the environment or the command line, `$(shell …)`), and it decides a command, "
            "image or path of the flow. Each branch would need another migration.",
            "# Makefile\nifeq ($(ARCH),arm64)\nSDK := Dockerfile.build-arm64\nelse\nSDK := Dockerfile.build\nendif\n"
            "image:\n\tdocker build -t app-sdk -f $(SDK) .",
            "Decide the value in the Makefile (`ARCH := amd64`), or move the choice into the Dockerfile (a build "
            "arg)."),
    RuleDoc("MIG161",
            "The flow depends on a make feature the trace does not follow: `$(eval …)`, `include`, `vpath`, "
            "target-specific variables, double-colon or static pattern rules, a `-include` of a file a rule "
            "makes, a multi-line variable in a recipe. What make runs there cannot be told.",
            "# Makefile\ndefine EXTRACT\nextract-$(1):\n\tdocker cp x-$(1):/out/$(1) $(1)\nendef\n"
            "$(eval $(call EXTRACT,app))",
            "Write the targets and recipes of the flow out plainly in the Makefile; keep the generated rules "
            "for targets the flow does not use."),
    RuleDoc("MIG162",
            "A target the flow needs has no rule and is not in the checkout, so make stops there on a clean "
            "checkout (`No rule to make target`): the legacy flow only worked where the file was there already.",
            "# Makefile\nimage: vendor/libssl.a   # vendor/ is git-ignored, no rule makes it\n"
            "\tdocker build -t app .",
            "Add a rule that makes the file, or commit it; name a goal when the Makefile has no default one."),
    RuleDoc("MIG163",
            "A pattern rule (`%`) may make a target of the flow. Which pattern rule make picks, and whether it "
            "runs it, depends on which files exist and on their times, which the trace cannot compare.",
            "# Makefile\nimage: bin/app\n\tdocker build -t app .\nbin/%:\n\tdocker create --name x-$* app-sdk\n"
            "\tdocker cp x-$*:/out/$* $@",
            "Write an explicit rule for each target of the flow (`bin/app:`)."),
    RuleDoc("MIG164",
            "A target of the flow is in the checkout and has prerequisites: make runs its recipe only when a "
            "prerequisite is newer, and file times after a checkout are not something the trace can know.",
            "# Makefile   (app is committed)\napp: Dockerfile.build\n\tdocker build -t app-sdk -f Dockerfile.build .\n"
            "\tdocker cp x:/out/app app",
            "Mark the target .PHONY if the recipe should always run, or stop committing the file it makes."),
    RuleDoc("MIG165",
            "make is run with an option that changes whether or how recipes run (`-n`, `-t`, `-q`, `-e`, "
            "`--eval`, `--what-if`), with an option migrator does not know, or make runs make too deep: the "
            "trace would not follow what make does.",
            "# Makefile\nall:\n\t$(MAKE) -e image",
            "Drop the option (pass variables as `VAR=value` on the command line instead of -e), or call the "
            "target directly."),
    RuleDoc("MIG166",
            "`$(shell …)` runs docker while make reads the Makefile, before any recipe. Its output is only "
            "known when it runs, and the migration cannot remove or move it.",
            "# Makefile\nSDK_ID := $(shell docker build -q -f Dockerfile.build .)",
            "Run the docker command in a recipe, and tag the image instead of capturing its id "
            "(`docker build -t app-sdk …`)."),
    RuleDoc("MIG167",
            "GNU make itself would not read this Makefile (a missing separator, spaces instead of a tab before "
            "a recipe line, an `else` or `endif` without its conditional, an unterminated variable reference, "
            "a variable that refers to itself), or it stops on `$(error …)`. There is no working flow to "
            "migrate.",
            "# Makefile\nimage:\n\tdocker build -t app-sdk -f Dockerfile.build .\n    docker build -t app .   "
            "# spaces, not a tab",
            "Fix the Makefile so that `make` runs it, then migrate it."),
    RuleDoc("MIG168",
            "The migration must remove or move a command, but its text is shared with make text that stays: "
            "a make variable that also holds a command that stays, a pipeline of which only part goes, or a "
            "build arg whose value is a shell variable of another recipe line (make runs each line in its own "
            "shell, so the value would not reach the line it moves to).",
            "# Makefile\nimage:\n\tdocker build --build-arg V=$$(cat VERSION) -t app-sdk -f Dockerfile.build .\n"
            "\t…\n\tdocker build -t app .",
            "Write the extraction's commands on recipe lines of their own, with their values spelled out in the "
            "Makefile (`VERSION := 1.2` and `--build-arg V=$(VERSION)`)."),
    RuleDoc("MIG169",
            "After the rewrite, make would no longer read the Makefile. This is a bug in migrator: the rewrite "
            "must keep every Makefile valid, and it checks that before writing.",
            "# Makefile: any Makefile whose rewrite goes wrong",
            "Please report it with the Makefile (or a reduced copy). Nothing was written."),
    RuleDoc("MIG260",
            "`VAR ?= value` sets the variable only when the environment does not. migrator assumed it unset, "
            "so the default decided a path, image or tag of the flow.",
            "# Makefile\nIMG ?= app\nimage:\n\tdocker build -t $(IMG) .",
            "Check that the default is what your builds use; write `IMG := app` to silence it."),
    RuleDoc("MIG261",
            "A target is in the checkout and has no prerequisites, so make does not run its recipe, which "
            "runs docker. migrator did not trace that recipe; if your builds delete the file first, the recipe "
            "runs there and the migration did not see it.",
            "# Makefile   (tool is committed)\ntool:\n\tdocker run --rm -v $$PWD:/w app-sdk cp /out/tool /w/tool",
            "Nothing, if the committed file is what the build uses; otherwise mark the target .PHONY or stop "
            "committing the file, and migrate again."),
)
