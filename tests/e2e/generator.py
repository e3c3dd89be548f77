"""Random legacy builder-pattern repositories, for differential testing against the engine.

`generate(seed)` composes, at random but reproducibly, the constructs the migrator claims to
handle: what the builder makes (files, directories, nested directories, symlinks, set-id and
non-root files, names with spaces, empty files, odd modes), how the builder is shaped (one or two
stages, USER, ARG before FROM, --target, build args), how the script is written (variables,
functions, cd, a captured container id, --name), what the host does to the extracted files (mv,
cp, rm, mkdir, redirects, chmod, other commands), and how the runtime Dockerfile copies them
(renames, existing directories, trailing slashes, mixed sources, --chown, WORKDIR-relative
destinations, COPY . and ADD), and whether the artifacts are made when the image builds or when a
container of it runs (run, CMD + start, exec into an idle container, run -d + wait).

The generator keeps a rough model of the host only so that the legacy flow it writes works; it
never predicts what the migration should give. The engine does: a repository the migrator
migrates must come out equivalent under `migrate verify`.

Every form the migrator learns joins this file: one more `_choose` branch, not a new test; a new
front end joins orchestrations.py, which moves the generated script into its kind of file.
"""

from __future__ import annotations

import json
import posixpath
import random
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from orchestrations import orchestrate

BASE_IMAGE = "busybox:1.36"
# Directories the runtime base image already has (a COPY into them without a slash goes inside).
IMAGE_DIRS = ("/usr/local/bin", "/usr/bin", "/etc", "/tmp")
REPO_FILES = {
    "config.txt": "level=info\n",
    "conf/app.conf": "name=repo\n",
    "conf/a.txt": "a from the repository\n",
    "bin/README": "binaries land here\n",
    "README.md": "# generated\n",
}


@dataclass
class Member:
    """One path inside an artifact (relative to it; "" is the artifact itself)."""

    rel: str
    kind: str  # "file", "dir", "link"
    mode: int = 0o644


@dataclass
class Artifact:
    name: str
    container_path: str
    members: list[Member]

    @property
    def kind(self) -> str:
        return self.members[0].kind


@dataclass
class Draft:
    seed: int
    rng: random.Random
    tag: str
    choices: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=lambda: dict(REPO_FILES))
    builder: list[str] = field(default_factory=list)
    builder_build_options: list[str] = field(default_factory=list)
    root: str = "/out"
    user: bool = False
    reads_channel: bool = False  # the builder writes $CHANNEL into an artifact
    artifacts: list[Artifact] = field(default_factory=list)
    script: list[str] = field(default_factory=list)
    runtime: list[str] = field(default_factory=list)
    runtime_build_options: list[str] = field(default_factory=list)
    # host path (repo-relative) -> kind, for what the extraction and the host steps left there
    host: dict[str, str] = field(default_factory=dict)
    origin: dict[str, Artifact] = field(default_factory=dict)  # host root path -> its artifact
    running: bool = False  # the container still runs (detached) when the script removes it

    def choose(self, what: str, options: list):
        picked = self.rng.choice(options)
        self.choices.append(f"{what}={picked}")
        return picked

    def chance(self, what: str, probability: float) -> bool:
        yes = self.rng.random() < probability
        if yes:
            self.choices.append(what)
        return yes


@dataclass(frozen=True)
class GeneratedRepo:
    seed: int
    files: dict[str, str]
    executable: frozenset[str]
    choices: tuple[str, ...]

    def write(self, target: Path) -> Path:
        for rel, text in self.files.items():
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            path.chmod(0o755 if rel in self.executable else 0o644)
        return target


MOUNTED = "out"  # the host directory a bind mount fills, and _create_container's answer when it does


