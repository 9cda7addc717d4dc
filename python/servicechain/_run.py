"""The one code path: a request dict → the library's run() → parsed body."""
from __future__ import annotations

import json
import os
from typing import Any, Dict, Optional, Union

from . import _core
from ._errors import error_from


def _body(response: tuple) -> Union[Dict[str, Any], str]:
    status, body, media_type, is_error = response
    if is_error:
        raise error_from(json.loads(body), status)
    if media_type == "application/json":
        return json.loads(body)
    return body


def run(request: Dict[str, Any], model: Optional["Model"] = None) -> Any:  # noqa: F821
    """Run one request exactly as the library's ``run()`` (docs/requests.md).

    ``request`` is a dict such as ``{"command": "analyze", "model": "geometric"}``;
    ``model`` a :class:`servicechain.Model` for the commands that need one. Returns
    the command's JSON parsed (the same JSON as the CLI's ``--json``) or, for
    ``report``, the HTML text. A failing result that is not an error (validating an
    invalid inline model) is returned, not raised. Raises
    :class:`servicechain.Error` (a subclass chosen by the error code) otherwise.
    The GIL is released while the library works.
    """
    handle = model._handle if model is not None else None
    return _body(_core.run(json.dumps(request), handle))


def _is_dataframe(value: Any) -> bool:
    # Duck-typed so that pandas is imported only by those who pass DataFrames.
    return type(value).__name__ == "DataFrame" and hasattr(value, "to_csv")


def as_input(value: Any) -> Any:
    """A request's input value: a DataFrame → inline CSV text; a path (str or
    os.PathLike) → ``{"path": ...}``; a dict (``{"data": text}`` or
    ``{"path": file}``) or a list of inputs as given."""
    if value is None or isinstance(value, dict):
        return value
    if _is_dataframe(value):
        return {"data": value.to_csv(index=False)}
    if isinstance(value, (str, os.PathLike)):
        return {"path": os.fspath(value)}
    if isinstance(value, (list, tuple)):
        return [as_input(v) for v in value]
    raise TypeError(f"expected a pandas DataFrame, a path or a {{'data'|'path': ...}} dict, got {type(value).__name__}")


def request(command: str, **options: Any) -> Dict[str, Any]:
    """A request dict: options not given (None) are left out; ``_`` spells ``-``."""
    req: Dict[str, Any] = {"command": command}
    req.update({k: v for k, v in options.items() if v is not None})
    return req
