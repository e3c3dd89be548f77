"""Flow + parsed Dockerfiles -> Plan: which builds are builders and which is the runtime, stage
names, how each COPY/ADD of an extracted artifact becomes COPY --from, build args, and what the
script loses. Pure: every input is a value; a refusal is raised as Refusal."""

from __future__ import annotations

import fnmatch
import posixpath
import re
from dataclasses import dataclass

from migrator.findings import Finding, finding, refuse
from migrator.model import ArtifactMove, BuildArg, Flow, HostArtifact, ImageBuild, Loc, RepoTree, Span
from migrator.parse.dockerfile import Dockerfile, Instruction
from migrator.stages import Stage, global_args, stage_chain, stage_name_from_tag, stages_of, unique_name
from migrator.trace.docker import normalize_image

_ARCHIVE_SUFFIXES = (".tar", ".tgz", ".tar.gz", ".gz", ".tbz", ".tbz2", ".tar.bz2", ".bz2", ".txz", ".tar.xz",
                     ".xz", ".zst", ".tar.zst", ".tzst")
_ROOT_USERS = {"root", "0", "root:root", "0:0", "root:0", "0:root"}
_VAR = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")


@dataclass(frozen=True)
class BuilderPlan:
    build: ImageBuild
    dockerfile: Dockerfile
    stage_names: dict[int, str]  # stage index -> name it gets in the merged file (new or renamed)
    renamed: dict[str, str]  # old stage name -> new, for references inside the builder file
    final_stage: str


@dataclass(frozen=True)
class CopyFrom:
    source_ref: str  # stage name, or an image reference for a container of an image not built here
    container_path: str
    dest: str
    flags: tuple[str, ...]  # --chown/--chmod/--link carried over, --chown=0:0 added where needed


@dataclass(frozen=True)
class CopyRewrite:
    index: int  # instruction index in the runtime Dockerfile
    keep: tuple[str, ...] | None  # context sources the original keeps; None: the original goes
    copies: tuple[CopyFrom, ...]


@dataclass(frozen=True)
class Plan:
    script: str
    builders: tuple[BuilderPlan, ...]
    runtime: ImageBuild
    runtime_file: Dockerfile
    copy_rewrites: tuple[CopyRewrite, ...]
    ref_rewrites: dict[int, dict[str, str]]  # runtime instruction index -> {old ref: new stage name}
    runtime_stage_names: dict[int, str]  # runtime stages that must be named (numeric --from)
    removed_spans: frozenset[Span]
    drop_no_cache: Span | None
    carried_args: tuple[str, ...]  # builder --build-arg flags the runtime build now passes
    delete_files: tuple[str, ...]
    kept_builder_files: tuple[str, ...]
    artifacts: tuple[ArtifactMove, ...]
    warnings: tuple[Finding, ...]


@dataclass(frozen=True)
class PlanInputs:
    flow: Flow
    dockerfiles: dict[str, Dockerfile]  # every Dockerfile the flow builds, by repo-relative path
    tree: RepoTree
    references: dict[str, tuple[str, ...]]  # builder file -> other repo files that mention it
    builder_override: str | None = None
    runtime_override: str | None = None


