"""Benchmark: audit speed and memory against PyMuPDF's bare text extraction.

For each document, each in a fresh process (so peak memory is that document's
own, and neither run profits from fonts the other has already loaded):
- the full audit (read, analyse, answer all 27 questions, render JSON);
- for PDFs, PyMuPDF's own ``page.get_text("rawdict")`` over the same pages,
  the floor any PDF checker has to pay.

The target is an audit no slower than 3x the bare extraction.

Usage:
    python benchmarks/bench.py [PATH ...]        # files or folders; default: the sample leaflet
    python benchmarks/bench.py ../shared/corpus  # every PDF and Word file in the corpus
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent / "fixtures" / "samples" / "leaflet.pdf"


def measure_audit(path: str) -> dict:
    """Time one full audit (read, analyse, 27 questions, JSON); runs in a child process."""
    from clearprint import engine, report
    from clearprint.config import Options

    items, _ = engine.plan()
    start = time.perf_counter()
    result = engine.audit([path], Options(), items)
    report.render(result, "json")
    doc = result.documents[0]
    return {"path": path, "pages": doc.pages, "error": doc.error,
            "audit_s": time.perf_counter() - start, "peak_rss_mb": _peak_mb()}


def measure_extraction(path: str) -> dict:
    """Time PyMuPDF's own rawdict extraction of every page, in a fresh process like the audit."""
    import pymupdf

    start = time.perf_counter()
    with pymupdf.open(path) as pdf:
        for page in pdf:
            page.get_text("rawdict")
    return {"extract_s": time.perf_counter() - start}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(mode: str, path: str) -> dict | None:
    out = subprocess.run([sys.executable, __file__, f"--{mode}", path], capture_output=True, text=True)
    if out.returncode != 0:
        print(f"{path}: benchmark failed: {out.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    return json.loads(out.stdout)


def documents(paths: list[str]) -> list[str]:
    from clearprint.engine import discover

    return discover(paths or [str(DEFAULT)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--audit", help=argparse.SUPPRESS)
    parser.add_argument("--extract", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.audit:
        print(json.dumps(measure_audit(args.audit)))
        return
    if args.extract:
        print(json.dumps(measure_extraction(args.extract)))
        return

    rows = []
    for path in documents(args.paths):
        row = _child("audit", path)
        if row is None:
            continue
        row["extract_s"] = None
        if path.lower().endswith(".pdf") and not row["error"]:
            extraction = _child("extract", path)
            row["extract_s"] = extraction["extract_s"] if extraction else None
        rows.append(row)

    print(f"{'document':<58} {'pages':>5} {'audit s':>8} {'pages/s':>8} {'extract s':>9} "
          f"{'ratio':>6} {'peak MB':>8}")
    for row in rows:
        pages = row["pages"] or 0
        ratio = row["audit_s"] / row["extract_s"] if row["extract_s"] else None
        name = Path(row["path"]).name[:58]
        if row["error"]:
            print(f"{name:<58} {'-':>5} {row['audit_s']:>8.2f} {'':>8} {'':>9} {'':>6} "
                  f"{row['peak_rss_mb']:>8.0f}  error")
            continue
        print(f"{name:<58} {pages:>5} {row['audit_s']:>8.2f} {pages / row['audit_s']:>8.1f} "
              f"{row['extract_s'] or 0:>9.2f} {ratio or 0:>6.2f} {row['peak_rss_mb']:>8.0f}")

    pdfs = [r for r in rows if r["extract_s"]]
    if pdfs:
        audit = sum(r["audit_s"] for r in pdfs)
        extract = sum(r["extract_s"] for r in pdfs)
        pages = sum(r["pages"] or 0 for r in pdfs)
        print(f"\nPDF total: {pages} pages, audit {audit:.2f} s ({pages / audit:.1f} pages/s), "
              f"bare rawdict extraction {extract:.2f} s, ratio {audit / extract:.2f}")
    total = sum(r["audit_s"] for r in rows)
    print(f"All documents: {len(rows)} in {total:.2f} s; highest peak memory "
          f"{max((r['peak_rss_mb'] for r in rows), default=0):.0f} MB")


if __name__ == "__main__":
    main()
