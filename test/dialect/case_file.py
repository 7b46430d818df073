"""Reads and writes the dialect suite's .test files.

A file is a list of blocks separated by blank lines:

    # a comment
    statement
    CREATE OR REPLACE TEMPORARY VIEW t AS SELECT * FROM VALUES (1, 'a') AS t(id, v)

    query ordered            (or: query unordered / query error)
    SELECT id, upper(v) FROM t ORDER BY id
    ----
    types: int, string
    1	A

`statement` blocks run before every later query of the file. After `----` comes the expected
result, written by regen_expected.py from pyspark: a types line and tab-separated rows, or for
`query error` the error class Spark raised. Never edit it by hand.
"""
import dataclasses
import pathlib


@dataclasses.dataclass
class Case:
    kind: str  # "ordered", "unordered", "error"
    sql: str
    line: int
    expected: list  # lines after ----
    setup: list     # statements before it in the file


def read_cases(path: pathlib.Path):
    lines = path.read_text().splitlines()
    cases, setup = [], []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if not line or line.startswith("#"):
            i += 1
            continue
        start = i
        header = line.split()
        i += 1
        body = []
        while i < len(lines) and lines[i].strip() and lines[i].strip() != "----":
            body.append(lines[i])
            i += 1
        expected = []
        if i < len(lines) and lines[i].strip() == "----":
            i += 1
            while i < len(lines) and lines[i] != "":
                expected.append(lines[i])
                i += 1
        sql = "\n".join(body)
        if header[0] == "statement":
            setup.append(sql)
        elif header[0] == "query":
            kind = header[1] if len(header) > 1 else "unordered"
            cases.append(Case(kind, sql, start + 1, expected, list(setup)))
        else:
            raise ValueError(f"{path}:{start + 1}: unknown block {header[0]!r}")
    return cases


def write_expected(path: pathlib.Path, results: dict):
    """Rewrites the expected part of each query block; `results` maps a block's line to its lines."""
    lines = path.read_text().splitlines()
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("query") and (i + 1) in results:
            block_line = i + 1
            out.append(line)
            i += 1
            while i < len(lines) and lines[i].strip() and lines[i].strip() != "----":
                out.append(lines[i])
                i += 1
            if i < len(lines) and lines[i].strip() == "----":
                i += 1
                while i < len(lines) and lines[i] != "":
                    i += 1
            out.append("----")
            out.extend(results[block_line])
            continue
        out.append(line)
        i += 1
    path.write_text("\n".join(out) + "\n")