def plan_migration(inputs: PlanInputs) -> Plan:
    flow = inputs.flow
    containers = {c.key: c for c in flow.containers}
    builder_builds = _builder_builds(flow, containers, inputs.builder_override)
    for build in builder_builds.values():
        if build is not None:
            _check_builder(build, inputs)
    runtime = _runtime_build(flow, builder_builds, inputs)
    runtime_file = inputs.dockerfiles[runtime.dockerfile]
    _check_contexts(runtime, builder_builds.values(), inputs.tree)
    for build in builder_builds.values():
        if build is not None:
            _check_platform(build, runtime)
    warnings: list[Finding] = list(flow.warnings)

    taken = {s.name for s in stages_of(runtime_file) if s.name}
    builders: dict[ImageBuild, BuilderPlan] = {}
    for build in builder_builds.values():
        if build is not None and build not in builders:
            builders[build] = _name_builder_stages(build, inputs.dockerfiles[build.dockerfile], taken, runtime_file)
            warnings.extend(_builder_warnings(builders[build]))

    for plan in list(builders.values())[1:]:  # its stage numbers shift behind the first builder's
        numbered = next((i for i in plan.dockerfile.instructions if re.search(r"\bfrom=\d+\b", i.value)), None)
        if numbered is not None:
            raise refuse("MIG119", Loc(plan.dockerfile.path, numbered.start + 1),
                         why="a second builder refers to a stage by number; the numbers shift when merged")

    source_refs: dict[str, str] = {}  # container key -> stage name or image ref
    chown_needed: dict[str, bool] = {}
    for key, build in builder_builds.items():
        plan = builders.get(build) if build else None
        source_refs[key] = plan.final_stage if plan else containers[key].image
        chown_needed[key] = _builder_may_own_files(plan) if plan else True

    copy_rewrites, moves, consumed, add_warnings = _rewrite_copies(runtime, runtime_file, source_refs, chown_needed,
                                                                   inputs)
    warnings.extend(add_warnings)
    for artifact in runtime.artifacts:
        if artifact.host_path not in consumed:
            raise refuse("MIG107", artifact.extracted_at, path=artifact.host_path)
    _check_never_consumed(flow, runtime)

    ref_rewrites, runtime_stage_names = _rewrite_references(runtime_file, builders.values(), taken)
    _check_global_args(runtime_file, builders.values())
    carried = _carry_build_args(runtime, runtime_file, builders.values(), inputs.dockerfiles)
    syntax_warning = _syntax_warning(runtime_file, builders.values())
    if syntax_warning:
        warnings.append(syntax_warning)

    removed = _removed_spans(flow, builder_builds, containers, runtime)
    delete, kept = _builder_files(builders.values(), runtime, flow, inputs)
    for path in kept:
        others = ", ".join(inputs.references.get(path, ())) or "another docker build in the script"
        warnings.append(finding("MIG201", Loc(path, 1), file=path, others=others))
    builder_no_cache = any(b.no_cache for b in builders)
    return Plan(
        script=flow.script,
        builders=tuple(builders.values()),
        runtime=runtime,
        runtime_file=runtime_file,
        copy_rewrites=tuple(copy_rewrites),
        ref_rewrites=ref_rewrites,
        runtime_stage_names=runtime_stage_names,
        removed_spans=removed,
        drop_no_cache=None if builder_no_cache else runtime.no_cache,
        carried_args=carried,
        delete_files=delete,
        kept_builder_files=kept,
        artifacts=tuple(moves),
        warnings=tuple(warnings),
    )


# --- roles ---------------------------------------------------------------------------------

def _builder_builds(flow: Flow, containers: dict, override: str | None) -> dict[str, ImageBuild | None]:
    """Container key -> the build that made its image (None: an image the script does not build)."""
    out: dict[str, ImageBuild | None] = {}
    for extraction in flow.extractions:
        container = containers[extraction.container]
        made = [b for b in flow.builds if container.image in b.tags and b.loc.line <= container.loc.line] or [
            b for b in flow.builds if container.image in b.tags]
        if override is not None:
            made = [b for b in made if b.dockerfile == override]
            if not made:
                raise refuse("MIG119", container.loc, why=f"the container's image {container.image} is not built "
                             f"from --builder {override}")
        if container.condition:
            raise refuse("MIG108", container.loc, command=f"docker create {container.image}",
                         construct=container.condition)
        if not made:
            if "$" in container.image or "<container" in container.image:
                raise refuse("MIG103", container.loc, what="the image of the container", value=container.image)
            out[extraction.container] = None
        else:
            out[extraction.container] = made[-1]
    return out


def _check_platform(build: ImageBuild, runtime: ImageBuild) -> None:
    """One merged build runs every stage for the runtime's platform (docker-semantics §6)."""
    if build.platform is not None and build.platform != runtime.platform:
        raise refuse("MIG121", build.loc, first=build.platform, second=runtime.platform or "the default platform")


