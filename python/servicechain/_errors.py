"""Exceptions raised from the library's error object (docs/requests.md)."""
from __future__ import annotations

from typing import Any, Dict, List, Optional


class Error(Exception):
    """A failed servicechain call. The library's error object is kept whole.

    Attributes: ``code`` (e.g. ``"bad_input"``), ``message``, ``path`` (JSON path or
    ``file:line:column`` when known, else None), ``errors`` (the validation list of
    an invalid model, else ``[]``), ``status`` (1 bad input, 2 bad request) and
    ``payload`` (the whole ``{"error": {...}}`` object as a dict).
    """

    def __init__(self, payload: Dict[str, Any], status: int = 1) -> None:
        error = payload.get("error", {}) if isinstance(payload, dict) else {}
        self.payload: Dict[str, Any] = payload
        self.status: int = status
        self.code: str = error.get("code", "internal_error")
        self.message: str = error.get("message", "")
        self.path: Optional[str] = error.get("path")
        self.errors: List[Dict[str, Any]] = list(error.get("errors") or [])
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = f" ({self.path})" if self.path else ""
        lines = [f"{self.code}: {self.message}{where}"]
        lines += [f"  {e.get('path', '')}: {e.get('code', '')}: {e.get('message', '')}" for e in self.errors]
        return "\n".join(lines)


class ValidationError(Error):
    """The model does not validate; ``errors`` lists every problem (path, code, message)."""


class InputError(Error):
    """A file or inline data that cannot be read (CSV error, missing file, syntax
    error; ``path`` is ``file:line:column`` when known) or a reader's limit."""


class RequestError(Error):
    """A malformed request: unknown command, unknown option, wrong type, out of range."""


_BY_CODE = {
    "invalid_model": ValidationError,
    "bad_input": InputError,
    "limit_exceeded": InputError,
    "bad_request": RequestError,
    "unknown_command": RequestError,
    "bad_option": RequestError,
}


def error_from(payload: Dict[str, Any], status: int) -> Error:
    """The exception for an error object: its class chosen by ``code``."""
    code = payload.get("error", {}).get("code") if isinstance(payload, dict) else None
    return _BY_CODE.get(code, Error)(payload, status)
