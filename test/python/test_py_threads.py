"""Statements release the GIL while they run; threads sharing a connection take turns."""
import threading
import time

import tarn

SLOW = "SELECT sum(id) AS s FROM range(3000000)"
SLOW_ANSWER = [(3000000 * 2999999 // 2,)]


def test_python_threads_run_while_a_statement_does(con):
    answer = []
    worker = threading.Thread(target=lambda: answer.append(con.sql(SLOW).fetchall()))
    ticks = 0
    worker.start()
    while worker.is_alive():
        ticks += 1
        time.sleep(0.001)
    worker.join()
    assert answer == [SLOW_ANSWER]
    assert ticks >= 5  # with the GIL held, the loop could not have run during the query


def test_threads_sharing_a_connection(con):
    con.sql("CREATE TABLE t AS SELECT id FROM range(100)")
    results, errors = [], []

    def work(i):
        try:
            results.append(con.sql(f"SELECT sum(id) + {i} FROM t").fetchall()[0][0])
        except tarn.TarnError as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(results) == [4950 + i for i in range(8)]