def _check_builder(build: ImageBuild, inputs: PlanInputs) -> None:
    if build.condition:
        raise refuse("MIG108", build.loc, command="docker build", construct=build.condition)
    if build.unsupported_options:
        raise refuse("MIG113", build.loc, option=build.unsupported_options[0], verb="build")
    if build.dockerfile not in inputs.dockerfiles:
        raise refuse("MIG123", build.loc, path=build.dockerfile, why="no such file in the repository")


def _runtime_build(flow: Flow, builder_builds: dict, inputs: PlanInputs) -> ImageBuild:
    builders = {b for b in builder_builds.values() if b is not None}
    candidates = [b for b in flow.builds if b.artifacts and b not in builders]
    if inputs.runtime_override is not None:
        candidates = [b for b in candidates if b.dockerfile == inputs.runtime_override]
    consuming = [b for b in candidates if b.dockerfile in inputs.dockerfiles and _reads_artifacts(b, inputs)]
    chained = next((b for b in builders if b.artifacts and _reads_artifacts(b, inputs)), None)
    if chained is not None:
        raise refuse("MIG119", chained.loc, why="this build both consumes extracted files and is extracted from "
                     "(chained builders are not supported yet)")
    if len(consuming) > 1:
        raise refuse("MIG119", consuming[1].loc, why=f"more than one image ({consuming[0].loc}, {consuming[1].loc}) "
                     "is built from the extracted files")
    if not consuming:
        for b in candidates:
            if b.dockerfile not in inputs.dockerfiles:
                raise refuse("MIG123", b.loc, path=b.dockerfile, why="no such file in the repository")
        first = flow.extractions[0]
        raise refuse("MIG107", first.loc, path=first.artifact.host_path)
    runtime = consuming[0]
    if runtime.condition:
        raise refuse("MIG108", runtime.loc, command="docker build", construct=runtime.condition)
    return runtime


def _reads_artifacts(build: ImageBuild, inputs: PlanInputs) -> bool:
    dockerfile = inputs.dockerfiles[build.dockerfile]
    for ins in dockerfile.instructions:
        if ins.cmd in ("COPY", "ADD") and ins.flag("from") is None and len(ins.args) >= 2:
            for source in ins.args[:-1]:
                host = _context_path(build.context, source)
                if any(_related(host, a.host_path) for a in build.artifacts):
                    return True
    return False


def _check_contexts(runtime: ImageBuild, builders, tree: RepoTree) -> None:
    for build in (b for b in builders if b is not None):
        if build.context != runtime.context:
            raise refuse("MIG110", build.loc, builder=build.context, runtime=runtime.context)
    for build in [runtime, *(b for b in builders if b is not None)]:
        for ignore in (posixpath.join(build.context, ".dockerignore"), build.dockerfile + ".dockerignore"):
            if posixpath.normpath(ignore) in tree.files:
                raise refuse("MIG111", build.loc, file=posixpath.normpath(ignore))


def _check_never_consumed(flow: Flow, runtime: ImageBuild) -> None:
    """An extraction none of whose files reach the runtime build is for the host, not the image."""
    for extraction in flow.extractions:
        root = extraction.container_path.rstrip("/") + "/"
        if not any(a.container == extraction.container and (a.container_path + "/").startswith(root)
                   for a in runtime.artifacts):
            raise refuse("MIG107", extraction.loc, path=extraction.artifact.host_path)


# --- stages --------------------------------------------------------------------------------

def _name_builder_stages(build: ImageBuild, dockerfile: Dockerfile, taken: set[str], runtime_file: Dockerfile) -> BuilderPlan:
    if dockerfile.directive("escape") not in (None, "\\"):
        raise refuse("MIG120", Loc(dockerfile.path, 1), file=dockerfile.path, escape=dockerfile.directive("escape"))
    stages = stages_of(dockerfile)
    if not stages:
        raise refuse("MIG123", build.loc, path=build.dockerfile, why="it has no FROM instruction")
    image_refs = _image_refs(runtime_file) | _image_refs(dockerfile)
    renamed: dict[str, str] = {}
    names: dict[int, str] = {}
    for stage in stages:
        if stage.name and (stage.name in taken or stage.name in image_refs):
            new = unique_name(stage.name, taken | image_refs | {s.name for s in stages if s.name})
            renamed[stage.name] = new
            names[stage.index] = new
    final = _target_stage(build, stages)
    if final.name is None:
        derived = stage_name_from_tag(build.tags[0] if build.tags else None)
        names[final.index] = unique_name(derived, taken | image_refs | {s.name for s in stages if s.name})
    final_name = names.get(final.index) or final.name
    taken.update(s.name for s in stages if s.name)
    taken.update(names.values())
    return BuilderPlan(build, dockerfile, names, renamed, final_name)


