"""No input gives a traceback: whatever the script and Dockerfile say, migrate_repo returns an
Outcome (and the CLI maps it to an exit code).

The search is derandomised, so CI runs the same inputs every time; every input that ever broke it
is pinned with @example, so it keeps being run."""

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from migrator.outcome import Migrated, NothingToMigrate, Refused
from migrator.pipeline import migrate_repo

SHELL_WORDS = st.sampled_from([
    "docker", "build", "create", "cp", "rm", "run", "-t", "b:1", "-f", "Dockerfile.build", ".", "x:/out/app",
    "./app", "--name", "x", "$(", ")", "`", '"', "'", "&&", "||", ";", "|", "\n", "if", "then", "fi", "[[", "]]",
    "$((", "))", "case", "esac", "mkdir", "mv", "cd", "..", "$1", "${A:-b}", "<<EOF", "EOF", "{", "}", "f()", "=",
    "A=", "for", "in", "do", "done", "\\", "#", "COPY", "app", "/", "-",
])
DOCKER_WORDS = st.sampled_from(["FROM", "busybox", "AS", "b", "COPY", "ADD", "app", "/app", "--from=0", "ARG",
                                "X=1", "RUN", "<<EOF", "EOF", "\n", "\\", "[", "]", '"', "USER", "u", "#"])

BASE = ("docker build -t b:1 -f Dockerfile.build .\ndocker create --name x b:1\n"
        "docker cp x:/out/app ./app\ndocker build -t r .\n")


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=st.lists(SHELL_WORDS, max_size=30).map(" ".join),
       runtime=st.lists(DOCKER_WORDS, max_size=20).map(" ".join))
@example(script="", runtime="FROM --from=0")  # a FROM without an image crashed the renderer (IndexError)
@example(script="docker build -tb:1 -fDockerfile.build .", runtime="")  # -tNAME crashed the tracer (NameError)
@example(script="unused() {\n[[ -n x ]] && docker push x\n}", runtime="")  # an unparsable dead function
def test_any_input_gives_an_outcome(tmp_path_factory, script, runtime):
    repo = tmp_path_factory.mktemp("repo")
    (repo / "build.sh").write_text(BASE + script)
    (repo / "Dockerfile.build").write_text("FROM busybox\nRUN mkdir /out\n")
    (repo / "Dockerfile").write_text("FROM busybox\n" + runtime + "\nCOPY app /app\n")
    assert isinstance(migrate_repo(repo), (Migrated, NothingToMigrate, Refused))
