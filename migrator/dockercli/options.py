"""The docker CLI's options, as its flag parser sees them: which take a value (mapped to their long
name) and which are flags."""

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
EXEC_VALUES = {"-e": "--env", "--env": "--env", "--env-file": "--env-file", "-w": "--workdir", "--workdir": "--workdir",
               "-u": "--user", "--user": "--user", "--detach-keys": "--detach-keys"}
EXEC_FLAGS = {"-d", "--detach", "-i", "--interactive", "-t", "--tty", "--privileged"}
CP_FLAGS = {"-L", "--follow-link", "-a", "--archive", "-q", "--quiet"}
RM_FLAGS = {"-f", "--force", "-v", "--volumes", "-l", "--link"}
RMI_FLAGS = {"-f", "--force", "--no-prune"}