def generate(seed: int) -> GeneratedRepo:
    draft = Draft(seed, random.Random(seed), f"gen{seed}")
    _builder_shape(draft)
    _make_artifacts(draft)
    _finish_builder(draft)
    container = _create_container(draft)
    if container == MOUNTED:
        for artifact in draft.artifacts:
            _mounted(draft, artifact)
    else:
        for artifact in draft.artifacts:
            _extract(draft, container, artifact)
        force = "-f " if draft.running else ""
        draft.script.append(f"docker rm {force}{container_ref(container)}")
    for _ in range(draft.rng.choice([0, 0, 1, 1, 2])):
        _host_step(draft)
    _runtime(draft)
    host_rng = random.Random(f"host-{seed}")  # its own source: every other choice stays as it was
    _absent_destination(draft, host_rng)
    script = _cache_guard(draft, _script_text(draft), host_rng)
    _ignore_file(draft, host_rng)
    consumer_rng = random.Random(f"consumers-{seed}")
    _wildcard_copy(draft, consumer_rng)
    script = _runtime_rebuilt(draft, script, consumer_rng)
    draft.files["Dockerfile.build"] = "\n".join(draft.builder) + "\n"
    draft.files["Dockerfile"] = "\n".join(draft.runtime) + "\n"
    orchestration, files = orchestrate(script, draft.rng)
    if orchestration != "build.sh":
        draft.choices.append(f"orchestration={orchestration}")
    draft.files.update(files)
    executable = {path for path in draft.files if path.endswith(".sh")}
    return GeneratedRepo(seed, draft.files, frozenset(executable), tuple(draft.choices))


# --- the builder --------------------------------------------------------------------------------

def _builder_shape(draft: Draft) -> None:
    if draft.chance("global ARG before FROM", 0.2):
        draft.builder += ["ARG BASE=busybox:1.36", "FROM ${BASE}"]
    else:
        draft.builder.append(f"FROM {BASE_IMAGE}")
    draft.user = draft.chance("non-root USER in the builder", 0.2)
    if draft.user:
        draft.builder += ["RUN adduser -D -u 1000 builder", "USER builder", "WORKDIR /home/builder"]
        draft.root = draft.choose("root", ["/home/builder/out", "/home/builder"])
    else:
        draft.root = draft.choose("root", ["/out", "/src/build", "/work/dist-out", "/w"])
        if draft.chance("WORKDIR in the builder", 0.4):
            draft.builder.append(f"WORKDIR {posixpath.dirname(draft.root) or '/'}")
    if draft.chance("builder build arg", 0.25):
        draft.builder.append("ARG FLAVOUR=plain")
        draft.builder_build_options.append("--build-arg FLAVOUR=special")
    if draft.chance("builder stage reads a global the runtime declares", 0.15):
        draft.builder.append("ARG CHANNEL")
        draft.reads_channel = True


def _make_artifacts(draft: Draft) -> None:
    commands = [f"mkdir -p {draft.root}"]
    names = iter(draft.rng.sample(["app", "server", "tool", "worker", "cli", "daemon", "web", "lib"], 8))
    for _ in range(draft.rng.choice([1, 1, 2, 3])):
        kind = draft.choose("artifact", ["exe", "exe", "data", "empty", "mode600", "dir", "dir", "nested-dir",
                                          "dir-with-link", "link", "setuid", "owned", "spaced", "dir700",
                                          "dir750-root"])
        name = "my tool" if kind == "spaced" else next(names)
        path = posixpath.join(draft.root, name)
        quoted = shlex.quote(path)
        members: list[Member]
        if kind in ("exe", "spaced", "owned"):
            commands.append(f"printf '{name} %s\\n' v1 > {quoted} && chmod 755 {quoted}")
            members = [Member("", "file", 0o755)]
            if kind == "owned" and not draft.user:
                commands.append(f"chown 1000:1000 {quoted}")
        elif kind == "data":
            commands.append(f"echo data > {quoted}")
            members = [Member("", "file", 0o644)]
        elif kind == "empty":
            commands.append(f": > {quoted}")
            members = [Member("", "file", 0o644)]
        elif kind == "mode600":
            commands.append(f"echo secret > {quoted} && chmod 600 {quoted}")
            members = [Member("", "file", 0o600)]
        elif kind == "setuid":
            commands.append(f"echo suid > {quoted} && chmod 4755 {quoted}")
            members = [Member("", "file", 0o4755)]
        elif kind == "link":
            target = f"{name}-1.0"
            commands.append(f"echo linked > {quoted}-1.0 && ln -s {target} {quoted}")
            members = [Member("", "link")]
        else:
            commands.append(f"mkdir -p {quoted}/sub && echo a > {quoted}/a.txt && echo b > {quoted}/sub/b.txt")
            members = [Member("", "dir", 0o755), Member("a.txt", "file"), Member("sub", "dir", 0o755),
                       Member("sub/b.txt", "file")]
            if kind == "nested-dir":
                commands.append(f"mkdir -p {quoted}/sub/deep && echo c > {quoted}/sub/deep/c.txt")
                members += [Member("sub/deep", "dir", 0o755), Member("sub/deep/c.txt", "file")]
            if kind == "dir-with-link":
                commands.append(f"ln -s a.txt {quoted}/link.txt")
                members.append(Member("link.txt", "link"))
            if kind == "dir700":
                commands.append(f"chmod 700 {quoted}/sub")
                members[2].mode = 0o700
            if kind == "dir750-root":
                commands.append(f"chmod 750 {quoted}")
                members[0].mode = 0o750
        draft.artifacts.append(Artifact(name, path, members))
    if draft.reads_channel:
        path = posixpath.join(draft.root, "channel")
        commands.append(f'echo "channel=$CHANNEL" > {path}')
        draft.artifacts.append(Artifact("channel", path, [Member("", "file", 0o644)]))
    draft.builder.append("RUN " + " \\\n && ".join(commands))


