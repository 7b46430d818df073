"""Fixtures of the Python package's tests: a connection on a fresh workspace per test."""
import pytest

import tarn


@pytest.fixture
def con(tmp_path):
    with tarn.connect(tmp_path / "workspace") as connection:
        yield connection
