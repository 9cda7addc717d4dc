"""Model: a loaded, validated servicechain/1 model and the typed calls on it.

Every typed call builds a request dict and goes through :func:`servicechain.run`,
so it returns exactly what ``servicechain COMMAND MODEL --json`` prints.
"""
from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, List, Optional, Union

from . import _core
from ._errors import InputError, error_from
from ._run import as_input, request, run


class Analysis:
    """The result of :meth:`Model.analyze` (docs/chain.md): ``csi``, ``units``,
    ``moments``, ``segments`` and the rest of the JSON in :attr:`data`."""

    __slots__ = ("data",)

    def __init__(self, data: Dict[str, Any]) -> None:
        self.data: Dict[str, Any] = data

    @property
    def csi(self) -> float:
        """Customer satisfaction index, 0..100."""
        return self.data["csi"]

    @property
    def model(self) -> str:
        """The propagation model used: "linear" or "geometric"."""
        return self.data["model"]

    @property
    def units(self) -> List[Dict[str, Any]]:
        return self.data["units"]

    @property
    def moments(self) -> List[Dict[str, Any]]:
        return self.data["moments"]

    @property
    def segments(self) -> List[Dict[str, Any]]:
        return self.data["segments"]

    @property
    def cycles(self) -> List[List[str]]:
        return self.data.get("cycles", [])

    @property
    def bridges(self) -> List[List[str]]:
        return self.data.get("bridges", [])

    def to_dict(self) -> Dict[str, Any]:
        """The analysis JSON as a dict (the CLI's ``analyze --json``)."""
        return self.data

    def to_pandas(self) -> Dict[str, Any]:
        """``{"units", "moments", "segments"}`` → DataFrames indexed by id. The
        units' ``weakest_upstream`` becomes columns ``weakest_upstream_unit`` and
        ``weakest_upstream_quality``. Needs pandas."""
        import pandas as pd

        tables = {"units": _flatten_units(self.units), "moments": _columns(self.moments),
                  "segments": _columns(self.segments)}
        return {name: pd.DataFrame(cols).set_index("id") if "id" in cols else pd.DataFrame(cols, index=pd.Index([], name="id"))
                for name, cols in tables.items()}

    def __repr__(self) -> str:
        return f"<servicechain.Analysis model={self.model!r} csi={self.csi!r} units={len(self.units)}>"


def _columns(rows: List[Dict[str, Any]]) -> Dict[str, list]:
    # Column-wise construction: several times faster than DataFrame(list_of_dicts).
    if not rows:
        return {}
    return {key: [row.get(key) for row in rows] for key in rows[0]}


def _flatten_units(rows: List[Dict[str, Any]]) -> Dict[str, list]:
    cols = _columns(rows)
    weakest = cols.pop("weakest_upstream", None)
    if weakest is not None:
        cols["weakest_upstream_unit"] = [w["unit"] if w else None for w in weakest]
        cols["weakest_upstream_quality"] = [w["quality"] if w else None for w in weakest]
    return cols


class Model:
    """A validated servicechain/1 model (docs/model-format.md), loaded once and
    immutable: any number of threads may call its methods at once."""

    __slots__ = ("_handle", "_json", "source")

    def __init__(self, handle: Any, text: str, source: str) -> None:
        self._handle = handle
        self._json = text
        self.source: str = source

    # --- loading -----------------------------------------------------------
    @classmethod
    def from_json(cls, text: Union[str, bytes], source: str = "<input>") -> "Model":
        """Load servicechain/1 JSON text. Raises ValidationError listing every
        problem, or InputError (a syntax error, with line and column)."""
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        handle, failure = _core.load(text, source)
        if handle is None:
            status, body, _, _ = failure
            raise error_from(json.loads(body), status)
        return cls(handle, text, source)

    @classmethod
    def from_file(cls, path: Union[str, "os.PathLike[str]"]) -> "Model":
        """Load a model file (servicechain/1 JSON)."""
        name = os.fspath(path)
        try:
            with open(name, "rb") as f:
                text = f.read()
        except OSError as e:
            raise InputError({"error": {"code": "bad_input", "message": f"cannot read {name}: {e.strerror}",
                                        "path": name}}) from e
        return cls.from_json(text, source=name)

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Model":
        """Load a model from its JSON as a dict."""
        return cls.from_json(json.dumps(data), source="<dict>")

    def to_dict(self) -> Dict[str, Any]:
        """The model's JSON as a dict (as loaded)."""
        return json.loads(self._json)

    def to_json(self) -> str:
        """The model's JSON text (as loaded)."""
        return self._json

    def validate(self) -> List[Dict[str, Any]]:
        """Problems of the model: a loaded model is valid (loading raised
        ValidationError otherwise), so these are its warnings (path, code, message)."""
        result = run({"command": "validate"}, self)
        return list(result.get("errors", [])) + list(result.get("warnings", []))

    # --- typed calls -------------------------------------------------------
    def analyze(self, model: str = "linear", *, fidelity: Optional[float] = None,
                exact_betweenness: bool = False, no_betweenness: bool = False) -> Analysis:
        """Chain analysis (docs/chain.md): CSI, units, moments, segments."""
        return Analysis(run(request("analyze", model=model, fidelity=fidelity,
                                    exact_betweenness=exact_betweenness or None,
                                    no_betweenness=no_betweenness or None), self))

    def people(self, *, threshold: Optional[float] = None, budget: Optional[float] = None,
               model: Optional[str] = None) -> Dict[str, Any]:
        """People fit, gaps and training plan (docs/people.md)."""
        return run(request("people", threshold=threshold, budget=budget, model=model), self)

    def maturity(self, *, weakest: Optional[int] = None) -> Dict[str, Any]:
        """Maturity of the processes (docs/people.md)."""
        return run(request("maturity", weakest=weakest), self)

    def plan(self, id: str, *, budget: Optional[float] = None, as_of: Optional[str] = None,
             model: Optional[str] = None) -> Dict[str, Any]:
        """An improvement plan's selection and effect (docs/plans.md)."""
        return run(request("plan", plan=id, budget=budget, as_of=as_of, model=model), self)

    def simulate(self, *, runs: Optional[int] = None, seed: Optional[int] = None,
                 threads: Optional[int] = None, sigma: Optional[float] = None,
                 kappa: Optional[float] = None, plan: Optional[str] = None,
                 budget: Optional[float] = None, model: Optional[str] = None) -> Dict[str, Any]:
        """Monte Carlo simulation of the CSI (docs/simulation.md)."""
        return run(request("simulate", runs=runs, seed=seed, threads=threads, sigma=sigma, kappa=kappa,
                           plan=plan, budget=budget, model=model), self)

    def check(self, *, survey: Any = None, model: Optional[str] = None, **options: Any) -> Dict[str, Any]:
        """Policy checks (docs/policies.md); ``survey``: DataFrames or paths."""
        return run(request("check", survey=as_input(survey), model=model, **options), self)

    def report(self, lang: str = "en", *, survey: Any = None, plan: Union[str, Iterable[str], None] = None,
               as_of: Optional[str] = None, model: Optional[str] = None) -> str:
        """The HTML report (docs/report.md) in English or Spanish."""
        plans = list(plan) if plan is not None and not isinstance(plan, str) else plan
        return run(request("report", lang=lang, survey=as_input(survey), plan=plans, as_of=as_of, model=model),
                   self)

    def __repr__(self) -> str:
        return f"<servicechain.Model source={self.source!r}>"