def _finish_builder(draft: Draft) -> None:
    """Optionally move the making into a first stage and copy it over, or add a stage after it."""
    if not draft.user and draft.chance("multi-stage builder", 0.25):
        globals_ = [line for line in draft.builder if line.startswith("ARG BASE")]
        first = [line for line in draft.builder if not line.startswith("ARG BASE")]
        first[0] += " AS compile"
        draft.builder = [*globals_, *first, "", "FROM busybox:1.36 AS package",
                         f"COPY --from=compile {draft.root} {draft.root}"]
        if draft.chance("--target with a stage after", 0.5):
            draft.builder += ["", "FROM busybox:1.36 AS test", "RUN echo tested > /tested"]
            draft.builder_build_options.append("--target package")


# --- the script ---------------------------------------------------------------------------------

def _create_container(draft: Draft) -> str:
    name = f"{draft.tag}-x"
    image = f"{draft.tag}/app:build"
    options = " ".join(draft.builder_build_options)
    draft.script.append(f"docker build -t {image} -f Dockerfile.build {options} .".replace("  ", " "))
    # the making moves from the image's build to a container's run (a build arg only the build sees stays there)
    if not draft.reads_channel and "multi-stage builder" not in draft.choices and \
            draft.chance("artifacts made when the container runs", 0.3):
        making = draft.builder.pop()[len("RUN "):].replace(" \\\n && ", " && ")
        return _run_time_container(draft, name, image, making)
    form = draft.choose("container", ["create --name", "container create --name", "id=$(docker create)",
                                      "run --name true"])
    if form == "create --name":
        draft.script.append(f"docker create --name {name} {image}")
    elif form == "container create --name":
        draft.script.append(f"docker container create --name {name} {image}")
    elif form == "run --name true":
        draft.script.append(f"docker run --name {name} {image} true")
    else:
        draft.script.append(f"id=$(docker create {image})")
        return "$id"
    return name


