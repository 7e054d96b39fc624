"""Exports a CUDA-target executable whose kernels are a cubin, compiled with NVRTC at compile time.

Why: the apache-tvm wheel is built without CUDA, so ``tvm.compile(target=cuda)`` keeps the kernels
as CUDA *source* (a module of format ``cuda``). TVM's CUDA runtime compiles such source when the
library is loaded, through the global ``tvm_callback_cuda_compile`` that only Python's
``import tvm`` registers; a Java process loading the library has no such callback. So the bridge
compiles the source here, with NVRTC from the ``nvidia-cuda-nvrtc`` wheel (no GPU needed), and
writes the library with the CUDA module re-serialized as format ``cubin``, which the runtime hands
straight to the driver (``cuModuleLoadData``). Cubin rather than PTX: NVRTC 13.5 writes PTX ISA 9.5,
which a driver older than CUDA 13.5 cannot JIT, while a cubin loads on any CUDA 13 driver (minor
version compatibility). A cubin runs only on its architecture family (``sm_80`` on 8.x GPUs), so
the Java backend asks ``nvidia-smi`` for the GPU's architecture unless told.

How: ``export_library`` packs the imported modules (VM bytecode, CUDA module) into one blob
(symbol ``__tvm_ffi__library_bin``). Its ``fpack_imports`` hook lets us write that blob ourselves:
we take TVM's blob, replace each ``cuda`` entry ``(fmt="cuda", function table, source)`` by
``(fmt="cubin", same function table, cubin)`` and emit it as a C array, as TVM's own C packer does.

Blob layout (tvm-ffi library binary, little-endian): ``u64 size`` of the rest; the import tree as
two ``u64``-counted ``u64`` vectors; then per module its type key (``u64`` length + bytes) and,
except for the host library placeholder ``_lib``, its serialized bytes (``u64`` length + bytes).
A CUDA module's bytes are: format string, function table, code string, each length-prefixed.
"""

from __future__ import annotations

import ctypes
import struct
from dataclasses import dataclass
from pathlib import Path

import tvm
import tvm_ffi

HOST_LIBRARY_KEY = b"_lib"
CUDA_KEY = b"cuda"

# NVRTC needs INFINITY/NAN without the host <math.h>; bit patterns of float +inf and a quiet NaN.
_NVRTC_PREAMBLE = """#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif
"""


class CudaToolchainError(RuntimeError):
    """NVRTC or its headers are missing, or NVRTC rejected the generated source."""


@dataclass(frozen=True)
class Nvrtc:
    """libnvrtc.so.13 and the CCCL include directory from the pip wheels in this venv."""

    library: Path
    include: Path

    @staticmethod
    def find() -> "Nvrtc":
        try:
            import nvidia  # pylint: disable=import-outside-toplevel  # namespace package of the CUDA wheels
        except ImportError:
            nvidia = None
        roots = [Path(p) / "cu13" for p in getattr(nvidia, "__path__", [])]
        for root in roots:
            lib, inc = root / "lib" / "libnvrtc.so.13", root / "include" / "cccl"
            if lib.is_file() and (inc / "cuda" / "std" / "cstdint").is_file():
                return Nvrtc(lib, inc)
        raise CudaToolchainError(
            "target cuda needs NVRTC and the CUDA headers from the wheels in requirements-cuda.txt "
            "(nvidia-cuda-nvrtc, nvidia-cuda-cccl); install them with: bootstrap.sh --cuda")

    def version(self) -> tuple[int, int]:
        major, minor = ctypes.c_int(), ctypes.c_int()
        self._check(self._lib().nvrtcVersion(ctypes.byref(major), ctypes.byref(minor)), "nvrtcVersion")
        return major.value, minor.value

    def _lib(self) -> ctypes.CDLL:
        lib = ctypes.CDLL(str(self.library))
        lib.nvrtcGetErrorString.restype = ctypes.c_char_p
        return lib

    def _check(self, rc: int, what: str, log: str = "") -> None:
        if rc != 0:
            reason = self._lib().nvrtcGetErrorString(rc).decode()
            raise CudaToolchainError(f"NVRTC {what} failed: {reason}" + (f"\n{log}" if log else ""))

    def cubin(self, source: str, arch: str) -> bytes:
        """Compiles CUDA source to a cubin for the real architecture ``arch`` (``sm_80``)."""
        real = "sm_" + arch.removeprefix("sm_").removeprefix("compute_")
        lib = self._lib()
        prog = ctypes.c_void_p()
        self._check(lib.nvrtcCreateProgram(ctypes.byref(prog), (_NVRTC_PREAMBLE + source).encode(),
                                           b"recurbench_kernels.cu", 0, None, None), "nvrtcCreateProgram")
        try:
            opts = [f"--gpu-architecture={real}".encode(), b"--std=c++17", b"-default-device",
                    f"-I{self.include}".encode()]
            argv = (ctypes.c_char_p * len(opts))(*opts)
            rc = lib.nvrtcCompileProgram(prog, len(opts), argv)
            if rc != 0:
                size = ctypes.c_size_t()
                lib.nvrtcGetProgramLogSize(prog, ctypes.byref(size))
                log = ctypes.create_string_buffer(size.value)
                lib.nvrtcGetProgramLog(prog, log)
                self._check(rc, f"compile for {real}", log.value.decode(errors="replace"))
            size = ctypes.c_size_t()
            self._check(lib.nvrtcGetCUBINSize(prog, ctypes.byref(size)), "nvrtcGetCUBINSize")
            out = ctypes.create_string_buffer(size.value)
            self._check(lib.nvrtcGetCUBIN(prog, out), "nvrtcGetCUBIN")
            return out.raw
        finally:
            lib.nvrtcDestroyProgram(ctypes.byref(prog))


