#!/usr/bin/env python3
"""Using servicechain's C API from Python with ctypes (docs/c-api.md).

    python3 examples/c_api/example.py [MODEL.json]

The library is found through SERVICECHAIN_C_LIBRARY (a path to libservicechain_c.so),
else through the dynamic loader's usual search (LD_LIBRARY_PATH, installed libraries).
"""
import ctypes
import ctypes.util
import json
import os
import sys


def load_library():
    path = os.environ.get("SERVICECHAIN_C_LIBRARY") or ctypes.util.find_library("servicechain_c")
    if not path:
        sys.exit("libservicechain_c not found: set SERVICECHAIN_C_LIBRARY")
    lib = ctypes.CDLL(path)
    # Strings the library allocates come back as c_void_p so that they can be freed.
    lib.sc_version.restype = ctypes.c_char_p
    lib.sc_model_from_json.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p)]
    lib.sc_model_from_json.restype = ctypes.c_void_p
    lib.sc_model_free.argtypes = [ctypes.c_void_p]
    lib.sc_run.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
    lib.sc_run.restype = ctypes.c_void_p
    lib.sc_string_free.argtypes = [ctypes.c_void_p]
    return lib


class ServicechainError(Exception):
    pass


class Servicechain:
    def __init__(self):
        self.lib = load_library()

    def _take(self, pointer):
        """Copies a string returned by the library, then frees it."""
        try:
            return ctypes.string_at(pointer).decode("utf-8")
        finally:
            self.lib.sc_string_free(pointer)

    def version(self):
        return self.lib.sc_version().decode()

    def model(self, json_text):
        data = json_text.encode("utf-8")
        error = ctypes.c_void_p()
        handle = self.lib.sc_model_from_json(data, len(data), ctypes.byref(error))
        if not handle:
            raise ServicechainError(self._take(error) if error.value else "out of memory")
        return Model(self, handle)


class Model:
    def __init__(self, api, handle):
        self.api, self.handle = api, handle

    def run(self, command, **options):
        """Runs a CLI command and returns its --json output, parsed."""
        request = json.dumps({"command": command, **options}).encode("utf-8")
        error = ctypes.c_void_p()
        result = self.api.lib.sc_run(self.handle, request, ctypes.byref(error))
        if not result:
            raise ServicechainError(self.api._take(error) if error.value else "out of memory")
        return json.loads(self.api._take(result))

    def close(self):
        if self.handle:
            self.api.lib.sc_model_free(self.handle)
            self.handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    model_file = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "hotel.json")
    api = Servicechain()
    print("servicechain", api.version())

    try:
        api.model('{"format": "servicechain/1", "units": [{"id": "a", "level": "x"}]}')
    except ServicechainError as e:
        error = json.loads(str(e))["error"]  # code "invalid_model"; "errors": the list of `validate --json`
        print("invalid model:", error["errors"][0]["message"])

    with open(model_file, encoding="utf-8") as f:
        with api.model(f.read()) as model:
            print("valid:", model.run("validate")["valid"])
            try:
                result = model.run("analyze", model="geometric")
                print("CSI (geometric chain): %.2f" % result["csi"])
            except ServicechainError as e:
                print("analyze:", e)


if __name__ == "__main__":
    main()
