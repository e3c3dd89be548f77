"""Flow + parsed Dockerfiles -> Plan: which builds are builders and which is the runtime, stage
names, how each COPY/ADD of extracted files is replayed in the merged file, build args, and what
the script loses. Pure: every input is a value; a refusal is raised as Refusal."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from migrator.findings import Finding, finding, refuse
from migrator.hostfs import RepoTree
from migrator.model import ArtifactMove, Flow, ImageBuild
from migrator.parse.dockerfile import Dockerfile
from migrator.plan.absent import check_absent_dirs_read
from migrator.plan.archives import archives_made
from migrator.plan.args import declared_args, plan_args
from migrator.plan.build_files import build_files_copied
from migrator.plan.copies import (
    CopyRewrite,
    RenameStage,
    Replay,
    Sources,
    StageCopy,
    replay_copies,
)
from migrator.plan.edits import ScriptEdits
from migrator.plan.guards import decided, plan_guards
from migrator.plan.host_steps import plan_host_steps
from migrator.plan.ignore import check_builder_ignore_files, check_reads_through_ignore_file, mount_hidden_files
from migrator.plan.image_config import ImageConfig, base_config, stage_config
from migrator.plan.kinds import kinds_made
from migrator.plan.naming import BuilderPlan, name_builder_stages, rewrite_references
from migrator.plan.post_stages import BuilderImage, PostStages
from migrator.plan.rebuilds import check_rebuild_args, check_rebuilds
from migrator.plan.roles import (
    builder_builds,
    check_builder,
    check_contexts,
    check_platform,
    check_set_id_bits,
    runtime_build,
    runtime_rebuilds,
)
from migrator.plan.run_stages import DerivedStage, RunInputs, RunReplay, replay_runs
from migrator.plan.script import builder_files, idle_containers, removed_spans, smoke_runs
from migrator.plan.stages import stages_of, target_stage, unique_name
from migrator.plan.windows import plan_platform
from migrator.source import Loc


@dataclass(frozen=True)
class Plan:
    script: str
    builders: tuple[BuilderPlan, ...]
    runtime: ImageBuild
    runtime_file: Dockerfile
    derived_stages: tuple[DerivedStage, ...]  # builder images with the commands their containers ran
    copy_rewrites: tuple[CopyRewrite, ...]
    rename_stages: tuple[RenameStage, ...]
    ref_rewrites: dict[int, dict[str, str]]  # runtime instruction index -> {old ref: new stage name}
    runtime_stage_names: dict[int, str]  # runtime stages that must be named (numeric --from)
    runtime_arg_renames: dict[str, str]
    script_edits: ScriptEdits
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
    ignore_files: dict[str, str] = field(default_factory=dict)  # .dockerignore and kin, by path: their text
    builder_override: str | None = None
    runtime_override: str | None = None


def plan_migration(inputs: PlanInputs) -> Plan:
    flow = inputs.flow
    containers = {c.key: c for c in flow.containers}
    by_container = builder_builds(flow, containers, inputs.builder_override)
    builds = list(dict.fromkeys(b for b in by_container.values() if b is not None))
    runtime = _checked_roles(inputs, by_container, builds)
    runtime_file = inputs.dockerfiles[runtime.dockerfile]
    check_absent_dirs_read(flow, runtime, runtime_file)
    warnings: list[Finding] = list(flow.warnings)

    platform = plan_platform(runtime_file, [inputs.dockerfiles[b.dockerfile] for b in builds], flow.windows_host)
    warnings.extend(platform.warnings)
    taken = {s.name for s in stages_of(runtime_file) if s.name}
    builders = _named_builders(inputs, builds, taken, runtime_file, warnings)
    args = plan_args(runtime, runtime_file, builders)
    builders = [_with_arg_renames(plan, args.builder_renames.get(plan.dockerfile.path, {})) for plan in builders]

    runs, configs = _replay_runs(inputs, by_container, builders, runtime, taken)
    warnings.extend(runs.warnings)
    check_rebuild_args(runtime_rebuilds(flow, runtime, builds), args.carried + runs.build_args)
    host = plan_host_steps(flow.host_steps, inputs.tree, decided(flow))
    post = PostStages(_builder_images(inputs, by_container, configs), taken)
    replay = _replay(inputs, by_container, builders, runtime, host.territory, runs.stage_of_copy, post,
                     platform.windows)
    check_reads_through_ignore_file(runtime, replay.reads, inputs.tree, inputs.ignore_files)
    warnings.extend(replay.warnings)
    warnings.extend(post.warnings)

    ref_rewrites, runtime_stage_names = rewrite_references(runtime_file, builders, taken)
    warnings.extend(w for w in (_syntax_warning(runtime_file, builders),) if w is not None)
    guarded = plan_guards(flow, [plan.build for plan in builders],
                          removed_spans(flow, by_container, containers, runtime, host.removed), host.territory,
                          inputs.tree)
    removed = guarded.removed
    warnings.extend(guarded.warnings)
    warnings.extend(_throwaway_containers(flow, set(by_container), builders))
    delete, kept = _builder_files(inputs, builders, runtime, warnings)
    builder_no_cache = any(plan.build.no_cache for plan in builders)
    return Plan(
        script=flow.script,
        builders=tuple(builders),
        runtime=runtime,
        runtime_file=runtime_file,
        derived_stages=runs.stages + tuple(post.stages),
        copy_rewrites=replay.rewrites,
        rename_stages=replay.rename_stages,
        ref_rewrites=ref_rewrites,
        runtime_stage_names=runtime_stage_names,
        runtime_arg_renames=args.runtime_renames,
        script_edits=ScriptEdits(removed, runtime.span, runtime.no_cache and not builder_no_cache,
                                 args.carried + runs.build_args),
        delete_files=delete,
        kept_builder_files=kept,
        artifacts=replay.moves,
        warnings=tuple(warnings),
    )


def _throwaway_containers(flow: Flow, flow_containers: set[str], builders: list[BuilderPlan]) -> list[Finding]:
    """Containers of the builder image that go with it, nothing having been copied from them."""
    builder_tags = {t for plan in builders for t in plan.build.tags}
    found = [finding("MIG633", use.loc, command=use.command) for use in smoke_runs(flow, builder_tags)]
    return found + [finding("MIG633", c.loc, command=f"docker create {c.image}")
                    for c in idle_containers(flow, flow_containers, builder_tags)]


def _builder_files(inputs: PlanInputs, builders: list[BuilderPlan], runtime: ImageBuild,
                   warnings: list[Finding]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The builder files the migration deletes and those it keeps, with what the user must know."""
    flow = inputs.flow
    delete, kept = builder_files(builders, runtime, flow, inputs.references)
    for path in kept:
        others = ", ".join(inputs.references.get(path, ())) or "another docker build in the script"
        warnings.append(finding("MIG201", Loc(path, 1), file=path, others=others))
    warnings.extend(build_files_copied(runtime, inputs.dockerfiles[runtime.dockerfile],
                                       (flow.script, runtime.dockerfile, *delete)))
    return delete, kept


