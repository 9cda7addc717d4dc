"""Type stub of the native layer servicechain._core (python/src/module.cpp)."""
from typing import Optional, Tuple

__version__: str

# (status, body, media_type, is_error): the library's servicechain::Response.
_Response = Tuple[int, str, str, bool]

class ModelHandle:
    """A loaded, validated, immutable model (servicechain::SharedModel)."""

def load(json: str, source: str) -> Tuple[Optional[ModelHandle], Optional[_Response]]: ...
def run(request: str, model: Optional[ModelHandle]) -> _Response: ...