def _target_stage(build: ImageBuild, stages: list[Stage]) -> Stage:
    if build.target is None:
        return stages[-1]
    for stage in stages:
        if stage.name == build.target.lower():
            return stage
    raise refuse("MIG122", build.loc, why=f"--target {build.target} names no stage of {build.dockerfile}")


def _image_refs(dockerfile: Dockerfile) -> set[str]:
    refs = set()
    for ins in dockerfile.instructions:
        if ins.cmd == "FROM" and ins.args:
            refs.add(ins.args[0].lower())
        if ins.flag("from"):
            refs.add(ins.flag("from").lower())
    return refs


def _builder_may_own_files(plan: BuilderPlan) -> bool:
    """Could the extracted files belong to someone other than root in the builder stage?
    COPY --from keeps their owner; the legacy host round trip made them 0:0 (docker-semantics §12)."""
    stages = stages_of(plan.dockerfile)
    final = _target_stage(plan.build, stages)
    for stage in stage_chain(stages, final):
        for i in stage.instructions:
            ins = plan.dockerfile.instructions[i]
            if ins.cmd == "USER" and ins.args and ins.args[0].lower() not in _ROOT_USERS:
                return True
            if ins.cmd in ("COPY", "ADD") and ins.flag("chown") is not None:
                return True
    return False


def _builder_warnings(plan: BuilderPlan) -> list[Finding]:
    warnings = []
    for ins in plan.dockerfile.instructions:
        if ins.cmd in ("VOLUME", "ONBUILD"):
            warnings.append(finding("MIG205", Loc(plan.dockerfile.path, ins.start + 1), instruction=ins.cmd))
    return warnings


# --- COPY / ADD ----------------------------------------------------------------------------

def _context_path(context: str, source: str) -> str:
    """Where a COPY source lies on the host: leading / and ../ are stripped (docker-semantics §3)."""
    cleaned = posixpath.normpath("/" + source.strip()).lstrip("/")
    return posixpath.normpath(posixpath.join(context, cleaned or "."))


def _related(a: str, b: str) -> bool:
    return a == b or a == "." or b.startswith(a + "/") or a.startswith(b + "/")


