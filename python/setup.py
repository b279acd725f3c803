"""setuptools' half of `pip install --no-build-isolation ./python`: builds the extension with the project's
CMake (the same build as scripts/build.sh, for this interpreter) and puts into the package what a run
needs: the extension, the device files (nwnspice.cm, nwnjunction.osdi, nwnjunction.lib) and the nwn CLI.

Environment:
  NWNSPICE_BUILD_DIR   an existing CMake build tree to build in (default: a fresh one under build/temp*)
  NWNSPICE_CMAKE_ARGS  extra configure arguments, e.g. "-DNGSPICE_SOURCE_DIR=... -DNGSPICE46=..."
"""
import os
import pathlib
import shlex
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent.parent

# (built file relative to the build tree, name in the package's _devices/)
DEVICE_FILES = {"NWN_CODEMODEL": "lib/nwnspice.cm", "NWN_OSDI": "lib/nwnjunction.osdi",
                "NWN_SUBCKT_LIB": "share/nwnspice/nwnjunction.lib"}


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        build = pathlib.Path(os.environ.get("NWNSPICE_BUILD_DIR") or pathlib.Path(self.build_temp) / "cmake").resolve()
        configure = ["cmake", "-S", str(ROOT), "-B", str(build), "-DPython3_EXECUTABLE=" + sys.executable,
                     "-DNWN_PYTHON=ON"]
        if not (build / "CMakeCache.txt").exists():
            configure += ["-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DNWN_BUILD_TESTS=OFF"]
        configure += shlex.split(os.environ.get("NWNSPICE_CMAKE_ARGS", ""))
        subprocess.run(configure, check=True)
        subprocess.run(["cmake", "--build", str(build), "--target", "_nwnspice", "nwn", "-j", str(os.cpu_count() or 1)],
                       check=True)
        built = build / "python" / "nwnspice"
        module = next(built.glob("_nwnspice*.so"))
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(module, target)
        devices = target.parent / "_devices"
        devices.mkdir(exist_ok=True)
        for rel in list(DEVICE_FILES.values()) + ["bin/nwn"]:
            shutil.copy2(build / rel, devices / pathlib.Path(rel).name)
        (target.parent / "_config.py").write_text(
            "# Written by python/setup.py: the device files and CLI copied into this package.\n"
            "DEVICE_FILES = {\n"
            + "".join('    "%s": "_devices/%s",\n' % (var, pathlib.Path(rel).name) for var, rel in DEVICE_FILES.items())
            + "}\nNWN = \"_devices/nwn\"\n")


setup(ext_modules=[Extension("nwnspice._nwnspice", sources=[])], cmdclass={"build_ext": CMakeBuild})
