"""Command line: ``clearprint audit``, ``clearprint checks``, ``clearprint explain``.

Heavy modules (PyMuPDF, python-docx, Jinja2) are imported inside the commands,
so ``clearprint --help`` answers at once.
"""

from __future__ import annotations

import contextlib
import os
import sys
import textwrap
from typing import Any

import click

from clearprint import __version__

FORMATS = ("text", "json", "html")
PROFILES = ("clear-print", "large-print")


def _split_ids(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _parse_settings(values: tuple[str, ...]) -> dict[str, str]:
    settings = {}
    for value in values:
        name, sep, raw = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{value!r} is not NAME=VALUE", param_hint="--set")
        settings[name.strip()] = raw.strip()
    return settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="clearprint")
def main() -> None:
    """Check PDF and Word documents against the RNIB Clear Print guidelines.

    clearprint answers the 27 questions of the RNIB Clear Print checklist for
    each document (yes, no, manual or n/a) and shows where each problem is:
    page and box in a PDF, paragraph in a Word file.

    \b
    Examples:
      clearprint audit leaflet.pdf
      clearprint audit marketing/ --format html -o report.html
      clearprint audit docs/ --format json --profile large-print
      clearprint explain CP02
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Report format: a table for people, JSON for programs, or one HTML file.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the report to this file instead of standard output. It is written "
                   "whole when the audit ends, or not at all.")
@click.option("--profile", type=click.Choice(PROFILES), default="clear-print", show_default=True,
              help="Thresholds to apply: clear-print (12 pt minimum) or large-print (16 pt).")
@click.option("--select", multiple=True, metavar="CPnn",
              help="Answer only these questions (id or prefix, repeatable or comma-separated).")
@click.option("--ignore", multiple=True, metavar="CPnn",
              help="Leave out these questions (id or prefix, repeatable or comma-separated).")
@click.option("--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="Override one threshold, e.g. --set min_type_size=14. "
                   "'clearprint checks --options' lists them.")
@click.option("--fold", "folds", multiple=True, type=float, metavar="MM",
              help="A fold line, in mm from the left edge of the page (repeatable). "
                   "Without it, folds are inferred from the layout.")
@click.option("--color/--no-color", default=None,
              help="Colour the text report (default: when writing to a terminal).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Audit this many files at once (0: one per CPU this process may use). "
                   "The report order stays the order given.")
@click.option("--time-limit", type=click.FloatRange(min=0), default=60, show_default=True,
              metavar="SECONDS",
              help="Refuse a document whose audit takes longer than this (0: no limit).")
@click.option("--memory-limit", type=click.IntRange(min=0), default=1536, show_default=True,
              metavar="MB",
              help="Refuse a document whose audit needs more memory than this, in MB "
                   "(0: no limit). Each of --jobs documents has its own.")
@click.option("--debug", is_flag=True,
              help="Audit in this process, without the time and memory limits, and show a "
                   "traceback when something goes wrong.")
def audit(paths: tuple[str, ...], fmt: str, output: str | None, profile: str,
          select: tuple[str, ...], ignore: tuple[str, ...], settings: tuple[str, ...],
          folds: tuple[float, ...], color: bool | None, jobs: int, time_limit: float,
          memory_limit: int, debug: bool) -> None:
    """Audit PDF and Word files, or folders of them, against the checklist.

    Folders are searched for .pdf, .docx and .dotx files. Files are only read,
    never changed. Documents are audited in worker processes, each within the
    time and memory limits, so one hostile file cannot stall a batch.

    Put -- before paths that a shell pattern expands, so that a file whose
    name starts with - is never taken for an option:

    \b
      clearprint audit --format html -o report.html -- *.pdf

    \b
    Exit codes:
      0    no question was answered "no"
      1    at least one question was answered "no"
      2    usage error, or a document could not be audited
           (the other documents are still audited and reported)
      130  interrupted (Ctrl-C); 143 stopped by SIGTERM: no report is written
    """
    from clearprint import engine, isolation, report
    from clearprint.config import OptionError, Options
    from clearprint.report.safe import printable

    overrides = _parse_settings(settings)
    try:
        extra = {"folds": list(folds)} if folds else {}
        options = Options(profile, overrides, **extra)
    except OptionError as exc:
        raise click.UsageError(str(exc)) from None
    items, plugin_errors = engine.plan(_split_ids(select), _split_ids(ignore))
    for message in plugin_errors:
        click.echo(f"clearprint: warning: {printable(message)}", err=True)
    if not items:
        raise click.UsageError("--select/--ignore leave no questions to answer")
    files, problems = engine.discover(paths)
    if not files and not problems:
        raise click.UsageError("no PDF or Word files found in " + ", ".join(map(_shown, paths)))
    if output:
        _check_output(output, files)

    budget = isolation.Budget(seconds=time_limit or None, memory_mb=memory_limit or None)
    try:
        result = engine.audit(files, options, items, debug=debug, jobs=jobs or _usable_cpus(),
                              budget=budget)
        result.documents[:0] = problems
        use_color = (output is None and sys.stdout.isatty()) if color is None else color
        rendered = report.render(result, fmt, color=use_color and fmt == "text")
        if output:
            _write_whole(output, rendered)
        else:
            click.echo(rendered, nl=False)
    except (isolation.Interrupted, KeyboardInterrupt) as exc:
        code = exc.exit_code if isinstance(exc, isolation.Interrupted) else 130
        click.echo("clearprint: interrupted; no report was written", err=True)
        sys.exit(code)
    if output or fmt != "text":
        for doc in result.documents:
            if doc.error:
                click.echo(f"clearprint: {_shown(doc.path)}: {printable(doc.error)}", err=True)
    sys.exit(result.exit_code)


def _shown(path: str) -> str:
    """A path as it may be printed: valid Unicode, controls escaped."""
    from clearprint.report.safe import printable, valid_path

    return printable(valid_path(path))


def _usable_cpus() -> int:
    """The CPUs this process may run on (a container or taskset may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1


def _check_output(output: str, inputs: list[str]) -> None:
    """Refuse, before any work, an output path that cannot be written or would replace a document."""
    from clearprint.readers import SUPPORTED_SUFFIXES

    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder):
        raise click.UsageError(f"-o {_shown(output)}: the folder {_shown(folder)} does not exist")
    if os.path.splitext(output)[1].lower() in SUPPORTED_SUFFIXES:
        raise click.UsageError(
            f"-o {_shown(output)}: a report would be written over a document name; "
            "name the report .txt, .json or .html (put -- before globbed paths)")
    if os.path.exists(output):
        for given in inputs:
            try:
                if os.path.samefile(given, output):
                    raise click.UsageError(f"-o {_shown(output)} is one of the documents to audit")
            except OSError:
                continue


