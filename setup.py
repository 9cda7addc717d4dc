"""pip install . — builds servicechain's Python package (docs/python.md).

setup.py drives the project's CMake to build the native module
servicechain._core (pybind11, Debian's pybind11-dev); nothing is downloaded.
There is deliberately no pyproject.toml: pip then builds without isolation
with the setuptools and wheel already installed, so it works offline.

Environment:
  SERVICECHAIN_BUILD_DIR  an existing, configured CMake build directory of this
                          tree (e.g. build/ci): only the _core target is built
                          there and copied (fast). Otherwise a release build of
                          just the module is configured under build/.
  CMAKE_BUILD_PARALLEL_LEVEL  parallel compile jobs (default: the cores).
"""
import glob
import os
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = os.path.dirname(os.path.abspath(__file__))


def _version():
    with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("project(servicechain VERSION"):
                return line.split()[2]
    raise RuntimeError("no project version in CMakeLists.txt")


class CMakeBuild(build_ext):
    """Builds the _core target with CMake and copies the module into place."""

    def build_extension(self, ext):
        build_dir = os.environ.get("SERVICECHAIN_BUILD_DIR")
        if build_dir:
            build_dir = os.path.abspath(build_dir)
        else:
            build_dir = os.path.join(os.path.abspath(self.build_temp), "cmake")
            self._configure(build_dir)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 1))
        subprocess.run(["cmake", "--build", build_dir, "--target", "_core", "-j", jobs], check=True)
        built = glob.glob(os.path.join(build_dir, "python", "servicechain", "_core*.so"))
        if len(built) != 1:
            raise RuntimeError(f"expected one servicechain/_core module in {build_dir}/python, found {built}")
        target = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(built[0], target)

    def _configure(self, build_dir):
        args = ["cmake", "-S", ROOT, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release",
                "-DSERVICECHAIN_BUILD_TESTS=OFF", "-DSERVICECHAIN_BUILD_TOOLS=OFF", "-DSERVICECHAIN_BUILD_C_API=OFF",
                "-DSERVICECHAIN_BUILD_PYTHON=ON", f"-DPython_EXECUTABLE={sys.executable}"]
        if shutil.which("ninja"):
            args += ["-G", "Ninja"]
        if shutil.which("ccache"):
            args += ["-DCMAKE_CXX_COMPILER_LAUNCHER=ccache", "-DCMAKE_C_COMPILER_LAUNCHER=ccache"]
        # Paths relative to the tree in ccache's hashes: a fresh copy of the tree reuses the cache.
        os.environ.setdefault("CCACHE_BASEDIR", ROOT)
        subprocess.run(args, check=True)


setup(
    name="servicechain",
    version=_version(),
    description="Service-quality modelling of the internal customer chain (native module over the C++ library)",
    license="Apache-2.0",
    python_requires=">=3.9",
    package_dir={"": "python"},
    packages=["servicechain"],
    package_data={"servicechain": ["*.pyi", "py.typed"]},
    ext_modules=[Extension("servicechain._core", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    extras_require={"pandas": ["pandas"]},
    zip_safe=False,
)