def _run_time_container(draft: Draft, name: str, image: str, making: str) -> str:
    """A container whose command makes the artifacts: a run, a CMD started, an exec into an idle one,
    or a throwaway run writing them to the host through a bind mount (then MOUNTED)."""
    quoted = shlex.quote(making)
    forms = ["run sh -c", "CMD, create, start -a", "run -d sleep, exec", "id=$(docker create sh -c), start -a",
             "run -e -w sh -c", "run -d, wait"]
    if not draft.user:  # the mount point is root's: a user could not write there
        forms += ["run --rm -v out:root", "create --mount out:root, start -a"]
    form = draft.choose("run-time form", forms)
    if form == "run --rm -v out:root":
        draft.script.append(f'docker run --rm -v "$PWD/{MOUNTED}:{draft.root}" {image} sh -c {quoted}')
        return MOUNTED
    if form == "create --mount out:root, start -a":
        draft.script += [f"mkdir -p {MOUNTED}",
                         f'docker create --name {name} --mount type=bind,source="$(pwd)/{MOUNTED}",'
                         f"target={draft.root} {image} sh -c {quoted}", f"docker start -a {name}",
                         f"docker rm {name}"]
        return MOUNTED
    if form == "run sh -c":
        draft.script.append(f"docker run --name {name} {image} sh -c {quoted}")
    elif form == "CMD, create, start -a":
        draft.builder.append("CMD " + json.dumps(["sh", "-c", making]))
        draft.script += [f"docker create --name {name} {image}", f"docker start -a {name}"]
    elif form == "run -d sleep, exec":
        draft.script += [f"docker run -d --name {name} {image} sleep 600", f"docker exec {name} sh -c {quoted}"]
        draft.running = True
    elif form == "run -e -w sh -c":
        draft.script.append(f"docker run --name {name} -e MODE=release -w / {image} sh -c {quoted}")
    elif form == "run -d, wait":
        draft.script += [f"docker run -d --name {name} {image} sh -c {quoted}", f"docker wait {name} > /dev/null"]
    else:
        draft.script += [f"id=$(docker create {image} sh -c {quoted})", 'docker start -a "$id"']
        return "$id"
    return name


def _extract(draft: Draft, container: str, artifact: Artifact) -> None:
    src = artifact.container_path
    is_dir = artifact.kind == "dir"
    forms = ["same name", "into .", "into new dir", "renamed", "relative container path"]
    if is_dir:
        forms += ["contents into new dir", "into repo dir"]
    else:
        forms += ["into repo dir"]
    if artifact.kind != "link" and not container.startswith("$"):
        forms += ["tar stream | tar -x", "tar stream | tar -x -C dir"]
    if artifact.kind == "file" and "artifacts made when the container runs" not in draft.choices:
        forms += ["run cat >"]
    if artifact.kind == "link":
        forms = ["-L", "link and its target"]
    form = draft.choose(f"extract {artifact.name}", forms)
    if form.startswith(("tar stream", "run cat")):
        _streamed(draft, container, artifact, form)
        return
    options = ""
    base = posixpath.basename(src)
    if form == "same name":
        dest, host = f"./{base}", base
    elif form == "into .":
        dest, host = ".", base
    elif form == "into new dir":
        draft.script.append("mkdir -p out")
        dest, host = draft.choose("slash", ["out/", "out"]), f"out/{base}"
    elif form == "renamed":
        host = f"{base.replace(' ', '-')}-renamed"
        dest = host
    elif form == "relative container path":
        src = src.lstrip("/")
        dest, host = f"./{base}", base
    elif form == "contents into new dir":
        draft.script.append("mkdir -p staging")
        src, dest, host = src + "/.", "staging/", "staging"
    elif form == "into repo dir":
        dest, host = "bin/", f"bin/{base}"
    elif form == "link and its target":
        draft.script.append(f"docker cp {container_ref(container)}:{src}-1.0 ./{base}-1.0")
        dest, host = f"./{base}", base
    else:  # -L
        options, dest, host = "-L ", f"./{base}", base
    if host in draft.host:  # two artifacts of the same name: keep the flow valid
        host = f"{host}-{len(draft.host)}"
        dest = host
    if " " in src:
        draft.script.append(f'docker cp {options}"{container}:{src}" {shlex.quote(dest)}')
    else:
        draft.script.append(f"docker cp {options}{container_ref(container)}:{src} {shlex.quote(dest)}")
    kind = "file" if artifact.kind == "link" and options else artifact.kind
    if form == "contents into new dir":
        draft.host[host] = "dir"
        for member in artifact.members[1:]:
            draft.host[f"{host}/{member.rel}"] = member.kind
    else:
        draft.host[host] = kind
        for member in artifact.members[1:]:
            draft.host[f"{host}/{member.rel}"] = member.kind
    draft.origin[host] = artifact


