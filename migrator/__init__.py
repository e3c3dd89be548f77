"""migrator: move Docker builder-pattern repositories onto one multi-stage Dockerfile."""

__version__ = "0.1.0"  # pyproject.toml reads it from here; JSON documents carry it as tool_version