def _rewrite_copies(runtime: ImageBuild, dockerfile: Dockerfile, source_refs: dict[str, str],
                    chown_needed: dict[str, bool], inputs: PlanInputs):
    if dockerfile.directive("escape") not in (None, "\\"):
        raise refuse("MIG120", Loc(dockerfile.path, 1), file=dockerfile.path, escape=dockerfile.directive("escape"))
    rewrites, moves, consumed, warnings = [], [], set(), []
    arg_values = _arg_values(runtime, dockerfile)
    for index, ins in enumerate(dockerfile.instructions):
        if ins.cmd not in ("COPY", "ADD") or ins.flag("from") is not None or len(ins.args) < 2:
            continue
        loc = Loc(dockerfile.path, ins.start + 1)
        sources, dest = ins.args[:-1], ins.args[-1]
        dir_dest = dest.endswith("/") or len(sources) > 1
        keep, copies = [], []
        for source in sources:
            if "://" in source:
                keep.append(source)
                continue
            resolved = _substitute_args(source, arg_values, loc, runtime.artifacts)
            host = _context_path(runtime.context, resolved)
            if any(c in resolved for c in "*?["):
                hit = [a for a in runtime.artifacts if fnmatch.fnmatchcase(a.host_path, host)
                       or _related(a.host_path, host.split("*")[0].rstrip("/") or ".")]
                if hit:
                    raise refuse("MIG117", loc, source=source, why=f"is a wildcard over the extracted {hit[0].host_path}")
                keep.append(source)
                continue
            related = [a for a in runtime.artifacts if _related(host, a.host_path)]
            if not related:
                keep.append(source)
                continue
            if ins.flag("parents") is not None or ins.flag("exclude") is not None:
                raise refuse("MIG117", loc, source=source, why="uses --parents or --exclude over an extracted artifact")
            stays = _stays_in_context(host, related, inputs.tree)
            if stays:
                keep.append(source)
            for artifact in related:
                copy = _copy_for(artifact, host, dest, dir_dest, ins, source_refs, chown_needed, loc, inputs.tree)
                copies.append(copy)
                consumed.add(artifact.host_path)
                moves.append(ArtifactMove(copy.container_path, copy.source_ref, artifact.host_path,
                                          artifact.extracted_at, _describe(copy), loc))
                if ins.cmd == "ADD":
                    if artifact.host_path.endswith(_ARCHIVE_SUFFIXES) or copy.container_path.endswith(_ARCHIVE_SUFFIXES):
                        raise refuse("MIG116", loc, path=artifact.host_path)
                    warnings.append(finding("MIG203", loc, path=artifact.host_path))
        if copies:
            rewrites.append(CopyRewrite(index, tuple(keep) if keep else None, tuple(copies)))
    return rewrites, moves, consumed, warnings


def _stays_in_context(host: str, related: list[HostArtifact], tree: RepoTree) -> bool:
    """Does the COPY source still hold repository files once the artifacts no longer land there?"""
    if any(host == a.host_path and not a.merged for a in related):
        return False
    if any(host.startswith(a.host_path + "/") for a in related):
        return False  # a path inside an extracted directory
    if host == "." or tree.is_dir(host):
        return True
    return host in tree.files


def _copy_for(artifact: HostArtifact, host: str, dest: str, dir_dest: bool, ins: Instruction,
              source_refs: dict[str, str], chown_needed: dict[str, bool], loc: Loc, tree: RepoTree) -> CopyFrom:
    if host == artifact.host_path:
        container_path = artifact.container_path
        renamed = posixpath.basename(host) != posixpath.basename(container_path)
        if dir_dest and renamed and not artifact.known_dir:
            raise refuse("MIG105", loc, src=container_path,
                         why=f"was renamed to {host} on the host and `{ins.keyword} … {dest}` copies it into a directory")
        new_dest = dest
    elif host.startswith(artifact.host_path + "/"):
        below = posixpath.relpath(host, artifact.host_path)
        if artifact.merged and (host in tree.files or tree.is_dir(host)):
            raise refuse("MIG119", loc, why=f"{host} could come from the repository or from the extraction into "
                         f"{artifact.host_path}")
        container_path = posixpath.join(artifact.container_path, below)
        renamed = posixpath.basename(host) != posixpath.basename(container_path)
        new_dest = dest
        if dir_dest and renamed:
            raise refuse("MIG105", loc, src=container_path,
                         why=f"was renamed to {host} on the host and `{ins.keyword} … {dest}` copies it into a directory")
    else:  # the source is a directory that swallowed the artifact: COPY copies that directory's contents
        below = posixpath.relpath(artifact.host_path, host)
        container_path = artifact.container_path
        new_dest = below if dest in (".", "./") else posixpath.join(dest, below)
        if dest.startswith("./") and not new_dest.startswith("./"):
            new_dest = "./" + new_dest
    if new_dest == ".":
        new_dest = "./"  # the same directory (WORKDIR), spelled so that it reads as one
    flags = [f for f in ins.flags if f.split("=", 1)[0].lower() in ("--chown", "--chmod", "--link")]
    if chown_needed[artifact.container] and ins.flag("chown") is None:
        flags.insert(0, "--chown=0:0")
    return CopyFrom(source_refs[artifact.container], container_path, new_dest, tuple(flags))


