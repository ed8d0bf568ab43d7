"""Run the checks over documents and turn findings into one answer per question."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from clearprint import analysis, catalogue, isolation, readers
from clearprint.analysis.text import has_text
from clearprint.checks import Check, builtin_checks, plugin_checks
from clearprint.config import Options
from clearprint.errors import DocumentError
from clearprint.isolation import Budget
from clearprint.model import Document, Location, Part
from clearprint.results import (
    AuditResult,
    DocumentResult,
    Finding,
    ItemResult,
    Severity,
    answer_for,
)

# Findings kept per question and document; the rest are counted in one line so
# a 200-page document gives a readable report.
MAX_FINDINGS = 100
MAX_PLACES = 50  # places listed for a finding that repeats

NOT_AUTOMATED = "Not automated yet: check this by eye."


@dataclass(frozen=True, slots=True)
class PlannedItem:
    id: str
    title: str
    question: str
    fix: str
    check: Check | None


def plan(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> tuple[list[PlannedItem], list[str]]:
    """The questions to answer, in checklist order, and any plugin load errors.

    ``select`` and ``ignore`` match id prefixes (``CP0`` means CP01-CP09), as
    flake8 does; ignore wins over select.
    """
    select = tuple(s.upper() for s in select)
    ignore = tuple(s.upper() for s in ignore)
    builtins = builtin_checks()
    plugins, errors = plugin_checks()
    items = [
        PlannedItem(e.id, e.title, e.question, e.fix, builtins.get(e.id))
        for e in catalogue.load().values()
    ]
    items += [PlannedItem(c.id, c.title, c.question, c.fix, c) for c in plugins
              if c.id not in catalogue.load()]
    chosen = [
        item for item in items
        if (not select or item.id.startswith(select)) and not (ignore and item.id.startswith(ignore))
    ]
    return chosen, errors


def discover(paths: Iterable[str]) -> tuple[list[str], list[DocumentResult]]:
    """Files to audit (files as given, folders searched for PDF and Word files), and a
    result with its reason for each folder that could not be searched."""
    found: list[str] = []
    problems: list[DocumentResult] = []
    for given in paths:
        if not os.path.isdir(given):
            found.append(given)
            continue

        found += sorted(
            os.path.join(folder, name)
            for folder, _, names in os.walk(given, onerror=lambda exc: problems.append(_unsearched(exc)))
            for name in names
            if os.path.splitext(name)[1].lower() in readers.SUPPORTED_SUFFIXES
            and not name.startswith("~$")  # Word's lock files
        )
    return found, problems


def _unsearched(exc: OSError) -> DocumentResult:
    reason = exc.strerror.lower() if exc.strerror else "it cannot be listed"
    return DocumentResult(path=exc.filename, format=None, error=f"folder cannot be searched: {reason}")


DEFAULT_BUDGET = Budget()


def audit(paths: Iterable[str], options: Options, items: list[PlannedItem],
          debug: bool = False, jobs: int = 1, budget: Budget = DEFAULT_BUDGET) -> AuditResult:
    """Audit files in the order given; ``jobs`` > 1 audits that many at once."""
    result = AuditResult(profile=options.profile)
    result.documents = list(audit_each(paths, options, items, debug, jobs, budget))
    return result


def audit_each(paths: Iterable[str], options: Options, items: list[PlannedItem],
               debug: bool = False, jobs: int = 1,
               budget: Budget = DEFAULT_BUDGET) -> Iterator[DocumentResult]:
    """Each file's result, in the order given, as soon as it and those before it are done.

    Each document is read, analysed and answered by a child process of its
    own under ``budget`` (see ``clearprint.isolation``), so a hostile file
    costs at most its budget and a batch of many files scales with the cores,
    while one document's answers never depend on how the batch was split.
    With ``debug`` documents are audited in this process, so tracebacks and
    debuggers reach the code that failed.
    """
    paths = list(paths)
    if debug:
        yield from (audit_file(path, options, items, debug) for path in paths)
        return
    readers.preload(paths)
    yield from isolation.run(paths, lambda path: audit_file(path, options, items), budget, jobs)


def audit_file(path: str, options: Options, items: list[PlannedItem], debug: bool = False) -> DocumentResult:
    """Audit one file; a file that cannot be read becomes an error, never a crash."""
    try:
        doc = readers.read(path)
        doc.settle()
        with _collector_skips():
            analysis.prepare(doc, options)
    except DocumentError as exc:
        return DocumentResult(path=path, format=None, error=str(exc))
    except MemoryError:
        raise  # the budget's business: the caller refuses the document as too big
    except RecursionError:
        if debug:
            raise
        return DocumentResult(path=path, format=None,
                              error="could not be read: its structure is nested too deeply")
    except Exception:
        if debug:
            raise
        return DocumentResult(
            path=path, format=None,
            error="could not be read: something in the file stopped the reader; "
                  "run with --debug for details",
        )
    with _collector_skips():
        return audit_document(doc, options, items, debug)


@contextmanager
def _collector_skips() -> Iterator[None]:
    """Keep the model read so far out of the cyclic garbage collector's scans.

    Layout and the checks allocate freely, and each full collection would walk
    the model's hundreds of thousands of objects (a tenth of the checks' time
    on a 50-page form); the model goes back to the collector, which frees any
    cycles it holds, when the block ends.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def audit_document(doc: Document, options: Options, items: list[PlannedItem],
                   debug: bool = False) -> DocumentResult:
    result = DocumentResult(path=doc.path, format=doc.format, pages=_page_count(doc),
                            notes=list(doc.notes))
    for item in items:
        result.items.append(_answer(item, doc, options, debug))
    return result


