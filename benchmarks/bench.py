"""Benchmark: audit speed and memory against PyMuPDF's bare text extraction.

For each document, in a fresh process (so peak memory is that document's own):
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


def measure_one(path: str) -> dict:
    """Time one audit and, for a PDF, the bare extraction; runs in a child process."""
    from clearprint import engine, report
    from clearprint.config import Options

    items, _ = engine.plan()
    start = time.perf_counter()
    result = engine.audit([path], Options(), items)
    report.render(result, "json")
    audit_s = time.perf_counter() - start
    doc = result.documents[0]
    extract_s = None
    if path.lower().endswith(".pdf") and not doc.error:
        import pymupdf

        start = time.perf_counter()
        with pymupdf.open(path) as pdf:
            for page in pdf:
                page.get_text("rawdict")
        extract_s = time.perf_counter() - start
    return {
        "path": path,
        "pages": doc.pages,
        "error": doc.error,
        "audit_s": audit_s,
        "extract_s": extract_s,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def documents(paths: list[str]) -> list[str]:
    from clearprint.engine import discover

    return discover(paths or [str(DEFAULT)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one)))
        return

    rows = []
    for path in documents(args.paths):
        out = subprocess.run([sys.executable, __file__, "--one", path], capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{path}: benchmark failed: {out.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            continue
        rows.append(json.loads(out.stdout))

    print(f"{'document':<58} {'pages':>5} {'audit s':>8} {'pages/s':>8} {'extract s':>9} {'ratio':>6} {'peak MB':>8}")
    for row in rows:
        pages = row["pages"] or 0
        ratio = row["audit_s"] / row["extract_s"] if row["extract_s"] else None
        name = Path(row["path"]).name[:58]
        if row["error"]:
            print(f"{name:<58} {'-':>5} {row['audit_s']:>8.2f} {'':>8} {'':>9} {'':>6} {row['peak_rss_mb']:>8.0f}  error")
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
