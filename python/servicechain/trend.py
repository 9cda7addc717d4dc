"""Waves and trends (docs/trends.md): a survey measure or the maturity index over
dated waves, through the library's ``trend`` request."""
from __future__ import annotations

from typing import Any, Dict, Iterable, Optional, Tuple, Union

from ._run import as_input, request, run

Wave = Union[Tuple[Optional[str], Any], Any]


def wave(data: Any, date: Optional[str] = None) -> Dict[str, Any]:
    """One wave: ``data`` a pandas DataFrame, a path or ``{"data": text}`` (for
    ``maturity`` a model file or ``{"data": model_json}``); ``date`` YYYY-MM-DD,
    or None to take it from the CSV's ``date`` column."""
    value = dict(as_input(data))
    if date is not None:
        value["date"] = date
    return value


def trend(kind: str, waves: Iterable[Wave], *, model: Any = None, **options: Any) -> Dict[str, Any]:
    """``kind`` (servqual, nps, csat, ces, internal, maturity) over ``waves`` in
    date order: each a ``(date, data)`` pair or a :func:`wave`. ``model`` (a Model
    or a model file) is the one ``internal`` rows rate. Other options are the
    command's (``column``, ``scale``, ``items``, ``min_group``, ``propagation``,
    ``delimiter``, ``decimal_comma``). Returns the JSON of ``servicechain trend
    --json``."""
    from .model import Model

    items = [wave(w[1], w[0]) if isinstance(w, tuple) else w for w in waves]
    handle = model if isinstance(model, Model) else None
    extra = {} if handle is not None or model is None else {"model": as_input(model)}
    return run(request("trend", kind=kind, wave=items, **extra, **options), handle)
