"""`smartby allocate-costs`: the three formats, members by code, and every kind of bad input
giving a Danish message and exit code 2 (call_command, and once through the real console
script for stderr and the exit status)."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

MEMBERS = "navn,befolkning\nA,100\nB,200\nC,300\n"


def write(tmp_path: Path, text: str, name: str = "medlemmer.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("allocate_costs", *args, stdout=out)
    return out.getvalue()


def fail(*args: str) -> str:
    with pytest.raises(CommandError) as excinfo:
        run(*args)
    assert excinfo.value.returncode == 2
    message = str(excinfo.value)
    assert message.startswith("Der er fejl i input; intet er beregnet:")
    return message


def test_json_output_has_the_exact_shape(tmp_path) -> None:
    out = run(
        "--budget", "1000", "--contribution", "Regionen=100", "--equal-percent", "25",
        "--members", write(tmp_path, MEMBERS), "--format", "json",
    )  # fmt: skip
    assert json.loads(out) == {
        "budget": 1000,
        "contributions": [{"name": "Regionen", "amount": 100}],
        "to_allocate": 900,
        "members": [
            {
                "name": "A",
                "population": 100,
                "equal_share": 75,
                "population_share": 112,
                "total": 187,
            },
            {
                "name": "B",
                "population": 200,
                "equal_share": 75,
                "population_share": 225,
                "total": 300,
            },
            {
                "name": "C",
                "population": 300,
                "equal_share": 75,
                "population_share": 338,
                "total": 413,
            },
        ],
        "sum": 900,
    }


def test_csv_and_table_output(tmp_path) -> None:
    path = write(tmp_path, MEMBERS)
    rows = list(
        csv.reader(
            io.StringIO(
                run(
                    "--budget", "900", "--equal-percent", "25", "--members", path, "--format", "csv"
                )
            )
        )
    )
    assert rows[0] == ["navn", "befolkning", "ligelig_andel_kr", "befolkningsandel_kr", "i_alt_kr"]
    assert rows[1:] == [
        ["A", "100", "75", "112", "187"],
        ["B", "200", "75", "225", "300"],
        ["C", "300", "75", "338", "413"],
        ["I alt", "600", "225", "675", "900"],
    ]
    table = run(
        "--budget",
        "2.900.000",
        "--contribution",
        "Region=500.000",
        "--equal-percent",
        "25",
        "--members",
        path,
    )
    assert "Til fordeling: 2.400.000 kr." in table
    assert table.splitlines()[-1].split() == [
        "I",
        "alt",
        "600",
        "600.000",
        "1.800.000",
        "2.400.000",
    ]


def test_members_by_municipality_code(tmp_path) -> None:
    # Semicolons, a BOM and a name override; populations from the registry.
    path = write(tmp_path, "\ufeffkode;navn\n751;\n741;Samsø Kommune\n")
    data = json.loads(
        run("--budget", "1000", "--equal-percent", "0", "--members", path, "--format", "json")
    )
    assert [(m["name"], m["population"]) for m in data["members"]] == [
        ("Aarhus", 367000),
        ("Samsø Kommune", 3700),
    ]
    assert data["sum"] == 1000


@pytest.mark.parametrize(
    ("args", "members", "expected"),
    [
        (["--budget", "-1000"], MEMBERS, "--budget: Beløbet må ikke være negativt."),
        (["--budget", "tusind"], MEMBERS, "--budget: „tusind“ er ikke et helt antal kroner."),
        (
            ["--contribution", "Regionen=-5"],
            MEMBERS,
            "--contribution nr. 1: Beløbet må ikke være negativt.",
        ),
        (
            ["--contribution", "Regionen"],
            MEMBERS,
            "--contribution nr. 1: Skriv bidraget som NAVN=BELØB",
        ),
        (
            ["--contribution", "Regionen=2000"],
            MEMBERS,
            "--contribution: De faste bidrag (2.000 kr.) er større end budgettet (1.000 kr.).",
        ),
        (
            ["--equal-percent", "101"],
            MEMBERS,
            "--equal-percent: Den ligelige andel skal være mellem 0 og 100 %.",
        ),
        (
            ["--equal-percent", "-1"],
            MEMBERS,
            "--equal-percent: Den ligelige andel skal være mellem 0 og 100 %.",
        ),
        (
            [],
            "navn,befolkning\nA,100\na,200\n",
            "medlemmer.csv, række 3: a er med mere end én gang.",
        ),
        ([], "kode\n751\n999\n", "medlemmer.csv, række 3: Ukendt kommunekode „999“."),
        (
            [],
            "navn,befolkning\nA,0\n",
            "medlemmer.csv, række 2: Befolkningstallet skal være større end 0.",
        ),
        (
            [],
            "navn,befolkning\nA,mange\n",
            "medlemmer.csv, række 2: Befolkningstallet „mange“ er ikke et helt tal.",
        ),
        ([], "navn,befolkning\n", "Der skal være mindst ét medlem at fordele udgiften på."),
        (
            [],
            "by,indbyggere\nA,1\n",
            "Filen skal have kolonnerne navn,befolkning eller kolonnen kode",
        ),
        (["--format", "xml"], MEMBERS, "--format skal være json, csv eller table (ikke „xml“)."),
    ],
)
def test_bad_input_exits_with_2(tmp_path, args, members, expected) -> None:
    base = {"--budget": "1000", "--equal-percent": "25", "--members": write(tmp_path, members)}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    argv = [x for pair in base.items() for x in pair]
    assert expected in fail(*argv)


def test_missing_arguments_and_file(tmp_path) -> None:
    message = fail()
    assert "--budget mangler." in message and "--equal-percent mangler." in message
    assert "--members mangler" in message
    assert "findes ikke" in fail(
        "--budget", "1", "--equal-percent", "1", "--members", str(tmp_path / "nej.csv")
    )
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("navn,befolkning\nSamsø,3700\n".encode("latin-1"))
    assert "er ikke UTF-8" in fail(
        "--budget", "1", "--equal-percent", "1", "--members", str(latin1)
    )


def test_console_script_writes_danish_errors_to_stderr(tmp_path) -> None:
    members = write(tmp_path, "navn,befolkning\nA,0\nA,5\n")
    argv = [
        sys.executable,
        "-m",
        "smartby",
        "allocate-costs",
        "--budget",
        "-5",
        "--equal-percent",
        "150",
        "--members",
        members,
    ]
    result = subprocess.run(argv, capture_output=True, text=True, env=os.environ.copy(), timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Der er fejl i input; intet er beregnet:",
        "--budget: Beløbet må ikke være negativt.",
        "--equal-percent: Den ligelige andel skal være mellem 0 og 100 %.",
        f"{members}, række 2: Befolkningstallet skal være større end 0.",
        f"{members}, række 3: A er med mere end én gang.",
    ]
    ok = subprocess.run(
        [*argv[:4], "--budget", "10", "--equal-percent", "0", "--members", write(tmp_path, MEMBERS, "ok.csv"), "--format", "json"],
        capture_output=True, text=True, env=os.environ.copy(), timeout=60,
    )  # fmt: skip
    assert ok.returncode == 0 and json.loads(ok.stdout)["sum"] == 10
