"""Every refusal and warning the tool can emit: a stable code, a severity and the wording.

This table is the only home of that wording. The README lists every code (a test keeps the two
in step), and messages always read `CODE file:line: text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from migrator.source import Loc


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
        Rule("MIG115", _R, "the container runs `{command}` before the copy; files made at run time are not in the "
                           "image"),
        Rule("MIG116", _R, "ADD of the extracted {path} may unpack an archive; COPY --from never does"),
        Rule("MIG117", _R, "COPY source {source} {why}"),
        Rule("MIG118", _R, "{what} is not supported yet; the builder-pattern flow is not in a shell script"),
        Rule("MIG119", _R, "this build both consumes extracted files and is extracted from; chained builders are "
                           "not supported yet"),
        Rule("MIG120", _R, "{file} sets escape={escape}; only the default escape character is supported"),
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
        Rule("MIG135", _R, "docker {verb} with a bind mount or volume is not supported yet (files written when "
                           "the container runs): {text}"),
        Rule("MIG136", _R, "the output of docker run is captured on the host (run … cat/tar); not supported yet: "
                           "{text}"),
        Rule("MIG137", _R, "`{text}` does not name a source and a destination"),
        Rule("MIG138", _R, "`{text}` copies into a container; only copies out of one are migrated"),
        Rule("MIG139", _R, "`{text}` writes a tar stream to standard output; not supported yet"),
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
        Rule("MIG201", _W, "{file} is kept: it is still mentioned in {others}"),
        Rule("MIG202", _W, "assumes {names} unset in the environment (defaults used for {what})"),
        Rule("MIG203", _W, "ADD of the extracted {path} became COPY --from; it would have been unpacked had it been a "
                           "tar archive"),
        Rule("MIG204", _W, "the runtime's `# syntax={kept}` is kept; the builder's `# syntax={dropped}` is dropped"),
        Rule("MIG205", _W, "the builder uses {instruction}; BuildKit and the legacy builder treat it differently "
                           "(docker-semantics §2, §11)"),
        Rule("MIG207", _W, "this uses {what}, which the migration removes; it will no longer find it"),
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

    @property
    def severity(self) -> Severity:
        return RULES[self.code].severity

    def __str__(self) -> str:
        where = f" {self.loc}" if self.loc else ""
        return f"{self.code}{where}: {self.message}"


def finding(code: str, loc: Loc | None, **fields: object) -> Finding:
    """Fill the code's template; a missing field is a programming error and raises KeyError."""
    return Finding(code, loc, RULES[code].template.format(**fields))


class Refusal(Exception):
    """Raised inside the stages when a migration cannot be proven; caught once in pipeline.py."""

    def __init__(self, found: Finding):
        super().__init__(str(found))
        self.finding = found


def refuse(code: str, loc: Loc | None, **fields: object) -> Refusal:
    return Refusal(finding(code, loc, **fields))
