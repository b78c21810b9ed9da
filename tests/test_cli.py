"""One command line: `report`, `deck` and `workbook`, `--out` the output folder in each, help
with an example, and a one-line error with exit code 2 for a wrong argument or input."""

import pytest

from analysis.__main__ import main

COMMANDS = ["report", "deck", "workbook"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_explains_its_options_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    shown = capsys.readouterr().out
    assert f"usage: analysis {command}" in shown
    assert "--out DIR" in shown and "the output folder" in shown
    assert f"example:\n  analysis {command} " in shown


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "--lang", "fr"], "argument --lang: invalid choice: 'fr'"),
        (["deck", "--input", "list.txt"], "unrecognized arguments: --input list.txt"),
        (["export"], "argument COMMAND: invalid choice: 'export'"),
    ],
)
def test_a_wrong_argument_gets_one_line_and_exit_code_2(argv, message, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    shown = capsys.readouterr().err
    # argparse's usage, then the error on one line of its own.
    assert shown.startswith("usage: analysis")
    error = shown.strip().splitlines()[-1]
    assert message in error and error.startswith("analysis")


def test_a_missing_list_gets_one_line_and_exit_code_2(tmp_path, capsys):
    missing = tmp_path / "no_such_list.txt"
    assert main(["report", "--input", str(missing), "--out", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: ") and error.count("\n") == 1 and str(missing) in error


def test_the_workbook_of_a_folder_without_tables_is_refused_in_one_line(tmp_path, capsys):
    assert main(["workbook", "--out", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "provenance.json is missing" in error
