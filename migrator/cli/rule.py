"""`migrate rule [CODE]`: what a finding code means, an example, and what the user can change."""

from __future__ import annotations

import textwrap

import click

from migrator.cli.common import error_boundary

_WIDTH = 88


@click.command()
@click.argument("code", required=False, metavar="[CODE]")
def rule(code: str | None) -> None:
    """Explain the refusal or warning CODE (e.g. MIG111): why migrate reports it, an example
    that triggers it, and what you can change. Without CODE, list every code.

    \b
    Exit codes:
      0  the rule (or the list) is shown
      2  usage error: no such code
    """
    with error_boundary():
        from migrator.findings import RULES
        from migrator.rule_docs import DOCS

        if code is None:
            for known in sorted(RULES):
                click.echo(f"{known}  {RULES[known].severity.value:<7}  {RULES[known].template}")
            return
        known = code.strip().upper()
        if known not in RULES:
            raise click.BadParameter(f"{code} is no code of migrate; `migrate rule` lists them", param_hint="CODE")
        found, doc = RULES[known], DOCS[known]
        paragraphs = [
            f"{known} ({found.severity.value}): {found.template}",
            _wrap("Why", doc.explanation),
            "Example:\n" + textwrap.indent(doc.example, "    "),
            _wrap("What you can change", doc.change),
        ]
        click.echo("\n\n".join(paragraphs))


def _wrap(title: str, text: str) -> str:
    return f"{title}:\n" + textwrap.fill(text, _WIDTH, initial_indent="    ", subsequent_indent="    ")
