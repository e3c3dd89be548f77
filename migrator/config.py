"""A repository's own settings: `.migrate.toml` at its root, or else `[tool.migrate]` in its
`pyproject.toml`. The keys are the command line's options (`script`, `builder`, `runtime`,
`accept`, `ignore`); an option given on the command line wins over the file's value of the same
key. `accept` lists refusals the repository knows about (each is then reported as an accepted
warning and fails nothing); `ignore` lists warnings not to report at all."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path

from migrator.findings import RULES, Severity
from migrator.outcome import Outcome, Refused
from migrator.report import ERROR_CODES
from migrator.safe_read import read_regular

CONFIG_FILE = ".migrate.toml"
_TEXT_KEYS = ("script", "builder", "runtime")
_CODE_KEYS = ("accept", "ignore")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Settings:
    script: str | None = None
    builder: str | None = None
    runtime: str | None = None
    accept: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    source: str | None = None  # where the file's settings came from, for messages


def load_settings(repo: Path) -> Settings:
    """The settings in REPO's `.migrate.toml`, else in its pyproject.toml's [tool.migrate]; none
    when neither has any. Raises ConfigError."""
    own = repo / CONFIG_FILE
    if own.exists() or own.is_symlink():
        return _settings(_read_toml(own), CONFIG_FILE)
    pyproject = repo / "pyproject.toml"
    if pyproject.exists():
        table = _read_toml(pyproject).get("tool", {}).get("migrate")
        if table is not None:
            if not isinstance(table, dict):
                raise ConfigError("pyproject.toml: [tool.migrate] must be a table")
            return _settings(table, "pyproject.toml [tool.migrate]")
    return Settings()


def with_options(settings: Settings, script: str | None = None, builder: str | None = None,
                 runtime: str | None = None, accept: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> Settings:
    """SETTINGS with the command line's options put over them, key by key (`--accept A,B` or
    `--accept A --accept B`). Raises ConfigError for a code that does not fit its key."""
    given: dict = {key: value for key, value in (("script", script), ("builder", builder), ("runtime", runtime))
                   if value is not None}
    for key, values in (("accept", accept), ("ignore", ignore)):
        if values:
            codes = frozenset(c.strip().upper() for v in values for c in v.split(",") if c.strip())
            _check_codes(key, codes, f"--{key}")
            given[key] = codes
    return dataclasses.replace(settings, **given)


def apply_settings(outcome: Outcome, settings: Settings) -> Outcome:
    """OUTCOME as the repository wants it reported: its accepted refusals marked accepted, its
    ignored warnings left out."""
    if isinstance(outcome, Refused):
        marked = tuple(dataclasses.replace(f, accepted=f.code in settings.accept) for f in outcome.findings)
        return dataclasses.replace(outcome, findings=marked)
    return dataclasses.replace(outcome, warnings=tuple(w for w in outcome.warnings if w.code not in settings.ignore))


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(read_regular(path).decode("utf-8"))
    except OSError as error:
        raise ConfigError(f"{path.name}: cannot read it: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path.name}: it is not UTF-8, as TOML must be") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path.name}: not valid TOML: {error}") from None


def _settings(table: dict, source: str) -> Settings:
    unknown = sorted(set(table) - {*_TEXT_KEYS, *_CODE_KEYS})
    if unknown:
        raise ConfigError(f"{source}: unknown key {unknown[0]!r}; the keys are "
                          + ", ".join(_TEXT_KEYS + _CODE_KEYS))
    values: dict = {"source": source}
    for key in _TEXT_KEYS:
        if key in table:
            if not isinstance(table[key], str) or not table[key]:
                raise ConfigError(f"{source}: {key} must be a path (a non-empty string)")
            values[key] = table[key]
    for key in _CODE_KEYS:
        if key in table:
            codes = table[key]
            if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
                raise ConfigError(f'{source}: {key} must be a list of codes, e.g. {key} = ["MIG111"]')
            values[key] = frozenset(c.upper() for c in codes)
            _check_codes(key, values[key], source)
    return Settings(**values)


def _check_codes(key: str, codes: frozenset[str], source: str) -> None:
    """accept takes refusals (not the ones that say an input could not be read), ignore warnings."""
    for code in sorted(codes):
        rule = RULES.get(code)
        if rule is None:
            raise ConfigError(f"{source}: {key}: {code} is no code of migrator (see `migrate rule`)")
        if key == "accept" and rule.severity is not Severity.REFUSE:
            raise ConfigError(f"{source}: accept: {code} is a warning; warnings go in ignore")
        if key == "accept" and code in ERROR_CODES:
            raise ConfigError(f"{source}: accept: {code} says a file could not be read or written; "
                              "that cannot be accepted")
        if key == "ignore" and rule.severity is not Severity.WARN:
            raise ConfigError(f"{source}: ignore: {code} is a refusal; a refusal can only be accepted (accept)")