def _mounted(draft: Draft, artifact: Artifact) -> None:
    """The artifact reached the host through the bind mount of the making root."""
    host = f"{MOUNTED}/{posixpath.relpath(artifact.container_path, draft.root)}"
    draft.host[host] = artifact.kind
    for member in artifact.members[1:]:
        draft.host[f"{host}/{member.rel}"] = member.kind
    draft.origin[host] = artifact


def _streamed(draft: Draft, container: str, artifact: Artifact, form: str) -> None:
    """The artifact leaves as a stream: printed by `cat` in a throwaway container of the builder
    image (a new file: 0644 with umask 022), or as docker cp's tar, unpacked in the same pipeline."""
    src, base = artifact.container_path, posixpath.basename(artifact.container_path)
    directory = "stream-out" if form.endswith("-C dir") else ""
    host = f"{directory}/{base}" if directory else base
    if host in draft.host or directory in draft.host:
        host, directory = f"{host}-{len(draft.host)}", ""  # keep the flow valid: cat it under a new name
        form = "run cat >"
    if form == "run cat >":
        draft.script.append(f"docker run --rm {draft.tag}/app:build cat {shlex.quote(src)} > {shlex.quote(host)}")
        draft.host[host] = "file"
    else:
        if directory:
            draft.script.append(f"mkdir -p {directory}")
        into = f" -C {directory}" if directory else ""
        draft.script.append(f"docker cp {shlex.quote(f'{container}:{src}')} - | tar -x{into}")
        draft.host[host] = artifact.kind
        for member in artifact.members[1:]:
            draft.host[f"{host}/{member.rel}"] = member.kind
    draft.origin[host] = artifact


def container_ref(container: str) -> str:
    return f'"{container}"' if container.startswith("$") else container


def _host_step(draft: Draft) -> None:
    roots = [h for h in draft.origin if h in draft.host]
    if not roots:
        return
    root = draft.rng.choice(roots)
    kind = draft.host[root]
    steps = ["mv rename", "mv into dir", "cp", "cp -p", "chmod 755", "chmod 600", "chmod +x", "ls", "touch new",
             "sha256sum", "chmod u+x,go-w", "strip"]
    if kind == "dir":
        steps += ["cp -r", "cp -a", "cp -r contents", "rm member", "rm -rf sub", "mkdir inside", "redirect into",
                  "append to member", "chmod -R go-w", "chmod -R a+rX", "find -delete", "rm -f member"]
    step = draft.choose(f"host step on {root}", steps)
    q = shlex.quote(root)
    new = f"{root.replace(' ', '-').replace('/', '-')}-moved"
    if step == "mv rename":
        draft.script.append(f"mv {q} {new}")
        _move(draft, root, new)
    elif step == "mv into dir" and posixpath.dirname(root) != "dist":  # mv onto itself fails
        draft.script.append(f"mkdir -p dist && mv {q} dist/")
        _move(draft, root, f"dist/{posixpath.basename(root)}")
    elif step in ("cp", "cp -p", "cp -r", "cp -a"):
        flag = {"cp": "", "cp -p": "-p ", "cp -r": "-r ", "cp -a": "-a "}[step]
        if kind == "dir" and flag.strip(" -") not in ("r", "a"):
            flag = "-r "
        draft.script.append(f"cp {flag}{q} {new}")
        _copy(draft, root, new)
    elif step == "cp -r contents":
        draft.script.append(f"mkdir -p {new} && cp -r {q}/. {new}/")
        _copy(draft, root, new)
    elif step.startswith("chmod"):
        draft.script.append(f"{step} {q}")
    elif step == "strip":  # the builder's busybox has no strip: the migration must refuse
        draft.script.append(f"strip {q} 2>/dev/null || true")
    elif step == "find -delete":
        draft.script.append(f"find {q} -name '*.txt' -delete")
        for path in [p for p in draft.host if p.startswith(f"{root}/") and p.endswith(".txt")]:
            del draft.host[path]
    elif step == "rm -f member":
        draft.script.append(f"rm -f {q}/a.txt {q}/missing")
        draft.host.pop(f"{root}/a.txt", None)
    elif step == "ls":
        draft.script.append(f"ls -la {q} > /dev/null")
    elif step == "touch new":
        draft.script.append(f"touch {q}.stamp")
        draft.host[f"{root}.stamp"] = "file"
    elif step == "sha256sum":
        draft.script.append(f"sha256sum {q} > {shlex.quote(root + '.sha256')}" if kind != "dir"
                            else f"ls {q} > {shlex.quote(root + '.list')}")
    elif step == "rm member":
        draft.script.append(f"rm {q}/a.txt")
        draft.host.pop(f"{root}/a.txt", None)
    elif step == "rm -rf sub":
        draft.script.append(f"rm -rf {q}/sub")
        for path in [p for p in draft.host if p.startswith(f"{root}/sub")]:
            del draft.host[path]
    elif step == "mkdir inside":
        draft.script.append(f"mkdir -p {q}/extra")
        draft.host[f"{root}/extra"] = "dir"
    elif step == "redirect into":
        draft.script.append(f"echo v1 > {q}/VERSION")
        draft.host[f"{root}/VERSION"] = "file"
    elif step == "append to member" and f"{root}/a.txt" in draft.host:
        draft.script.append(f"echo more >> {q}/a.txt")