def _describe(copy: CopyFrom) -> str:
    flags = " ".join(copy.flags)
    return f"COPY --from={copy.source_ref}{' ' + flags if flags else ''} {copy.container_path} {copy.dest}"


def _arg_values(runtime: ImageBuild, dockerfile: Dockerfile) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    for ins in dockerfile.instructions:
        if ins.cmd in ("ARG", "ENV"):
            for arg in ins.args:
                name, eq, default = arg.partition("=")
                values[name] = default.strip("\"'") if eq else values.get(name)
    for arg in runtime.build_args:
        values[arg.name] = arg.value if arg.value is not None and "$" not in arg.value else None
    return values


def _substitute_args(source: str, values: dict[str, str | None], loc: Loc, artifacts) -> str:
    def replace(match: re.Match) -> str:
        name = match.group(1) or match.group(2)
        value = values.get(name)
        if value is None:
            raise refuse("MIG117", loc, source=source, why=f"depends on ${name}, whose value the build does not fix")
        return value
    if "$" not in source:
        return source
    return _VAR.sub(replace, source) if artifacts else source


# --- references, args, directives ------------------------------------------------------------

def _rewrite_references(runtime_file: Dockerfile, builders, taken: set[str]):
    """FROM/COPY --from naming a builder tag -> its stage; numeric --from=N -> a stage name."""
    tag_to_stage = {}
    for plan in builders:
        for tag in plan.build.tags:
            tag_to_stage[tag] = plan.final_stage
    stages = stages_of(runtime_file)
    names: dict[int, str] = {}
    rewrites: dict[int, dict[str, str]] = {}
    for index, ins in enumerate(runtime_file.instructions):
        refs = {}
        if ins.cmd == "FROM" and ins.args and normalize_image(ins.args[0]) in tag_to_stage:
            refs[ins.args[0]] = tag_to_stage[normalize_image(ins.args[0])]
        source = ins.flag("from")
        if source is not None:
            if source.isdigit() and int(source) < len(stages):
                stage = stages[int(source)]
                if stage.name is None:
                    names.setdefault(stage.index, unique_name(f"stage-{stage.index}", taken))
                    taken.add(names[stage.index])
                refs[source] = stage.name or names[stage.index]
            elif normalize_image(source) in tag_to_stage:
                refs[source] = tag_to_stage[normalize_image(source)]
        if ins.cmd == "RUN" and re.search(r"--mount=\S*\bfrom=\d+\b", ins.value):
            raise refuse("MIG119", Loc(runtime_file.path, ins.start + 1),
                         why="RUN --mount from a numbered stage; the numbers shift when builder stages come first")
        if refs:
            rewrites[index] = refs
    return rewrites, names


def _arg_defaults(dockerfile: Dockerfile, only_global: bool) -> dict[str, str | None]:
    indices = global_args(dockerfile) if only_global else [
        i for i, ins in enumerate(dockerfile.instructions) if ins.cmd == "ARG"]
    out = {}
    for i in indices:
        for arg in dockerfile.instructions[i].args:
            name, eq, default = arg.partition("=")
            out[name] = default if eq else None
    return out


def _check_global_args(runtime_file: Dockerfile, builders) -> None:
    runtime_globals = _arg_defaults(runtime_file, only_global=True)
    for plan in builders:
        for name, default in _arg_defaults(plan.dockerfile, only_global=True).items():
            if name in runtime_globals and runtime_globals[name] != default:
                raise refuse("MIG112", plan.build.loc, name=name, first=repr(default), first_file=plan.dockerfile.path,
                             second=repr(runtime_globals[name]), second_file=runtime_file.path)