def _checked_roles(inputs: PlanInputs, by_container: dict[str, ImageBuild | None],
                   builds: list[ImageBuild]) -> ImageBuild:
    """The runtime build, once the builders, the runtime and their contexts pass every check."""
    for build in builds:
        check_builder(build, inputs.dockerfiles)
    runtime = runtime_build(inputs.flow, by_container, inputs.dockerfiles, inputs.runtime_override)
    check_rebuilds(runtime, runtime_rebuilds(inputs.flow, runtime, builds), inputs.dockerfiles[runtime.dockerfile],
                   [inputs.dockerfiles[b.dockerfile] for b in builds])
    check_contexts(runtime, builds, inputs.dockerfiles)
    check_builder_ignore_files(runtime, builds, inputs.dockerfiles, inputs.tree)
    for build in builds:
        check_platform(build, runtime)
        check_set_id_bits(build, inputs.dockerfiles[build.dockerfile])
    return runtime


def _named_builders(inputs: PlanInputs, builds: list[ImageBuild], taken: set[str], runtime_file: Dockerfile,
                    warnings: list[Finding]) -> list[BuilderPlan]:
    builders = [name_builder_stages(b, inputs.dockerfiles[b.dockerfile], taken, runtime_file) for b in builds]
    for plan in builders:
        warnings.extend(_builder_warnings(plan))
    for plan in builders[1:]:  # its stage numbers shift behind the first builder's
        numbered = next((i for i in plan.dockerfile.instructions if re.search(r"\bfrom=\d+\b", i.value)), None)
        if numbered is not None:
            raise refuse("MIG145", Loc(plan.dockerfile.path, numbered.start + 1))
    return builders


def _stage_of(inputs: PlanInputs, by_container: dict[str, ImageBuild | None],
              builders: list[BuilderPlan]) -> dict[str, str]:
    """Container key -> the stage of the merged file its image is (an image reference for an image
    the flow does not build)."""
    containers = {c.key: c for c in inputs.flow.containers}
    final_stage = {plan.build: plan.final_stage for plan in builders}
    return {key: final_stage[build] if build else containers[key].image for key, build in by_container.items()}