def _move(draft: Draft, old: str, new: str) -> None:
    for path in [p for p in draft.host if p == old or p.startswith(old + "/")]:
        draft.host[new + path[len(old):]] = draft.host.pop(path)
    draft.origin[new] = draft.origin.pop(old)


def _copy(draft: Draft, old: str, new: str) -> None:
    for path in [p for p in draft.host if p == old or p.startswith(old + "/")]:
        draft.host[new + path[len(old):]] = draft.host[path]
    draft.origin[new] = draft.origin[old]


# --- the runtime --------------------------------------------------------------------------------

def _runtime(draft: Draft) -> None:
    if draft.chance("runtime global ARG", 0.15):
        draft.runtime.append("ARG CHANNEL=stable")
    if draft.chance("runtime FROM through a global ARG", 0.1):
        draft.runtime += ["ARG BASE=busybox:1.36", "FROM ${BASE}"]
    else:
        draft.runtime.append(f"FROM {BASE_IMAGE}")
    if draft.chance("runtime stage reads globals", 0.2):
        draft.runtime += ["ARG BASE", "ARG CHANNEL", 'RUN echo "base=$BASE channel=$CHANNEL" > /args']
    workdir = draft.chance("WORKDIR in the runtime", 0.3)
    if workdir:
        draft.runtime.append("WORKDIR /srv")
    if draft.chance("runtime ARG", 0.2):
        draft.runtime += ["ARG FLAVOUR", 'RUN echo "flavour=$FLAVOUR" > /flavour']
    if draft.chance("COPY . swallows everything", 0.1):
        draft.runtime.append("COPY . /app/")
    else:
        for root in [h for h in draft.origin if h in draft.host]:
            _copy_line(draft, root, workdir)
    draft.runtime.append('CMD ["sh"]')


