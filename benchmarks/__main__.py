"""``python -m benchmarks``: the command line of ``make bench`` (the package docstring says what
each row measures)."""

import argparse
import json
import os
import platform
import sys
from pathlib import Path

from . import __doc__ as OVERVIEW
from .measure import bench_dask, bench_dask_rounds, bench_report, bench_scale
from .results import verdicts, write_markdown
from .workers import run_dask_task, run_floor, run_task


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=OVERVIEW,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="write the results here as JSON, and beside it as Markdown (.md); "
        "without it they are only printed",
    )
    parser.add_argument("--scale", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-report", action="store_true", help="leave out row a")
    parser.add_argument("--skip-dask", action="store_true", help="leave out row e")
    parser.add_argument(
        "--cntext-dir",
        type=Path,
        help="a folder cntext 2.2.1 is installed in (make bench-cntext); measures row d",
    )
    parser.add_argument(
        "--dask-only",
        action="store_true",
        help="run only e with its baselines, --repeats rounds",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--floor", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--table", help=argparse.SUPPRESS)
    parser.add_argument("--cntext", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker in ("dask", "dask-local"):
        print(json.dumps(run_dask_task(args.worker, args.scale)))
        return 0
    if args.worker:
        print(json.dumps(run_task(args.worker, args.scale, args.table, args.cntext)))
        return 0
    if args.floor:
        print(json.dumps(run_floor(args.floor)))
        return 0
    if args.cntext_dir is not None and not (args.cntext_dir / "cntext").is_dir():
        parser.error(f"no cntext package in {args.cntext_dir} (make bench-cntext installs it)")

    results = {
        "command": "make bench",
        "repeats": args.repeats,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "python": platform.python_version(),
    }
    if args.dask_only:
        print(f"e. Dask at {args.scale}×, {args.repeats} rounds …", file=sys.stderr, flush=True)
        results["dask"] = bench_dask_rounds(args.scale, args.repeats)
    else:
        if not args.skip_report:
            print("a. report against the floor …", file=sys.stderr, flush=True)
            results["report"] = bench_report(args.repeats)
        print(f"b–d. keyword counting at {args.scale}× …", file=sys.stderr, flush=True)
        cntext = None if args.cntext_dir is None else args.cntext_dir.resolve()
        results["scale"] = bench_scale(args.scale, cntext)
        if not args.skip_dask:
            print(f"e. Dask at {args.scale}× …", file=sys.stderr, flush=True)
            jieba = {
                "seconds": results["scale"]["jieba_lcut_seconds"],
                "characters": results["scale"]["characters"],
            }
            results["dask"] = bench_dask(args.scale, jieba)
    results["targets"] = verdicts(results)
    text = json.dumps(results, ensure_ascii=False, indent=2) + "\n"
    if args.out is not None and not args.dask_only:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        write_markdown(results, args.out.with_suffix(".md"))
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