def _carry_build_args(runtime: ImageBuild, runtime_file: Dockerfile, builders, dockerfiles) -> tuple[str, ...]:
    """The builder's --build-arg flags the merged build must pass; refuse where one value would
    now reach a stage that saw another (docker-semantics §5)."""
    runtime_args = {a.name: a for a in runtime.build_args}
    runtime_declared = _arg_defaults(runtime_file, only_global=False)
    carried = []
    for plan in builders:
        builder_args = {a.name: a for a in plan.build.build_args}
        builder_declared = _arg_defaults(plan.dockerfile, only_global=False)
        for name, arg in builder_args.items():
            if name in runtime_args:
                if runtime_args[name].value != arg.value:
                    raise _arg_conflict(name, arg, plan.build, runtime_args[name], runtime)
            elif name in runtime_declared:
                raise _arg_conflict(name, arg, plan.build, BuildArg(name, runtime_declared[name], ""), runtime)
            elif arg.source not in carried:
                carried.append(arg.source)
        for name, arg in runtime_args.items():
            if name in builder_declared and name not in builder_args:
                raise _arg_conflict(name, BuildArg(name, builder_declared[name], ""), plan.build, arg, runtime)
    return tuple(carried)


def _arg_conflict(name: str, first: BuildArg, first_build: ImageBuild, second: BuildArg, second_build: ImageBuild):
    def shown(arg: BuildArg) -> str:
        return repr(arg.value) if arg.value is not None else "unset"
    return refuse("MIG112", first_build.loc, name=name, first=shown(first), first_file=first_build.dockerfile,
                  second=shown(second), second_file=second_build.dockerfile)


def _syntax_warning(runtime_file: Dockerfile, builders) -> Finding | None:
    kept = runtime_file.directive("syntax")
    for plan in builders:
        theirs = plan.dockerfile.directive("syntax")
        if kept and theirs and theirs != kept:
            return finding("MIG204", Loc(plan.dockerfile.path, 1), kept=kept, dropped=theirs)
    return None


# --- the script ------------------------------------------------------------------------------

def _removed_spans(flow: Flow, builder_builds: dict, containers: dict, runtime: ImageBuild) -> frozenset[Span]:
    builders = {b for b in builder_builds.values() if b is not None}
    builder_tags = {t for b in builders for t in b.tags}
    flow_containers = set(builder_builds)
    removed: dict[Span, Loc] = {}
    for build in builders:
        removed[build.span] = build.loc
    for key in flow_containers:
        removed[containers[key].span] = containers[key].loc
    for extraction in flow.extractions:
        removed[extraction.span] = extraction.loc
    for removal in flow.container_removals:
        if _all_or_none(removal.containers, flow_containers, removal.loc, "`docker rm` removes the extraction container"):
            removed[removal.span] = removal.loc
    for removal in flow.image_removals:
        if _all_or_none(removal.images, builder_tags, removal.loc, "`docker rmi` removes the builder image"):
            removed[removal.span] = removal.loc
    for edit in flow.host_edits:
        removed[edit.span] = edit.loc
    for use in flow.image_uses:
        hit = set(use.images) & builder_tags
        if hit:
            raise refuse("MIG114", use.loc, image=sorted(hit)[0])
    kept = [runtime.span, *(b.span for b in flow.builds if b not in builders), *(u.span for u in flow.image_uses)]
    for span in kept:
        if span in removed:
            raise refuse("MIG119", removed[span], why="this line runs both as part of the extraction and as a step "
                         "that stays (a function or loop shared by both)")
    return frozenset(removed)


def _all_or_none(names: tuple[str, ...], removable: set[str], loc: Loc, what: str) -> bool:
    """True when every name goes with the migration; refuse when only some do."""
    hits = set(names) & removable
    if hits and hits != set(names):
        raise refuse("MIG119", loc, why=f"{what} together with others")
    return bool(hits)


def _builder_files(builders, runtime: ImageBuild, flow: Flow, inputs: PlanInputs) -> tuple[tuple[str, ...], tuple[str, ...]]:
    delete, kept = [], []
    for plan in builders:
        path = plan.build.dockerfile
        if path == runtime.dockerfile:
            raise refuse("MIG119", plan.build.loc, why="the builder and the runtime are built from the same Dockerfile")
        still_built = any(b.dockerfile == path and b not in {p.build for p in builders} for b in flow.builds)
        if inputs.references.get(path) or still_built:
            if path not in kept:
                kept.append(path)
        elif path not in delete:
            delete.append(path)
    return tuple(delete), tuple(kept)

