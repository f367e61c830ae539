"""``make faults``: kill an import 30 times, open damaged files, round-trip a backup; print figures.

Usage: python faults/run.py [--small] [--kills N] [--rows N] [--seed N] [--work DIR]

``--small`` is the quick version the test suite runs (3 kills on a small file,
the CLI called in-process). Exit status 0 when every check passed, 1 if any
failed. Nothing here touches the user's data: everything is made in a
temporary folder (or ``--work``), and ``TIKLIVE_DATA_DIR`` is pointed there too.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fault_backup import run_backups
from fault_corpus import run_corpus
from fault_kill import run_kill_test


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="faults", description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="the quick version (make test)")
    parser.add_argument("--kills", type=int, help="SIGKILLs (default 30; small: 3)")
    parser.add_argument("--rows", type=int, help="sessions in the CSV (default 20000; small: 1500)")
    parser.add_argument("--seed", type=int, default=8, help="random seed (default 8)")
    parser.add_argument("--work", type=Path, help="folder for the files (default: a temporary one)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    kills = args.kills or (3 if args.small else 30)
    rows = args.rows or (1500 if args.small else 20_000)
    with tempfile.TemporaryDirectory(prefix="tiklive-faults-") as temp:
        work = (args.work or Path(temp)).resolve()
        os.environ["TIKLIVE_DATA_DIR"] = str(work / "data")
        os.environ.setdefault("TIKLIVE_CONFIG_DIR", str(work / "config"))
        started = time.monotonic()
        kill_results, kill_text = run_kill_test(work / "kill", rows, kills, args.seed)
        print(kill_text, end="\n\n", flush=True)
        corpus_rows, corpus_text = run_corpus(work / "corpus", inline_cli=args.small)
        print(corpus_text, end="\n\n", flush=True)
        checks, backup_text = run_backups(work / "backup", min(rows, 2000))
        print(backup_text, end="\n\n", flush=True)
        failed = [k for k in kill_results if not k.ok]
        failed += [r for r in corpus_rows if not r.ok(r.kind)]
        failed += [c for c in checks if c.ok is False]
        verdict = "FAIL" if failed else "PASS"
        print(f"faults: {verdict} ({len(failed)} failed) in {time.monotonic() - started:.1f} s")
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