def _answer(item: PlannedItem, doc: Document, options: Options, debug: bool) -> ItemResult:
    error = None
    if item.check is None:
        findings = [Finding.manual(NOT_AUTOMATED)]
    elif item.check.needs_text and not has_text(doc):
        # Asked once here for every question about text; scanned and unread pages, which
        # may hold text nobody could read, get their findings below instead.
        unknown = doc.scanned_pages or doc.unread_pages
        findings = [] if unknown else [Finding.na("The document has no text.")]
    else:
        try:
            findings = list(item.check.function(doc, options))
        except MemoryError:
            raise
        except Exception as exc:
            if debug:
                raise
            error = f"an internal error ({_first_line(exc)}); run with --debug for details"
            findings = [Finding.manual("The check could not run on this file; check this by eye.")]
    if item.check is not None:
        if item.check.needs_text and doc.scanned_pages:
            findings.append(_scanned_finding(doc.scanned_pages))
        if doc.unread_pages:
            findings.append(_unread_finding(doc.unread_pages))
    return ItemResult(
        id=item.id, question=item.question, title=item.title, fix=item.fix,
        answer=answer_for(findings), findings=list(_capped(findings)), error=error,
    )


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [""])[0][:120] or "no message"


def _scanned_finding(pages: list[int]) -> Finding:
    return Finding.manual(
        f"{len(pages)} page(s) have no text layer (scanned pictures of text): check them by eye"
        f" (pages {_listed(pages)}).",
        pages=pages,
    )


def _unread_finding(pages: list[int]) -> Finding:
    """Whatever the question, a page that could not be read is unanswered (its note says why)."""
    return Finding.manual(
        f"{len(pages)} page(s) could not be read: check them by eye (pages {_listed(pages)}).",
        pages=pages,
    )


def _listed(pages: list[int]) -> str:
    return ", ".join(str(p) for p in pages[:10]) + (" ..." if len(pages) > 10 else "")


def _folded(findings: list[Finding]) -> list[Finding]:
    """Findings that say the same thing become one, counted, listing the places.

    A 150-page book set in 9 pt would otherwise report the same sentence for
    every paragraph; a reader needs it once, with where it happens.
    """
    groups: dict[tuple[Severity, str], list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.severity, finding.message), []).append(finding)
    folded = []
    for same in groups.values():
        first = same[0]
        if len(same) > 1:
            places = [_place(f.location) for f in same if f.location is not None]
            first = Finding(first.severity, first.message, first.location,
                            {**first.data, "places": _unique(places)[:MAX_PLACES]},
                            sum(f.count for f in same))
        folded.append(first)
    return folded


def _place(location: Location) -> str:
    if location.page is not None:
        return f"page {location.page}"
    if location.paragraph is not None:
        part = "" if location.part in (None, Part.BODY) else f" ({location.part})"
        return f"paragraph {location.paragraph}{part}"
    if location.section is not None:
        return f"section {location.section}"
    return "document"


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _capped(findings: list[Finding]) -> Iterator[Finding]:
    """The most serious findings first, at most MAX_FINDINGS, then a count of the rest."""
    rank = {Severity.NO: 0, Severity.MANUAL: 1, Severity.NA: 2, Severity.INFO: 3}
    ordered = sorted(_folded(findings), key=lambda f: rank[f.severity])
    yield from ordered[:MAX_FINDINGS]
    rest = ordered[MAX_FINDINGS:]
    if rest:
        yield Finding.info(f"{sum(f.count for f in rest)} more places not listed.")


def _page_count(doc: Document) -> int | None:
    return len(doc.pages) if doc.format == "pdf" else doc.page_count