def _write_whole(output: str, text: str) -> None:
    """Write the report beside its final name, then rename it into place: an
    interrupted run leaves the previous report (or none), never half a report."""
    import tempfile

    folder = os.path.dirname(os.path.abspath(output))
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".clearprint-", suffix=".tmp")
    except OSError as exc:
        raise click.FileError(output, hint=exc.strerror) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, output)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@main.command()
@click.option("--options", "show_options", is_flag=True, help="Also list each question's thresholds.")
def checks(show_options: bool) -> None:
    """List the 27 questions and how each is answered."""
    from clearprint import catalogue
    from clearprint.checks import builtin_checks

    implemented = builtin_checks()
    for entry in catalogue.load().values():
        how = entry.automation if entry.id in implemented else "manual (not automated yet)"
        click.echo(f"{entry.id}  {how:<28} {entry.title}")
        if show_options:
            _echo_options(entry, "        ")


@main.command()
@click.argument("check_id", metavar="CPnn")
def explain(check_id: str) -> None:
    """Explain one question: why it matters, how it is measured, how to fix it."""
    from clearprint import catalogue

    entries = catalogue.load()
    entry = entries.get(check_id.upper())
    if entry is None:
        raise click.UsageError(f"no question {check_id!r}; ids run from CP01 to CP27")
    width = 78
    click.echo(f"{entry.id} {entry.title}\n{entry.question}\n")
    for heading, text in (("Why it matters", entry.why), ("How clearprint measures it", entry.measured),
                          ("How to fix it", entry.fix)):
        click.echo(f"{heading}:\n{textwrap.fill(text, width, initial_indent='  ', subsequent_indent='  ')}\n")
    click.echo(f"Automation: {entry.automation}")
    if entry.options:
        click.echo("Thresholds (override with --set NAME=VALUE):")
        _echo_options(entry, "  ")
    if entry.sources:
        click.echo("Sources: " + "; ".join(entry.sources))


def _echo_options(entry: Any, indent: str) -> None:
    """Each threshold with its default and unit, then its help on the line below."""
    for name, info in entry.option_info.items():
        click.echo(f"{indent}{name} = {info.shown()}  ({info.kind})")
        if info.help:
            click.echo(textwrap.fill(info.help, 78, initial_indent=indent + "    ",
                                     subsequent_indent=indent + "    "))