def _copy_line(draft: Draft, root: str, workdir: bool) -> None:
    kind = draft.host[root]
    name = posixpath.basename(root)
    members = sorted(p for p in draft.host if p.startswith(root + "/"))
    forms = ["to a file path", "into a dir with slash", "into an image dir", "mixed with a repo file", "--chown"]
    if workdir:
        forms += ["WORKDIR-relative", "WORKDIR-relative subdir"]
    if kind == "dir":
        forms = ["dir to a new dir", "dir with slash", "dir into an existing image dir", "mixed dirs, repo first",
                 "mixed dirs, artifact first", "--chown"]
        if members:
            forms.append("a member")
        if workdir:
            forms.append("WORKDIR-relative")
    if kind == "file":
        forms.append("ADD")
    form = draft.choose(f"COPY {root}", forms)
    src = root
    line: str
    if form == "to a file path":
        line = _instruction(("COPY",), [src], f"/usr/local/bin/{name.replace(' ', '-')}-bin")
    elif form == "into a dir with slash":
        line = _instruction(("COPY",), [src], "/srv/")
    elif form == "into an image dir":
        line = _instruction(("COPY",), [src], draft.choose("image dir", list(IMAGE_DIRS)))
    elif form == "mixed with a repo file":
        sources = [src, "config.txt"] if draft.rng.random() < 0.5 else ["config.txt", src]
        line = _instruction(("COPY",), sources, "/srv/")
    elif form == "--chown":
        line = _instruction(("COPY", draft.choose("chown", ["--chown=1000:1000", "--chown=nobody", "--chown=0:0"])),
                     [src], "/srv/" if kind != "dir" else "/srv/tree")
    elif form == "WORKDIR-relative":
        line = _instruction(("COPY",), [src], draft.choose("dest", [".", "./", f"./{name.replace(' ', '-')}"]))
    elif form == "WORKDIR-relative subdir":
        line = _instruction(("COPY",), [src], "bin/")
    elif form == "ADD":
        line = _instruction(("ADD",), [src], "/opt/")
    elif form == "dir to a new dir":
        line = _instruction(("COPY",), [src], "/srv/www")
    elif form == "dir with slash":
        line = _instruction(("COPY",), [src + "/"], "/srv/www/")
    elif form == "dir into an existing image dir":
        line = _instruction(("COPY",), [src], "/etc/")
    elif form == "mixed dirs, repo first":
        line = _instruction(("COPY",), ["conf/", src], "/srv/")
    elif form == "mixed dirs, artifact first":
        line = _instruction(("COPY",), [src, "conf/"], "/srv/")
    else:  # a member
        member = draft.rng.choice(members)
        line = _instruction(("COPY",), [member], f"/srv/{posixpath.basename(member)}")
    draft.runtime.append(line)


def _instruction(words: tuple[str, ...], sources: list[str], dest: str) -> str:
    if any(" " in p for p in [*sources, dest]):
        return " ".join(words) + " " + json.dumps([*sources, dest])
    return " ".join([*words, *sources, dest])


def _extraction_end(body: list[str]) -> int:
    """The line after which the artifacts are on the host: the container's removal, or a --rm run."""
    return max(i for i, line in enumerate(body) if "docker rm" in line or "docker run --rm" in line)


def _script_text(draft: Draft) -> str:
    lines = ["#!/bin/sh"]
    if draft.chance("set -e", 0.8):
        lines.append("set -e")
    body = list(draft.script)
    form = draft.choose("extraction", ["inline"] * 7 + ["in a function"] * 2 + ["in a script of its own"])
    if form == "in a function":
        markers = ("docker cp", "mkdir", "docker run --rm", "--mount")
        start = next(i for i, line in enumerate(body) if any(m in line for m in markers))
        end = _extraction_end(body)
        function = ["extract() {", *(f"  {line}" for line in body[start:end + 1]), "}"]
        body = body[:start] + function + ["extract"] + body[end + 1:]
    elif form == "in a script of its own":  # from the builder's build to the container's removal
        start = next(i for i, line in enumerate(body) if "docker build" in line)
        end = _extraction_end(body)
        draft.files["scripts/extract.sh"] = "\n".join(["#!/bin/sh", "set -e", *body[start:end + 1]]) + "\n"
        call = draft.choose("called as", ["./scripts/extract.sh", "sh scripts/extract.sh"])
        body = [*body[:start], call, *body[end + 1:]]
    if draft.chance("a function that is never called, which bashlex cannot parse", 0.1):
        lines += ["unused() {", '  if [[ -n "$1" ]]; then docker push "$1"; fi', "}"]
    lines += body
    if draft.host and draft.chance("an assertion on an artifact", 0.2):
        root = draft.rng.choice(sorted(draft.host))
        lines.append(draft.choose("assertion", [f"[ -e {shlex.quote(root)} ] || exit 1",
                                                f"test -e {shlex.quote(root)}"]))
    no_cache = "--no-cache " if draft.chance("--no-cache on the runtime build", 0.3) else ""
    lines.append(f"docker build {no_cache}-t {draft.tag}/app:latest .")
    if draft.chance("cleanup afterwards", 0.4):
        roots = sorted({h.split("/")[0] for h in draft.host})
        lines.append("rm -rf " + " ".join(shlex.quote(r) for r in roots if r not in ("bin", "conf")))
        lines.append(f"docker rmi {draft.tag}/app:build")
    return "\n".join(lines) + "\n"


