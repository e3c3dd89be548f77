"""Every refusal and warning the tool can emit: a stable code, a severity and the wording.

This table is the only home of that wording. The README lists every code (a test keeps the two
in step), and messages always read `CODE file:line: text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from migrator.source import Loc

if TYPE_CHECKING:
    from migrator.model import Flow


class Severity(Enum):
    REFUSE = "refuse"
    WARN = "warning"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    template: str


_R, _W = Severity.REFUSE, Severity.WARN

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("MIG101", _R, "bashlex cannot parse this statement and it touches {what}: {text}"),
        Rule("MIG102", _R, "{count} legacy build flows found; pick one: {flows}"),
        Rule("MIG103", _R, "{what} depends on {value}, which the script does not set"),
        Rule("MIG104", _R, "docker cp into {dest}: the result depends on host state the script does not establish "
                           "({why})"),
        Rule("MIG105", _R, "{src} {why}; the result differs for a file and a directory, and which one it is cannot be "
                           "told"),
        Rule("MIG106", _R, "the extracted {path} is used on the host by `{command}`; the round trip must stay"),
        Rule("MIG107", _R, "the extracted {path} is not used by any runtime build; it may be meant for the host"),
        Rule("MIG108", _R, "`{command}` runs only under a condition ({construct}); a merged Dockerfile cannot keep "
                           "that"),
        Rule("MIG109", _R, "`{text}` does not name exactly one build context"),
        Rule("MIG110", _R, "the builder ({builder}) and runtime ({runtime}) builds use different contexts"),
        Rule("MIG111", _R, "{file} applies to the build; merging .dockerignore files is not supported yet"),
        Rule("MIG112", _R, "build arg {name} is {first} for {first_file} but {second} for {second_file}"),
        Rule("MIG113", _R, "`{option}` on `docker {verb}` is not understood, so the migration cannot be proven"),
        Rule("MIG114", _R, "the builder image {image} is still used here after the migration would remove it"),
        Rule("MIG115", _R, "the container runs `{command}` in the background: docker cp may copy before it has "
                           "finished (`docker wait` for it first, or run it in the foreground)"),
        Rule("MIG116", _R, "ADD of the extracted {path} may unpack an archive; COPY --from never does"),
        Rule("MIG117", _R, "COPY source {source} {why}"),
        Rule("MIG118", _R, "{what} is no kind of file a front end reads (shell, make, Python, cmd, PowerShell)"),
        Rule("MIG119", _R, "this build both consumes extracted files and is extracted from; chained builders are "
                           "not supported yet"),
        Rule("MIG120", _R, "{file} sets escape={escape}; the escape character can only be \\ or `"),
        Rule("MIG121", _R, "the builder is built for {first} but the runtime for {second}"),
        Rule("MIG122", _R, "the legacy script fails here: {why}"),
        Rule("MIG123", _R, "cannot read {path}: {why}"),
        Rule("MIG124", _R, "container {container} is used by docker cp but was never created by the script"),
        Rule("MIG125", _R, "{path}, which `{command}` ({at}) wrote on the host, reaches the image; no build stage "
                           "has it"),
        Rule("MIG126", _R, "{path} reaches the image as the host left it, and no COPY can replay that: {why}"),
        Rule("MIG127", _R, "the builder sets a setuid/setgid bit (`{text}`); the legacy COPY from the build "
                           "context dropped such bits, COPY --from keeps them"),
        Rule("MIG128", _R, "`{command}` names extracted files through a glob ({path}); which ones cannot be told"),
        Rule("MIG129", _R, "{path} is an empty directory the host made ({at}); COPY --from cannot make it"),
        Rule("MIG131", _R, "the extracted {path} {what} a directory copied as part of {source}; COPY --from would "
                           "make it anew with mode 0755, where the legacy COPY kept the container's mode"),
        Rule("MIG133", _R, "the build context {context} is not a local directory (a URL, a git repository or "
                           "standard input)"),
        Rule("MIG134", _R, "`{text}` reads its Dockerfile from standard input"),
        Rule("MIG136", _R, "the output of docker run is kept on the host, and only `cat PATH > FILE` (one "
                           "absolute path, into one file) is followed: {text}"),
        Rule("MIG137", _R, "`{text}` does not name a source and a destination"),
        Rule("MIG138", _R, "`{text}` copies into a container; only copies out of one are migrated"),
        Rule("MIG139", _R, "`{text}` writes a tar stream to standard output, and only `| tar -x` unpacking it "
                           "is followed"),
        Rule("MIG140", _R, "`{text}` exports a whole container filesystem; not supported yet"),
        Rule("MIG141", _R, "`{text}` calls functions more than {depth} deep (recursion is not traced)"),
        Rule("MIG142", _R, "`{text}` evaluates a docker command built at run time"),
        Rule("MIG143", _R, "more than one image ({first}, {second}) is built from the extracted files"),
        Rule("MIG144", _R, "{what} {path} is outside the repository"),
        Rule("MIG145", _R, "a second builder refers to its stages by number; the numbers shift when merged"),
        Rule("MIG146", _R, "RUN --mount from a numbered stage; the numbers shift when builder stages come first"),
        Rule("MIG147", _R, "{command} runs both for the extraction and for something that stays (a function or "
                           "loop shared by both)"),
        Rule("MIG148", _R, "{what} together with others"),
        Rule("MIG149", _R, "the builder and the runtime are both built from {path}"),
        Rule("MIG150", _R, "the container's image {image} is not built from --builder {builder}"),
        Rule("MIG152", _R, "`{command}` runs {path}, which the flow is already running, or files nest too deep; "
                           "the flow is not followed"),
        Rule("MIG151", _R, "{path} is {size} bytes; a build script over {limit} bytes is not read"),
        Rule("MIG132", _R, "the rewritten script would no longer parse here (`{text}`); this is a bug in migrator, "
                           "please report it"),
        Rule("MIG130", _R, "podman resolves the container path {path} against the container's working directory; "
                           "write it from /"),
        Rule("MIG600", _R, "`{option}` on the command that made the copied files cannot be replayed as RUN: {why}"),
        Rule("MIG601", _R, "{words} in the container's command are only known when the script runs; a RUN must "
                           "spell the command out"),
        Rule("MIG602", _R, "what a container of {image} runs is not known here ({what} set neither in the "
                           "Dockerfile nor by an official image the migrator knows): set it in the Dockerfile, or "
                           "run the container with --entrypoint"),
        Rule("MIG603", _R, "{image} declares VOLUME {paths}: the classic builder and buildah drop what a RUN writes "
                           "there, while docker cp read it from the container"),
        Rule("MIG604", _R, "`{setting}` cannot be carried into the merged build: {why}"),
        Rule("MIG605", _R, "`{option}` given to one command in the container would have to be undone for the "
                           "commands after it; not supported"),
        Rule("MIG606", _R, "the mount `{mount}` cannot be made by a build: {why}"),
        Rule("MIG607", _R, "the mount `{mount}` hands the container the engine itself: what it builds is not a "
                           "file a RUN can make"),
        Rule("MIG608", _R, "the mount showed the command every file of {directory}; the COPY that replaces it "
                           "leaves out {file}, which {ignore} excludes"),
        Rule("MIG610", _R, "host commands on the extracted files must run again in a stage derived from {image}, "
                           "which has no `{program}`"),
        Rule("MIG611", _R, "{path} was changed on the host by commands a Windows image cannot run again"),
        Rule("MIG612", _R, "ADD of {path} unpacks {archive}, whose `.` entry gives its mode and owner to the "
                           "destination itself; COPY --from cannot set those"),
        Rule("MIG613", _R, "ADD of {path} unpacks an archive with {flags}; whether those reach the unpacked files "
                           "differs between builders"),
        Rule("MIG614", _R, "the archive must be unpacked in a stage derived from {image}, whose busybox tar does not "
                           "give the symlinks it unpacks their owners as ADD does"),
        Rule("MIG500", _R, "`{text}` is false on a clean checkout and tests {paths}, which the migration removes; "
                           "the rewritten script would take the other way"),
        Rule("MIG501", _R, "COPY {source} reads {path}, which is not in the repository: the legacy build saw "
                           "whatever an earlier run had left there, and no build stage has that"),
        Rule("MIG502", _R, "{ignore} hides {path} from the runtime build's context: the legacy COPY never saw it "
                           "(it failed, or left it out), so the legacy flow never worked as written"),
        Rule("MIG503", _R, "{ignore} may hide files below {path} from the runtime build's context; which ones the "
                           "legacy COPY left out depends on what is there, and the merged build does not read them "
                           "through it"),
        Rule("MIG504", _R, "the builder reads its context through {builder}, the runtime through {runtime}; the "
                           "merged build reads every stage's context through the runtime's"),
        Rule("MIG505", _R, "{dockerfile} was built at {first}; this build of it differs ({why}), and the merged "
                           "Dockerfile cannot stand for both"),
        Rule("MIG506", _R, "the runtime Dockerfile is built again here; the builder's build args ({args}) would have "
                           "to be added to every build of it, which is not supported yet"),
        Rule("MIG160", _R, "`{text}` cannot be decided ({why}), and it decides {what}"),
        Rule("MIG161", _R, "{construct} is not supported here, and the flow depends on it: `{text}`"),
        Rule("MIG162", _R, "no rule makes {target} ({needed}) and it is not in the checkout: make would stop here"),
        Rule("MIG163", _R, "the pattern rule {rule} may make {target}; whether it does depends on files the trace "
                           "cannot compare"),
        Rule("MIG164", _R, "{target} is in the checkout: whether make makes it again depends on file times "
                           "(prerequisites {prerequisites})"),
        Rule("MIG165", _R, "`{text}`: {why}, so the trace cannot follow this make"),
        Rule("MIG166", _R, "`$(shell {text})` runs docker while make reads the Makefile; not supported"),
        Rule("MIG167", _R, "make cannot read this Makefile here: {why}"),
        Rule("MIG168", _R, "`{command}` cannot be removed alone: it is part of {what}"),
        Rule("MIG169", _R, "the rewritten Makefile would no longer read here (`{text}`); this is a bug in migrator, "
                           "please report it"),
        Rule("MIG300", _R, "cannot write {path}: {why}; nothing was written"),
        Rule("MIG190", _R, "`{text}` jumps with goto and {why}; which commands run cannot be traced"),
        Rule("MIG191", _R, "{first} and {second} differ only by case; on Windows they are one path, and the trace "
                           "cannot tell which one the flow means"),
        Rule("MIG192", _R, "on Windows `{arg}` is a path on drive {drive}:, not a path in a container named "
                           "{drive}; docker cp would copy between two host paths"),
        Rule("MIG193", _R, "`{text}` is not traced ({why})"),
        Rule("MIG194", _R, "`{text}` runs inside `try`: whether a failing native command reaches `catch` depends on "
                           "the PowerShell version ($PSNativeCommandUseErrorActionPreference, 7.3+), so which "
                           "commands run cannot be told"),
        Rule("MIG195", _R, "the builder ({builder}) builds a {first} image but the runtime ({runtime}) a {second} one; "
                           "one build cannot hold both"),
        Rule("MIG196", _R, "{file} sets the backtick escape of Windows Dockerfiles, but its base image cannot be told; "
                           "whether COPY may take --chown cannot be decided"),
        Rule("MIG197", _R, "{file} sets escape={escape} but {other} escape={other_escape}; the merged Dockerfile has "
                           "one escape character"),
        Rule("MIG198", _R, "{path} keeps the name the host gave it only through a FROM scratch stage, which a Windows "
                           "image cannot have"),
        Rule("MIG199", _R, "{path} gets mode {mode} on the host, which a Windows image cannot keep (COPY --chmod does "
                           "not exist there)"),
        Rule("MIG290", _W, "the legacy flow ran on Windows, whose build context keeps no Unix modes (files reached "
                           "the image as 0755 or 0666, depending on the Docker client); COPY --from keeps the modes "
                           "the builder made"),
        Rule("MIG180", _R, "{path} is not valid Python ({why}); a build script must run to be migrated"),
        Rule("MIG181", _R, "`{text}` uses the Docker SDK for Python; only docker commands run through subprocess or "
                           "os.system are traced"),
        Rule("MIG182", _R, "the trace does not follow this {construct} and it touches {what}: {text}"),
        Rule("MIG183", _R, "`{text}` runs {what} whose arguments the trace cannot read: {why}"),
        Rule("MIG184", _R, "`{text}` must change with the migration, and the Python around it cannot be rewritten "
                           "for that: {why}"),
        Rule("MIG185", _R, "`{name}` is set by a statement the migration removes, and the script still reads it"),
        Rule("MIG186", _R, "the runtime build cannot get the builder's build arg `{flag}` in Python: {why}"),
        Rule("MIG187", _R, "the rewritten Python would not compile ({why}); this is a bug in migrator, please report "
                           "it"),
        Rule("MIG170", _R, "cannot read {path} as YAML: {problem}"),
        Rule("MIG171", _R, "{what} runs the job several times ({values}); which run's image to keep cannot be told"),
        Rule("MIG172", _R, "`{expression}` cannot be resolved: {why}"),
        Rule("MIG173", _R, "{what} is not supported yet in a CI file"),
        Rule("MIG174", _R, "{path} {problem}; pick a job with --script: {jobs}"),
        Rule("MIG175", _R, "{what} is shared {how}; editing it would change every job that runs it"),
        Rule("MIG176", _R, "{path} cannot be rewritten in place here ({why}); this is a bug in migrator, please "
                           "report it"),
        Rule("MIG177", _R, "`{command}` runs {path}, which reads {names} that the CI file sets; its trace would not "
                           "see them"),
        Rule("MIG178", _R, "{path} describes the builder pattern to its CI service (compile {compile}, extract "
                           "{paths}, package {package}); where the service puts the extracted files, with which "
                           "owner and mode, is not known exactly enough to merge them"),
        Rule("MIG179", _R, "the migration would leave {what} empty, and {service} needs it"),
        Rule("MIG620", _R, "`{text}` prints the artifact into a file, but {why}"),
        Rule("MIG621", _R, "`{text}` runs {argv} in the container ({why}), not `cat` of the file alone: what it "
                           "printed is not the file"),
        Rule("MIG622", _R, "`{text}` unpacks the stream of docker cp, but {why}; only `tar -x [-C DIR] "
                           "[--strip-components=1]` is followed"),
        Rule("MIG201", _W, "{file} is kept: it is still mentioned in {others}"),
        Rule("MIG202", _W, "assumes {names} unset in the environment (defaults used for {what})"),
        Rule("MIG203", _W, "ADD of the extracted {path} became COPY --from; it would have been unpacked had it been a "
                           "tar archive"),
        Rule("MIG204", _W, "the runtime's `# syntax={kept}` is kept; the builder's `# syntax={dropped}` is dropped"),
        Rule("MIG205", _W, "the builder uses {instruction}; BuildKit and the legacy builder treat it differently "
                           "(docker-semantics §2, §11)"),
        Rule("MIG630", _W, "the legacy script went on if `{command}` failed (no `set -e`); the merged build stops "
                           "there"),
        Rule("MIG631", _W, "what the container ran is replayed as RUN in a stage derived from {stage}; a "
                           "setuid/setgid bit it sets is now kept, where the legacy COPY from the build context "
                           "dropped it (`migrate verify` shows any)"),
        Rule("MIG632", _W, "assumes {image} declares no VOLUME where the command writes (its Dockerfile is not "
                           "known here)"),
        Rule("MIG633", _W, "`{command}` ran a throwaway container of the builder image; it goes with that image (add "
                           "a RUN to the builder stage to keep the check)"),
        Rule("MIG634", _W, "the mounted directory held {files} as the legacy flow had them; the COPY that "
                           "replaces the mount copies them as migrated"),
        Rule("MIG640", _W, "assumes the host's umask is 022: the shell made {target} with mode {mode}, which the "
                           "merged COPY sets"),
        Rule("MIG635", _W, "the host ran {commands} on extracted files; they run again in stage {stage}, derived "
                           "from {base}, as root with umask 022 (the host's umask is assumed to be 022)"),
        Rule("MIG636", _W, "assumes {image} has `{program}`: a stage derived from it runs it (the merged build "
                           "fails where it does not)"),
        Rule("MIG207", _W, "this uses {what}, which the migration removes; it will no longer find it"),
        Rule("MIG520", _W, "`{text}` decided whether the builder flow runs; it is {verdict} on a clean checkout, so "
                           "the flow ran, and the merged build always builds it: an existing {paths} is no longer "
                           "reused"),
        Rule("MIG521", _W, "docker cp writes into {path}, which is not in the repository (git-ignored?): the "
                           "legacy flow only worked where it was there already; the merged build does not need it"),
        Rule("MIG260", _W, "`{name} ?= …` assumes {name} is unset in the environment"),
        Rule("MIG261", _W, "{target} is in the checkout, so make does not run its recipe; it was not traced"),
        Rule("MIG270", _W, "the step {step} is not traced ({why}); it is assumed to change no file the flow uses"),
        Rule("MIG271", _W, "Travis runs the default `{phase}` of `language: {language}` here; it is neither traced "
                           "nor run by verify"),
        Rule("MIG206", _W, "`{keyword}` copies {files} into the image; the migration rewrites or deletes them, so the "
                           "image holds the new versions"),
    )
}


@dataclass(frozen=True)
class Finding:
    code: str
    loc: Loc | None
    message: str
    accepted: bool = False  # a refusal the repository's configuration accepts: reported as a warning

    @property
    def severity(self) -> Severity:
        return Severity.WARN if self.accepted else RULES[self.code].severity

    def __str__(self) -> str:
        where = f" {self.loc}" if self.loc else ""
        return f"{self.code}{where}: {self.message}" + (" (accepted)" if self.accepted else "")


def finding(code: str, loc: Loc | None, **fields: object) -> Finding:
    """Fill the code's template; a missing field is a programming error and raises KeyError."""
    return Finding(code, loc, RULES[code].template.format(**fields))


class Refusal(Exception):
    """Raised inside the stages when a migration cannot be proven; caught once in pipeline.py."""

    def __init__(self, found: Finding):
        super().__init__(str(found))
        self.finding = found
        self.traced: Flow | None = None  # what the trace had found when it refused, for explain


def refuse(code: str, loc: Loc | None, **fields: object) -> Refusal:
    return Refusal(finding(code, loc, **fields))