def _replay_runs(inputs: PlanInputs, by_container: dict[str, ImageBuild | None], builders: list[BuilderPlan],
                 runtime: ImageBuild, taken: set[str]) -> tuple[RunReplay, dict[str, ImageConfig]]:
    containers = {c.key: c for c in inputs.flow.containers}
    configs = {}
    for key, build in by_container.items():
        if build is None:
            configs[key] = base_config(containers[key].image)
        else:
            dockerfile = inputs.dockerfiles[build.dockerfile]
            given = {arg.name: arg.value for arg in build.build_args}
            configs[key] = stage_config(dockerfile, target_stage(build, stages_of(dockerfile)), given)
    declared = frozenset(name for d in inputs.dockerfiles.values() for name in declared_args(d))
    flow = inputs.flow
    rewritten = frozenset({flow.script, *flow.called, runtime.dockerfile, *(b.dockerfile for b in flow.builds)})
    return replay_runs(flow.extractions, RunInputs(containers, _stage_of(inputs, by_container, builders), configs,
                                                   declared, taken, runtime.context,
                                                   mount_hidden_files(runtime, inputs.tree, inputs.ignore_files),
                                                   rewritten)), configs


def _builder_images(inputs: PlanInputs, by_container: dict[str, ImageBuild | None],
                    configs: dict[str, ImageConfig]) -> dict[str, BuilderImage]:
    runs = {key: "\n".join(i.value for i in inputs.dockerfiles[build.dockerfile].instructions if i.cmd == "RUN")
            for key, build in by_container.items() if build is not None}
    return {key: BuilderImage(config, runs.get(key, "")) for key, config in configs.items()}


def _replay(inputs: PlanInputs, by_container: dict[str, ImageBuild | None], builders: list[BuilderPlan],
            runtime: ImageBuild, territory: tuple[str, ...], stage_of_copy: dict[Loc, str], post: PostStages,
            windows: bool) -> Replay:
    """The runtime's COPY/ADD of extracted files, replayed; every extraction must reach the image."""
    stage_of = _stage_of(inputs, by_container, builders)
    taken = post.taken
    rename_stage = unique_name(f"{builders[0].final_stage if builders else 'artifacts'}-renamed", taken)
    kinds_of = {key: kinds_made(build, inputs.dockerfiles[build.dockerfile])
                for key, build in by_container.items() if build is not None}
    archives_of = {key: archives_made(build, inputs.dockerfiles[build.dockerfile])
                   for key, build in by_container.items() if build is not None}
    runtime_file = inputs.dockerfiles[runtime.dockerfile]
    taken.add(rename_stage)  # held while derived stages are named, given back when no file is renamed
    replay = replay_copies(runtime, runtime_file, Sources(stage_of, kinds_of, stage_of_copy, rename_stage, territory,
                                                         inputs.tree, post, archives_of, windows))
    if not replay.rename_stages:
        taken.discard(rename_stage)
    if replay.rename_stages:
        if windows:  # a Windows image cannot be built FROM scratch
            index = next(r.index for r in replay.rewrites for c in r.copies
                         if isinstance(c, StageCopy) and c.stage == rename_stage)
            raise refuse("MIG198", Loc(runtime_file.path, runtime_file.instructions[index].start + 1),
                         path=replay.rename_stages[0].copies[0].dest.lstrip("/"))  # the host's relative name
        taken.add(rename_stage)
    for extraction in inputs.flow.extractions:
        if extraction.loc not in replay.consumed:
            raise refuse("MIG107", extraction.loc, path=extraction.target)
    return replay


def _with_arg_renames(plan: BuilderPlan, renames: dict[str, str]) -> BuilderPlan:
    return BuilderPlan(plan.build, plan.dockerfile, plan.stage_names, plan.renamed, plan.final_stage, renames)


def _builder_warnings(plan: BuilderPlan) -> list[Finding]:
    warnings = []
    for ins in plan.dockerfile.instructions:
        if ins.cmd in ("VOLUME", "ONBUILD"):
            warnings.append(finding("MIG205", Loc(plan.dockerfile.path, ins.start + 1), instruction=ins.cmd))
    return warnings


def _syntax_warning(runtime_file: Dockerfile, builders: list[BuilderPlan]) -> Finding | None:
    kept = runtime_file.directive("syntax")
    for plan in builders:
        theirs = plan.dockerfile.directive("syntax")
        if kept and theirs and theirs != kept:
            return finding("MIG204", Loc(plan.dockerfile.path, 1), kept=kept, dropped=theirs)
    return None
