"""servicechain: service-quality modelling of the internal customer chain.

A native module over the C++ library (docs/python.md)::

    import servicechain as sc
    m = sc.Model.from_file("examples/hotel.json")
    print(m.analyze().csi)

Every call is the library's one request/response call, :func:`run`, so results
are the same JSON as ``servicechain COMMAND --json``. Errors raise
:class:`Error` subclasses carrying the library's error object. pandas is needed
only for ``to_pandas()`` and DataFrame inputs.
"""
from . import _core, mine, survey
from ._errors import Error, InputError, RequestError, ValidationError
from ._run import run
from .model import Analysis, Model

__version__: str = _core.__version__


def validate(model) -> dict:
    """Validate a model without loading it: ``model`` is a path, JSON text in
    ``{"data": text}``, or a dict. Returns ``{"valid", "errors", "warnings"}``."""
    if isinstance(model, dict) and "data" not in model and "path" not in model:
        import json

        model = {"data": json.dumps(model)}
    from ._run import as_input

    return run({"command": "validate", "model": as_input(model)})


__all__ = ["Analysis", "Error", "InputError", "Model", "RequestError", "ValidationError", "mine", "run",
           "survey", "validate", "__version__"]
