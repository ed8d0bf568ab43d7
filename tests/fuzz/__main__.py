"""The long fuzzing run: ``python -m tests.fuzz [--seed N] [--count N] [--heavy]``.

Mutants of the fixtures, then the crafted hostile files (``--heavy`` adds the
ones that take a while to build or that must meet the budget), audited in
batches by the installed command line. Prints what was tried and every input
that crashed, hung, went over budget, was refused unclearly or printed
something unsafe; exits 1 if there was any.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from tests.fuzz import crafted, mutate
from tests.fuzz.harness import Report, audit_batch


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1, help="first seed (default 1)")
    parser.add_argument("--count", type=int, default=500, help="mutants to try (default 500)")
    parser.add_argument("--batch", type=int, default=50, help="inputs audited in one run (default 50)")
    parser.add_argument("--heavy", action="store_true", help="also the slow crafted files")
    parser.add_argument("--jobs", type=int, default=2, help="documents audited at once (default 2)")
    args = parser.parse_args(argv)

    total = Report()
    with tempfile.TemporaryDirectory(prefix="clearprint-fuzz-") as scratch:
        folder = Path(scratch)
        made_from = dict(mutate.mutants(args.seed, args.count, folder))
        made = list(made_from)
        generators = {**crafted.GENERATORS, **(crafted.HEAVY if args.heavy else {})}
        made += [generate(folder) for generate in generators.values()]
        made += crafted.hostile_names(folder)
        for start in range(0, len(made), args.batch):
            batch = made[start:start + args.batch]
            report = audit_batch(batch, jobs=args.jobs)
            report.bad = [f"{line} [{_origin(line, made_from)}]" for line in report.bad]
            total.merge(report)
            print(f"{start + len(batch)}/{len(made)}: {total.summary()}", file=sys.stderr, flush=True)
            for path in batch:
                path.unlink(missing_ok=True)
    print(total.summary())
    print("refusals:")
    for reason, count in total.reasons.most_common():
        print(f"  {count:5d}  {reason}")
    for line in total.bad:
        print("  " + line.encode("ascii", "backslashreplace").decode("ascii"))
    return 1 if total.bad else 0


def _origin(line: str, made_from: dict[Path, str]) -> str:
    """How the input a report line names was made: its fixture and mutation, or crafted."""
    return next((how for path, how in made_from.items() if line.startswith(str(path))), "crafted")


if __name__ == "__main__":
    sys.exit(main())
