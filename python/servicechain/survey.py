"""Survey measures (docs/survey.md). ``data`` is a pandas DataFrame (sent as
inline CSV), a path, or ``{"data": csv_text}``; the result is the command's JSON."""
from __future__ import annotations

from typing import Any, Dict, Optional

from ._run import as_input, request, run


def _survey(measure: str, data: Any, model: Any = None, **options: Any) -> Dict[str, Any]:
    # A Model given as `model` is the request's model (by unit/level, gap1, internal).
    from .model import Model

    handle = model if isinstance(model, Model) else None
    extra = {} if handle is not None or model is None else {"model": as_input(model)}
    return run(request("survey " + measure, data=as_input(data), **extra, **options), handle)


def servqual(data: Any, *, scale: Optional[str] = None, by: Optional[str] = None, model: Any = None,
             min_group: Optional[int] = None, items: Optional[str] = None, delimiter: Optional[str] = None,
             decimal_comma: Optional[bool] = None) -> Dict[str, Any]:
    """SERVQUAL gaps: ``{"n", "dimensions", "unweighted", "weighted", "negative_share", "groups"}``.
    ``by="unit"`` or ``"level"`` needs ``model`` (a Model or a model file)."""
    return _survey("servqual", data, model, scale=scale, by=by, min_group=min_group, items=items,
                   delimiter=delimiter, decimal_comma=decimal_comma)


def gap1(data: Any, managers: Any, *, model: Any = None, scale: Optional[str] = None,
         min_group: Optional[int] = None, items: Optional[str] = None, delimiter: Optional[str] = None,
         decimal_comma: Optional[bool] = None) -> Dict[str, Any]:
    """SERVQUAL gap 1: managers' perception of expectations against customers'."""
    return _survey("gap1", data, model, managers=as_input(managers), scale=scale, min_group=min_group,
                   items=items, delimiter=delimiter, decimal_comma=decimal_comma)


def ipa(data: Any, *, scale: Optional[str] = None, crosshair: Optional[str] = None,
        delimiter: Optional[str] = None, decimal_comma: Optional[bool] = None) -> Dict[str, Any]:
    """Importance-performance analysis."""
    return _survey("ipa", data, scale=scale, crosshair=crosshair, delimiter=delimiter, decimal_comma=decimal_comma)


def nps(data: Any, column: str, *, delimiter: Optional[str] = None,
        decimal_comma: Optional[bool] = None) -> Dict[str, Any]:
    """Net Promoter Score of ``column`` (0..10): ``{"n", "nps", "se", "ci"}``."""
    return _survey("nps", data, column=column, delimiter=delimiter, decimal_comma=decimal_comma)


def csat(data: Any, column: str, *, delimiter: Optional[str] = None,
         decimal_comma: Optional[bool] = None) -> Dict[str, Any]:
    """Customer satisfaction (1..5) of ``column``."""
    return _survey("csat", data, column=column, delimiter=delimiter, decimal_comma=decimal_comma)


def ces(data: Any, column: str, *, scale: Optional[str] = None, delimiter: Optional[str] = None,
        decimal_comma: Optional[bool] = None) -> Dict[str, Any]:
    """Customer effort score of ``column``."""
    return _survey("ces", data, column=column, scale=scale, delimiter=delimiter, decimal_comma=decimal_comma)


def internal(data: Any, *, model: Any = None, **options: Any) -> Dict[str, Any]:
    """Internal-customer survey (``survey internal``; docs/survey.md). Options are
    the command's, ``_`` for ``-``. Raises RequestError (unknown_command) with a
    library that has no ``survey internal`` request yet."""
    return _survey("internal", data, model, **options)