# --- the host and the repository: guards, absent destinations, ignore files ---------------------

def _absent_destination(draft: Draft, rng: random.Random) -> None:
    """`mkdir -p out` + `docker cp c:src out/` becomes `docker cp c:src out/NAME` with out/ git-ignored
    and never made: the legacy flow works only where out/ exists, which verify provides."""
    if "mkdir -p out" not in draft.script or any("--mount" in line for line in draft.script) or \
            not rng.random() < 0.3:
        return  # docker refuses a --mount of a directory that is not there
    draft.choices.append("absent destination out/")
    script = []
    for line in draft.script:
        if line == "mkdir -p out":
            continue
        words = line.split(" ")
        if line.startswith("docker cp ") and words[-1] in ("out", "out/"):
            source = words[-2].rsplit(":", 1)[-1].strip('"')
            line = " ".join([*words[:-1], shlex.quote("out/" + posixpath.basename(source))])
        script.append(line)
    draft.script = script
    draft.files[".gitignore"] = "out/\n"


def _cache_guard(draft: Draft, script: str, rng: random.Random) -> str:
    """The builder flow inside a cache guard on an artifact's host path, true on a clean checkout."""
    lines = script.splitlines()
    starts = [i for i, line in enumerate(lines) if "-f Dockerfile.build" in line]
    ends = [i for i, line in enumerate(lines) if line.startswith("docker rm ")]
    if not starts or not ends or "extract() {" in lines or not draft.origin or not rng.random() < 0.3:
        return script
    marker = shlex.quote(rng.choice(sorted(draft.origin)))
    test = rng.choice([f"[ ! -e {marker} ]", f"! test -f {marker}", f"[ ! -d {marker} -a ! -f {marker} ]"])
    draft.choices.append(f"cache guard `{test}`")
    start, end = starts[0], ends[-1]
    body = [f"  {line}" for line in lines[start:end + 1]]
    return "\n".join([*lines[:start], f"if {test}; then", *body, "fi", *lines[end + 1:]]) + "\n"


def _ignore_file(draft: Draft, rng: random.Random) -> None:
    """A .dockerignore whose patterns hide no artifact and no file the runtime copies by name."""
    if ".dockerignore" in draft.files or not rng.random() < 0.3:
        return
    patterns = [p for p in (".git", "*.bak", "**/*.tmp", "docs/", "tmp/", "!README.md")
                if rng.random() < 0.5]
    draft.choices.append(f".dockerignore {patterns}")
    draft.files[".dockerignore"] = "".join(p + "\n" for p in patterns)


# --- several consumer builds, wildcards over extracted directories ------------------------------

def _wildcard_copy(draft: Draft, rng: random.Random) -> None:
    """`COPY DIR/* /srv/glob/` over an extracted directory that still has members."""
    roots = [root for root in sorted(draft.host) if draft.host[root] == "dir"
             and any(p.startswith(root + "/") for p in draft.host)]
    if not roots or not rng.random() < 0.25:
        return
    root = rng.choice(roots)
    draft.choices.append(f"wildcard COPY over {root}")
    draft.runtime.insert(len(draft.runtime) - 1, _instruction(("COPY",), [root + "/*"], "/srv/glob/"))


def _runtime_rebuilt(draft: Draft, script: str, rng: random.Random) -> str:
    """The runtime built a second time, for another tag, before or after the main build."""
    lines = script.splitlines()
    main = f"-t {draft.tag}/app:latest ."
    at = next((i for i, line in enumerate(lines) if line.startswith("docker build") and line.endswith(main)), None)
    if at is None or not rng.random() < 0.25:
        return script
    verb = rng.choice(["docker build", "docker buildx build --load", "docker image build"])
    again = f"{verb} -t {draft.tag}/app:edge ."
    after = rng.random() < 0.5
    draft.choices.append(f"runtime built again: `{again}` {'after' if after else 'before'}")
    lines.insert(at + 1 if after else at, again)
    return "\n".join(lines) + "\n"
