"""Exceptions of the tarn Python package."""
from __future__ import annotations


class TarnError(Exception):
    """A statement or call that tarn refused or could not complete.

    ``error_class`` is Spark's error-class name when tarn gives one (``TABLE_OR_VIEW_NOT_FOUND``,
    ``PARSE_SYNTAX_ERROR``, ``DIVIDE_BY_ZERO``, ...), else ``None`` (an I/O or internal error).
    ``message`` reads as Spark prints errors: ``[ERROR_CLASS] text``. ``status_code`` is the
    engine's status category (``Invalid``, ``IOError``, ``NotImplemented``, ...).
    """

    def __init__(self, message: str, error_class: str | None = None,
                 status_code: str | None = None):
        super().__init__(message)
        self.message = message
        self.error_class = error_class
        self.status_code = status_code

    def __str__(self) -> str:
        return self.message
