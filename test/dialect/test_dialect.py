"""The dialect suite: each case of cases/*.test through `tarn sql`, compared with what pyspark
answered (written by regen_expected.py). Cases tarn cannot answer yet are listed, with a
reason, in known_failures.txt and run as strict xfails, so a fix shows up as an unexpected pass."""
import os
import pathlib
import subprocess
import sys

import pyarrow.ipc as ipc
import pytest

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE))
from case_file import read_cases  # noqa: E402
from sql_result_format import format_row, same_cell, spark_type_name  # noqa: E402

ROOT = HERE.parents[1]
TARN = os.environ.get("TARN_BIN", str(ROOT / "build" / "tarn"))


def known_failures():
    out = {}
    path = HERE / "known_failures.txt"
    for line in path.read_text().splitlines() if path.exists() else []:
        if line.strip() and not line.startswith("#"):
            case_id, _, reason = line.partition(" ")
            out[case_id] = reason.strip()
    return out


def all_cases():
    failing = known_failures()
    params = []
    for path in sorted((HERE / "cases").glob("*.test")):
        for case in read_cases(path):
            case_id = f"{path.stem}:{case.line}"
            marks = [pytest.mark.xfail(strict=True, reason=failing[case_id])] if case_id in failing else []
            params.append(pytest.param(case, id=case_id, marks=marks))
    return params


@pytest.mark.parametrize("case", all_cases())
def test_dialect_case(case, tmp_path):
    script = tmp_path / "case.sql"
    script.write_text(";\n".join(case.setup + [case.sql]) + "\n")
    out = tmp_path / "out.arrow"
    proc = subprocess.run([TARN, "sql", "-f", str(script), "--format", "arrow", "--output", str(out)],
                          capture_output=True, text=True, timeout=120)
    expected = case.expected
    assert expected, "no expected result: run test/dialect/regen_expected.py"
    if expected[0].startswith("error: "):
        error_class = expected[0][len("error: "):]
        assert proc.returncode != 0, f"expected [{error_class}], tarn answered:\n{case.sql}"
        assert f"[{error_class}]" in proc.stderr, f"expected [{error_class}]:\n{case.sql}\ngot: {proc.stderr}"
        return
    assert proc.returncode == 0, f"tarn failed:\n{case.sql}\n{proc.stderr}"
    with ipc.open_stream(out.read_bytes()) as reader:
        table = reader.read_all()
    types = [spark_type_name(f.type) for f in table.schema]
    # Columns by position: result names may repeat (SELECT l.id, r.id ...).
    columns = [c.to_pylist() for c in table.columns]
    rows = [format_row([col[i] for col in columns], types) for i in range(table.num_rows)]
    if case.kind == "unordered":
        rows.sort()
    want_types = expected[0][len("types: "):].split(", ") if expected[0] != "types: " else []
    want_rows = expected[1:]
    detail = f"\n{case.sql}\nexpected types {want_types}\n  " + "\n  ".join(want_rows) + \
             f"\ngot types {types}\n  " + "\n  ".join(rows)
    assert types == want_types, "types differ" + detail
    assert len(rows) == len(want_rows), "row counts differ" + detail
    for got, want in zip(rows, want_rows):
        cells_got, cells_want = got.split("\t"), want.split("\t")
        assert len(cells_got) == len(cells_want) and all(
            same_cell(a, b) for a, b in zip(cells_got, cells_want)), "rows differ" + detail
