"""``python -m analysis report [--input PATH] [--out DIR] [--lang zh|en] [--codebook PATH]``

``python -m analysis deck [--figures a,b] [--lang en] [--out FILE]``: a briefing deck from the
figures and tables already made (a short one with ``--figures``).

``python -m analysis compare A.txt B.txt [C.txt …] --out DIR [--lang en]``: which measures the
lists share and what each does alone; files, glob patterns or folders of lists."""

import argparse
import sys
from pathlib import Path

from .extract.codebook import CodebookError
from .report.notebook_run import NotebookFailed
from .report.pipeline import run_report
from .source.errors import ListFormatError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser(
        "report", help="run the whole pipeline and render reports/report.html"
    )
    report.add_argument("--input", type=Path, help="a list of the same shape (default: data/raw)")
    report.add_argument(
        "--out", type=Path, help="write data/processed, figures and reports under DIR"
    )
    report.add_argument(
        "--lang",
        choices=["zh", "en"],
        default="zh",
        help="language of the figures' text (en: English, written to figures/en)",
    )
    report.add_argument(
        "--codebook",
        type=Path,
        help="a policy-instrument codebook (TOML) to code the items with "
        "(default: src/analysis/resources/policy_instruments.toml)",
    )
    deck = commands.add_parser(
        "deck", help="write a briefing deck from the finished figures and tables"
    )
    deck.add_argument(
        "--figures",
        help="comma-separated figure names, in slide order (default: every figure)",
    )
    deck.add_argument("--lang", choices=["zh", "en"], default="zh")
    deck.add_argument(
        "--out",
        type=Path,
        help="the .pptx to write (default: reports/briefing.pptx, or briefing_short.pptx "
        "with --figures; _en before .pptx in English)",
    )
    compare = commands.add_parser(
        "compare", help="compare two or more lists: shared measures and differences"
    )
    compare.add_argument("lists", nargs="+", help="list files, glob patterns or folders")
    compare.add_argument("--out", type=Path, required=True, help="write everything under DIR")
    compare.add_argument("--lang", choices=["zh", "en"], default="zh")
    compare.add_argument("--codebook", type=Path, help="a policy-instrument codebook (TOML)")
    args = parser.parse_args(argv)

    if args.command == "deck":
        return _deck(args)
    if args.command == "compare":
        return _compare(args)
    try:
        run_report(args.input, args.out, lang=args.lang, codebook=args.codebook)
    except (ListFormatError, CodebookError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except NotebookFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _deck(args) -> int:
    from .paths import out_root
    from .report.deck import write_deck

    figures = [name.strip() for name in args.figures.split(",")] if args.figures else None
    path = args.out
    if path is None and figures:
        suffix = "" if args.lang == "zh" else f"_{args.lang}"
        path = out_root() / "reports" / f"briefing_short{suffix}.pptx"
    try:
        written = write_deck(out_root(), args.lang, figures, path)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(written)
    return 0


def _compare(args) -> int:
    from .extract.comparison import compare_lists
    from .report.comparison import write_comparison
    from .source.lists import load_lists

    lists, errors = load_lists(args.lists)
    for row in errors.itertuples():
        print(f"error: {row.message}", file=sys.stderr)
    if len(lists) < 2:
        print(
            f"error: {len(lists)} list(s) loaded; a comparison needs at least two", file=sys.stderr
        )
        return 2
    try:
        comparison = compare_lists(lists, codebook=args.codebook, errors=errors, progress=True)
    except CodebookError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    by_name = dict(zip(comparison.lists["list"], lists, strict=True))
    written = write_comparison(comparison, by_name, args.out, args.lang)
    for name in comparison.lists["list"]:
        print(f"compared: {name}")
    print(written["html"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
