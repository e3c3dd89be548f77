"""The docker CLI's options, as its flag parser sees them: which take a value (mapped to their long
name) and which are flags. The tracer reads scripts with them and the docker front for podman
reads live command lines with them, so both split arguments the same way."""

GLOBAL_VALUE_OPTIONS = {"-H", "--host", "-c", "--context", "--config", "-l", "--log-level", "--tlscacert",
                        "--tlscert", "--tlskey"}

BUILD_VALUES = {
    "-f": "--file", "--file": "--file", "-t": "--tag", "--tag": "--tag", "--build-arg": "--build-arg",
    "--target": "--target", "--platform": "--platform", "--label": "--label", "--network": "--network",
    "--add-host": "--add-host", "--cache-from": "--cache-from", "--cache-to": "--cache-to",
    "--iidfile": "--iidfile", "--secret": "--secret", "--ssh": "--ssh", "-o": "--output", "--output": "--output",
    "--progress": "--progress", "--build-context": "--build-context", "-m": "--memory", "--memory": "--memory",
    "--memory-swap": "--memory-swap", "--shm-size": "--shm-size", "--ulimit": "--ulimit", "--isolation": "--isolation",
    "--cgroup-parent": "--cgroup-parent", "--cpu-shares": "--cpu-shares", "--cpuset-cpus": "--cpuset-cpus",
    "--cpu-period": "--cpu-period", "--cpu-quota": "--cpu-quota", "--security-opt": "--security-opt",
    "--metadata-file": "--metadata-file", "--provenance": "--provenance", "--sbom": "--sbom",
    "--attest": "--attest", "--annotation": "--annotation", "--allow": "--allow", "--builder": "--builder",
}
BUILD_FLAGS = {"--no-cache", "--pull", "-q", "--quiet", "--rm", "--force-rm", "--squash", "--compress", "--load",
                "--push", "--disable-content-trust"}
# Options of a builder build that only name or tune the throwaway builder image: the merged build
# can drop them. Any other option changes how the builder stage is built and is refused for now.
BUILDER_DROPPABLE = {"--file", "--tag", "--build-arg", "--target", "--platform", "--no-cache", "--pull", "-q",
                      "--quiet", "--rm", "--force-rm", "--progress", "--label", "--load"}

CONTAINER_VALUES = {
    "--name": "--name", "--cidfile": "--cidfile", "--platform": "--platform", "-e": "--env", "--env": "--env",
    "--env-file": "--env-file", "--entrypoint": "--entrypoint", "-w": "--workdir", "--workdir": "--workdir",
    "-u": "--user", "--user": "--user", "--network": "--network", "--net": "--network", "-l": "--label",
    "--label": "--label", "-h": "--hostname", "--hostname": "--hostname", "--add-host": "--add-host",
    "--restart": "--restart", "-p": "--publish", "--publish": "--publish", "--expose": "--expose",
    "--pull": "--pull", "-v": "--volume", "--volume": "--volume", "--mount": "--mount",
    "--volumes-from": "--volumes-from", "-m": "--memory", "--memory": "--memory", "--ulimit": "--ulimit",
    "--log-driver": "--log-driver", "--stop-signal": "--stop-signal", "--shm-size": "--shm-size",
}
CONTAINER_FLAGS = {"-i", "--interactive", "-t", "--tty", "-d", "--detach", "--rm", "--init", "--privileged",
                    "--read-only", "-P", "--publish-all", "-q", "--quiet"}
MOUNTS = {"--volume", "--mount", "--volumes-from"}


def split_args(args: list[str], values: dict[str, str],
               stop_at_positional: bool) -> tuple[list[tuple[str, str | None]], list[str]]:
    """(options as (long name, value), positionals) of a live command line. With stop_at_positional
    the first positional ends the options, as in `docker create IMAGE CMD…`; `docker build` takes
    options on both sides of its context."""
    options: list[tuple[str, str | None]] = []
    positionals: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            return options, positionals + args[i + 1:]
        if not arg.startswith("-") or arg == "-":
            if stop_at_positional:
                return options, positionals + args[i:]
            positionals.append(arg)
            i += 1
            continue
        name, has_value, inline = arg.partition("=")
        if arg.startswith("--"):
            if name in values:
                if has_value:
                    options.append((values[name], inline))
                else:
                    options.append((values[name], args[i + 1] if i + 1 < len(args) else None))
                    i += 1
            else:
                options.append((name, None))
            i += 1
            continue
        for k, char in enumerate(arg[1:], start=1):
            short = "-" + char
            if short in values:
                rest = arg[k + 1:]
                if rest:
                    options.append((values[short], rest))
                else:
                    options.append((values[short], args[i + 1] if i + 1 < len(args) else None))
                    i += 1
                break
            options.append((short, None))
        i += 1
    return options, positionals
