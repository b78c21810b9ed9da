"""The command line: `analysis report`, `analysis deck`, `analysis workbook` and
`analysis glossary` (`python -m analysis …` is the same). `--out` is the output folder in every
subcommand: `data/processed`, `figures` and `reports` are written under it.

`analysis compare A.txt B.txt [C.txt …] --out DIR` compares lists: which measures they share
and what each does alone.

In the project's checkout the list in `data/raw` is the default input and the project folder
the default output; an installed kit needs `--input` and writes to the current folder.
A wrong argument or a malformed input stops with a one-line error and exit code 2; a failing
notebook with exit code 1."""

import argparse
import sys
from pathlib import Path

from .extract.codebook import CodebookError
from .figures.glossary import GlossaryError
from .source.errors import ListFormatError

LANGUAGE_HELP = "language of the figures and text: zh (default) or en (figures go to figures/en)"
OUT_HELP = (
    "the output folder: data/processed, figures and reports are under it "
    "(default: the project folder in a checkout, else the current folder)"
)
REPORT_EXAMPLE = """example:
  analysis report --input my_list.txt --out results/
  analysis report --input my_list.txt --out results/ --lang en --codebook my_codebook.toml

writes results/data/processed/ (tables, analysis.xlsx), results/figures/ (PNG and SVG),
results/reports/report.html, briefing.pptx and reports/notebooks/ (each notebook as it ran,
with the parameters it was given)."""
DECK_EXAMPLE = """example:
  analysis deck --out results/
  analysis deck --out results/ --figures key_numbers,items_per_section --lang en

reads the figures and tables a report run left under --out and writes
results/reports/briefing.pptx (briefing_short.pptx with --figures; _en in English)."""
GLOSSARY_HELP = (
    "your own glossary (CSV: term_zh,en), used after the curated glossary and before the dictionary"
)
GLOSSARY_EXAMPLE = """example:
  analysis glossary --input my_list.txt --out results/
  analysis report --input my_list.txt --out results/ --lang en --glossary my_glossary.csv

writes results/glossary_my_list.csv: every Chinese term the English outputs of the list show,
with its gloss, the gloss's source (curated, user, dictionary, pinyin) and its pinyin. Correct
the English column and pass the file back with --glossary."""
COMPARE_EXAMPLE = """example:
  analysis compare shenzhen.txt district.txt --out comparison/
  analysis compare "lists/*.txt" --out comparison/ --lang en

writes comparison/reports/comparison.html, comparison.pptx, comparison.xlsx and the tidy tables
in comparison/data/processed/ (alignment.csv: each measure's closest measures in every other
list, with the score, the label and the shared passage). A list that fails to load is named
with its line, and the comparison goes on while two remain."""
WORKBOOK_EXAMPLE = """example:
  analysis workbook --out results/

reads the tables a report run left in results/data/processed/ and writes
results/data/processed/analysis.xlsx."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="analysis",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str, example: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=summary,
            description=summary,
            epilog=example,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.add_argument("--out", type=Path, metavar="DIR", help=OUT_HELP)
        # A subcommand's own error names it: "analysis report: error: …".
        sub.set_defaults(command_parser=sub)
        return sub

    report = command(
        "report",
        "run every notebook on a list and write the tables, figures, report, deck and workbook",
        REPORT_EXAMPLE,
    )
    report.add_argument(
        "--input",
        type=Path,
        metavar="LIST",
        help="the list to analyse, a text file of the same shape "
        "(default: the project's own list in data/raw, in a checkout only)",
    )
    report.add_argument("--lang", choices=["zh", "en"], default="zh", help=LANGUAGE_HELP)
    report.add_argument(
        "--codebook",
        type=Path,
        metavar="TOML",
        help="a policy-instrument codebook to code the items with "
        "(default: the bundled resources/policy_instruments.toml)",
    )
    report.add_argument("--glossary", type=Path, metavar="CSV", help=GLOSSARY_HELP)
    report.add_argument(
        "--allow-gaps",
        action="store_true",
        help="load a list published abridged whose numbering skips items it does not account "
        "for; the missing items are recorded as absent (a gap the list explains itself, a "
        "section published with its heading only and its count, loads without this flag)",
    )

    deck = command(
        "deck", "write a briefing deck from the figures and tables a report run left", DECK_EXAMPLE
    )
    deck.add_argument(
        "--figures",
        metavar="A,B",
        help="comma-separated figure names, in slide order (default: every figure)",
    )
    deck.add_argument("--lang", choices=["zh", "en"], default="zh", help=LANGUAGE_HELP)
    deck.add_argument("--glossary", type=Path, metavar="CSV", help=GLOSSARY_HELP)

    glossary = command(
        "glossary",
        "list every Chinese term the English outputs of a list show, with its gloss and source",
        GLOSSARY_EXAMPLE,
    )
    glossary.add_argument(
        "--input", type=Path, metavar="LIST", help="the list (default: data/raw, in a checkout)"
    )
    glossary.add_argument("--glossary", type=Path, metavar="CSV", help=GLOSSARY_HELP)

    compare = command(
        "compare",
        "compare two or more lists: which measures they share and what each does alone",
        COMPARE_EXAMPLE,
    )
    compare.add_argument("lists", nargs="+", metavar="LIST", help="list files, globs or folders")
    compare.add_argument("--lang", choices=["zh", "en"], default="zh", help=LANGUAGE_HELP)
    compare.add_argument(
        "--codebook", type=Path, metavar="TOML", help="a policy-instrument codebook"
    )

    command(
        "workbook",
        "write the analyst's workbook from the tables a report run left",
        WORKBOOK_EXAMPLE,
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run = {
        "report": _report,
        "deck": _deck,
        "workbook": _workbook,
        "glossary": _glossary,
        "compare": _compare,
    }[args.command]
    try:
        return run(args)
    except (ListFormatError, CodebookError, GlossaryError, FileNotFoundError) as exc:
        # One line, as argparse reports a wrong argument, and the same exit code.
        print(f"error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2


def _report(args) -> int:
    from .paths import default_input
    from .report.notebook_run import NotebookFailed
    from .report.pipeline import run_report

    if args.input is None and default_input() is None:
        args.command_parser.error(
            "the report needs --input LIST: an installed kit has no list of its own"
        )
    try:
        run_report(
            args.input,
            args.out,
            lang=args.lang,
            codebook=args.codebook,
            glossary=args.glossary,
            allow_gaps=args.allow_gaps,
        )
    except NotebookFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _deck(args) -> int:
    from .paths import default_out, reports_dir
    from .report.deck import deck_name, write_deck

    out = (args.out or default_out()).resolve()
    figures = [name.strip() for name in args.figures.split(",")] if args.figures else None
    path = reports_dir(out) / deck_name(args.lang, short=bool(figures))
    print(write_deck(out, args.lang, figures, path, glossary=args.glossary))
    return 0


def _compare(args) -> int:
    from .extract.comparison import compare_lists
    from .paths import default_out
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
    comparison = compare_lists(lists, codebook=args.codebook, errors=errors, progress=True)
    by_name = dict(zip(comparison.lists["list"], lists, strict=True))
    written = write_comparison(
        comparison, by_name, (args.out or default_out()).resolve(), args.lang
    )
    for name in comparison.lists["list"]:
        print(f"compared: {name}")
    print(written["html"])
    return 0


def _glossary(args) -> int:
    from .figures.glossary import checked_glossary
    from .paths import default_input, default_out
    from .report.glossary_terms import glossary_for_list
    from .tables.write import write_csv

    list_file = args.input or default_input()
    if list_file is None:
        args.command_parser.error("the glossary needs --input LIST: an installed kit has none")
    table = glossary_for_list(list_file, checked_glossary(args.glossary))
    path = (args.out or default_out()).resolve() / f"glossary_{Path(list_file).stem}.csv"
    write_csv(table, path)
    counts = table["source"].value_counts()
    print(f"{path}: {len(table)} terms ({', '.join(f'{s} {n}' for s, n in counts.items())})")
    return 0


def _workbook(args) -> int:
    from .paths import default_out, processed_dir
    from .report.workbook import write_workbook

    print(write_workbook(processed_dir((args.out or default_out()).resolve())))
    return 0


def run() -> None:
    """The console script: the start-up speed-up of `lean_imports` applies to this process,
    which is the command's own, then the command runs."""
    from .lean_imports import skip_unused_uri_checker

    skip_unused_uri_checker()
    sys.exit(main())


if __name__ == "__main__":
    run()