def _u64(value: int) -> bytes:
    return struct.pack("<Q", value)


def _string(data: bytes) -> bytes:
    return _u64(len(data)) + data


class _Reader:
    def __init__(self, data: bytes, pos: int = 0) -> None:
        self.data, self.pos = data, pos

    def u64(self) -> int:
        (value,) = struct.unpack_from("<Q", self.data, self.pos)
        self.pos += 8
        return value

    def string(self) -> bytes:
        n = self.u64()
        if self.pos + n > len(self.data):
            raise ValueError(f"library blob: a string of {n} bytes runs past the end at offset {self.pos}")
        value = self.data[self.pos:self.pos + n]
        self.pos += n
        return value


def read_blob(blob: bytes) -> tuple[bytes, list[tuple[bytes, bytes | None]]]:
    """Splits a library blob into its import tree (raw bytes) and its ``(type key, module bytes)`` list."""
    r = _Reader(blob)
    size = r.u64()
    if size != len(blob) - 8:
        raise ValueError(f"library blob: header says {size} bytes, found {len(blob) - 8}")
    for _ in range(2):  # import tree: row pointers, then child indices
        n = r.u64()
        r.pos += 8 * n
    tree = blob[8:r.pos]
    modules: list[tuple[bytes, bytes | None]] = []
    while r.pos < len(blob):
        key = r.string()
        modules.append((key, None if key == HOST_LIBRARY_KEY else r.string()))
    return tree, modules


def write_blob(tree: bytes, modules: list[tuple[bytes, bytes | None]]) -> bytes:
    body = tree + b"".join(_string(k) + (b"" if m is None else _string(m)) for k, m in modules)
    return _u64(len(body)) + body


def cuda_module_format(module_bytes: bytes) -> tuple[str, bytes]:
    """The ``(format, code)`` of a serialized CUDA module (``cuda`` + source, ``cubin`` + ELF, …)."""
    r = _Reader(module_bytes)
    fmt = r.string().decode()
    # The function table in between has no fixed size; the code is the last length-prefixed string.
    for start in range(r.pos, len(module_bytes) - 7):
        (n,) = struct.unpack_from("<Q", module_bytes, start)
        if start + 8 + n == len(module_bytes):
            return fmt, module_bytes[start + 8:]
    raise ValueError("CUDA module bytes: no trailing code string")


def _to_cubin(module_bytes: bytes, sources: list[str], nvrtc: Nvrtc, arch: str) -> bytes:
    r = _Reader(module_bytes)
    fmt = r.string()
    if fmt != b"cuda":
        return module_bytes
    for source in sources:
        code = _string(source.encode())
        if module_bytes.endswith(code):
            table = module_bytes[r.pos:len(module_bytes) - len(code)]
            return _string(b"cubin") + table + _string(nvrtc.cubin(source, arch))
    raise ValueError(f"TVM {tvm.__version__}: a CUDA module's serialized bytes do not end with its source; "
                     "the bridge's cuda_nvrtc.py does not know this layout")


def _cuda_sources(mod: tvm.runtime.Module) -> list[str]:
    found, todo = [], [mod]
    while todo:
        m = todo.pop()
        if m.kind == "cuda":
            found.append(m.inspect_source())
        todo.extend(m.imports)
    return found


def export_with_cubin(executable: tvm.relax.VMExecutable, path: Path, arch: str) -> None:
    """``export_library`` with every CUDA-source module replaced by an NVRTC-compiled cubin."""
    nvrtc = Nvrtc.find()
    sources = _cuda_sources(executable.mod)

    def pack(mod: tvm.runtime.Module, is_system_lib: bool, prefix: str, workspace: str) -> str:
        if is_system_lib or prefix:
            raise ValueError("export_with_cubin writes a shared library only (no system-lib, no prefix)")
        blob = bytes(tvm_ffi.get_global_func("runtime.ModulePackImportsToTensor")(mod).numpy().tobytes())
        tree, modules = read_blob(blob)
        modules = [(k, _to_cubin(m, sources, nvrtc, arch) if k == CUDA_KEY and m is not None else m)
                   for k, m in modules]
        return str(_write_c_array(write_blob(tree, modules), Path(workspace) / "devc.c"))

    executable.export_library(str(path), fpack_imports=pack)


def _write_c_array(blob: bytes, path: Path) -> Path:
    """The blob as the exported, C-linkage byte array the runtime looks up by name when it loads the library."""
    symbol = tvm_ffi.get_global_func("runtime.ModuleImportsBlobName")()
    lines = [",".join(f"0x{b:02x}" for b in blob[i:i + 4096]) for i in range(0, len(blob), 4096)]
    path.write_text(
        '#ifdef __cplusplus\nextern "C" {\n#endif\n'
        f"extern const unsigned char {symbol}[];\n"
        f"__attribute__((visibility(\"default\"))) const unsigned char {symbol}[{len(blob)}] = {{\n"
        + ",\n".join(lines) + "\n};\n"
        "#ifdef __cplusplus\n}\n#endif\n")
    return path


def library_blob(library: Path) -> bytes:
    """Reads the packed modules back out of an exported library (via ``dlopen``; runs nothing of TVM's)."""
    lib = ctypes.CDLL(str(library), mode=ctypes.RTLD_LOCAL)
    symbol = tvm_ffi.get_global_func("runtime.ModuleImportsBlobName")()
    address = ctypes.addressof(ctypes.c_char.in_dll(lib, symbol))
    (size,) = struct.unpack("<Q", ctypes.string_at(address, 8))
    return ctypes.string_at(address, 8 + size)
