"""``python -m analysis report [--input PATH] [--out DIR] [--lang zh|en] [--codebook PATH]
[--glossary CSV] [--allow-gaps]``

``python -m analysis glossary [--input PATH] [--out CSV] [--glossary CSV]``: every Chinese term
the English outputs of a list will show, with its gloss and its source, to correct and pass back
with ``--glossary``.

``python -m analysis deck [--figures a,b] [--lang en] [--out FILE]``: a briefing deck from the
figures and tables already made (a short one with ``--figures``)."""

import argparse
import sys
from pathlib import Path

from .extract.codebook import CodebookError
from .figures.glossary import GlossaryError, use_user_glossary
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
    glossary_help = (
        "your own glossary (CSV: term_zh,en), used after the curated glossary and before the "
        "dictionary"
    )
    report.add_argument("--glossary", type=Path, help=glossary_help)
    glossary = commands.add_parser(
        "glossary", help="list every Chinese term the English outputs show, with its gloss"
    )
    glossary.add_argument("--input", type=Path, help="the list (default: data/raw)")
    glossary.add_argument(
        "--out", type=Path, help="the CSV to write (default: glossary_<list>.csv here)"
    )
    glossary.add_argument("--glossary", type=Path, help=glossary_help)
    report.add_argument(
        "--allow-gaps",
        action="store_true",
        help="load a list published abridged whose numbering skips items it does not account "
        "for; the missing items are recorded as absent (a gap the list explains itself, a "
        "section published with its heading only and its count, loads without this flag)",
    )
    deck = commands.add_parser(
        "deck", help="write a briefing deck from the finished figures and tables"
    )
    deck.add_argument(
        "--figures",
        help="comma-separated figure names, in slide order (default: every figure)",
    )
    deck.add_argument("--lang", choices=["zh", "en"], default="zh")
    deck.add_argument("--glossary", type=Path, help=glossary_help)
    deck.add_argument(
        "--out",
        type=Path,
        help="the .pptx to write (default: reports/briefing.pptx, or briefing_short.pptx "
        "with --figures; _en before .pptx in English)",
    )
    args = parser.parse_args(argv)

    if args.command == "deck":
        return _deck(args)
    if args.command == "glossary":
        return _glossary(args)
    try:
        run_report(
            args.input,
            args.out,
            lang=args.lang,
            codebook=args.codebook,
            glossary=args.glossary,
            allow_gaps=args.allow_gaps,
        )
    except (ListFormatError, CodebookError, GlossaryError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except NotebookFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _glossary(args) -> int:
    from .report.glossary_terms import glossary_for_list

    try:
        use_user_glossary(args.glossary)
        table = glossary_for_list(args.input, args.glossary)
    except (ListFormatError, GlossaryError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    stem = args.input.stem if args.input else "source"
    path = args.out or Path(f"glossary_{stem}.csv")
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, encoding="utf-8")
    counts = table["source"].value_counts()
    print(f"{path}: {len(table)} terms ({', '.join(f'{s} {n}' for s, n in counts.items())})")
    return 0


def _deck(args) -> int:
    from .paths import out_root
    from .report.deck import write_deck

    try:
        use_user_glossary(args.glossary)
    except GlossaryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

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


if __name__ == "__main__":
    sys.exit(main())
