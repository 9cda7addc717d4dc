"""Process mining on event logs (docs/mining.md). ``log`` is a pandas DataFrame
(sent as inline CSV), a path, or ``{"data": csv_text}``."""
from __future__ import annotations

from typing import Any, Dict, Optional

from ._run import as_input, request, run


def _mine(kind: str, log: Any, **options: Any) -> Dict[str, Any]:
    return run(request("mine " + kind, data=as_input(log), **options))


def handover(log: Any, *, beta: Optional[float] = None, case_column: Optional[str] = None,
             activity_column: Optional[str] = None, resource_column: Optional[str] = None,
             timestamp_column: Optional[str] = None, delimiter: Optional[str] = None,
             order: Optional[str] = None) -> Dict[str, Any]:
    """Handover-of-work network between resources."""
    return _mine("handover", log, beta=beta, case_column=case_column, activity_column=activity_column,
                 resource_column=resource_column, timestamp_column=timestamp_column, delimiter=delimiter,
                 order=order)


def together(log: Any, **options: Any) -> Dict[str, Any]:
    """Working-together network (resources sharing cases). Options as for handover."""
    return _mine("together", log, **options)


def chain(log: Any, *, map: Any = None, alpha: Optional[float] = None, beta: Optional[float] = None,
          **options: Any) -> "Model":  # noqa: F821
    """The chain between units mined from a log and a resource→unit ``map``, as a Model."""
    from .model import Model

    data = _mine("chain", log, map=as_input(map), alpha=alpha, beta=beta, **options)
    return Model.from_dict(data)
