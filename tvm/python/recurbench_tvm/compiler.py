"""Compiles a graph for a TVM target and keeps the result in an on-disk cache.

A cache entry is the directory ``<cache>/<graph-hash>-<target-hash>-tvm<version>-bridge<src-hash>/`` holding
``main.so`` (the exported Relax VM executable), ``signature.json`` (argument and result order)
and ``manifest.json`` (key components and the SHA-256 of both files), written last. An entry is
built in a temporary directory and renamed into place atomically; on a hit the manifest and the
file hashes are checked, and a corrupted or partial entry is removed and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tvm
import tvm_ffi
from tvm import relax

from .cpu_schedule import CpuSchedule, vector_lanes
from .graph import parse_graph
from .relax_builder import build_module, signature

LIBRARY = "main.so"
SIGNATURE = "signature.json"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class CompileResult:
    library: Path
    signature: dict[str, Any]
    cache_hit: bool
    key: str
    target: str
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {"library": str(self.library), "signature": self.signature, "cache_hit": self.cache_hit,
                "key": self.key, "target": self.target, "seconds": round(self.seconds, 3),
                "tvm_version": tvm.__version__}


def host_cpu() -> str:
    """LLVM's name for this machine's CPU (e.g. ``skylake-avx512``)."""
    return str(tvm_ffi.get_global_func("target.llvm_get_system_cpu")())


def resolve_target(name: str, cuda_arch: str | None = None) -> tvm.target.Target:
    """``llvm`` → the host CPU (``mcpu`` and core count); ``cuda`` → ``arch``; else a JSON target dict.

    TVM 0.27 accepts only the dict form of targets (``{"kind": "llvm", "mcpu": ...}``); the old
    CLI strings (``llvm -mcpu=...``) are rejected.
    """
    if name == "llvm":
        return tvm.target.Target({"kind": "llvm", "mcpu": host_cpu(), "num-cores": os.cpu_count() or 1})
    if name == "cuda":
        if cuda_arch is None:
            raise ValueError("target cuda needs the GPU architecture (e.g. --cuda-arch sm_90)")
        return tvm.target.Target({"kind": "cuda", "arch": cuda_arch})
    return tvm.target.Target(json.loads(name))


def bridge_fingerprint() -> str:
    """Hash of this package's sources: a change to lowering or scheduling must not reuse old libraries."""
    h = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        h.update(source.name.encode())
        h.update(source.read_bytes())
    return h.hexdigest()[:8]


def cache_key(graph_bytes: bytes, target: tvm.target.Target) -> str:
    """(graph hash, target, TVM version) as the issue asks, plus the bridge's own fingerprint."""
    graph_hash = hashlib.sha256(graph_bytes).hexdigest()
    target_hash = hashlib.sha256(str(target).encode()).hexdigest()[:12]
    return f"{graph_hash}-{target_hash}-tvm{tvm.__version__}-bridge{bridge_fingerprint()}"


def lower(graph_bytes: bytes, target: tvm.target.Target) -> tvm.IRModule:
    """The Relax module after the target's pipeline (DLight schedules for GPUs, ours for CPUs)."""
    mod = build_module(parse_graph(graph_bytes))
    with target:
        return _pipeline(target)(mod)


def _pipeline(target: tvm.target.Target) -> tvm.transform.Pass:
    """TVM's default pipeline for the target; for ``llvm`` with our CPU schedule after fusion."""
    if target.kind.name != "llvm":
        return relax.pipeline.get_default_pipeline(target)
    from tvm.relax.backend.cpu_generic import pipeline as cpu  # pylint: disable=import-outside-toplevel
    passes = (cpu.library_dispatch_passes(target) + cpu.legalize_passes(target)
              + [CpuSchedule(vector_lanes(target))]
              + cpu.dataflow_lower_passes(target) + cpu.finalize_passes(target))

    @tvm.transform.module_pass(opt_level=0, name="RecurbenchCpuPipeline")
    def _run(mod: tvm.IRModule, _ctx: tvm.transform.PassContext) -> tvm.IRModule:
        with target:
            return tvm.transform.Sequential(passes)(mod)

    return _run


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _valid_entry(entry: Path, key: str) -> dict[str, Any] | None:
    """The entry's signature if it is complete and intact, else None."""
    try:
        manifest = json.loads((entry / MANIFEST).read_text())
        if manifest.get("key") != key:
            return None
        for name in (LIBRARY, SIGNATURE):
            if _sha256_file(entry / name) != manifest["sha256"][name]:
                return None
        sig = json.loads((entry / SIGNATURE).read_text())
        return sig if isinstance(sig, dict) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _progress(message: str) -> None:
    print(f"recurbench-tvm: {message}", file=sys.stderr, flush=True)


def compile_graph(graph_bytes: bytes, target: tvm.target.Target, cache_dir: Path) -> CompileResult:
    """Returns the cached library for (graph, target, TVM version), building it when absent or damaged."""
    start = time.perf_counter()
    key = cache_key(graph_bytes, target)
    cache_dir.mkdir(parents=True, exist_ok=True)
    entry = cache_dir / key
    if entry.exists():
        sig = _valid_entry(entry, key)
        if sig is not None:
            return CompileResult(entry / LIBRARY, sig, True, key, str(target), time.perf_counter() - start)
        _progress(f"cache entry {entry.name} is corrupted or partial; rebuilding")
        _remove(entry, cache_dir)

    graph = parse_graph(graph_bytes)
    _progress(f"compiling {len(graph.nodes)} nodes for '{target}' with TVM {tvm.__version__}…")
    mod = build_module(graph)
    executable = tvm.compile(mod, target=target, relax_pipeline=_pipeline(target))
    sig = signature(graph)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=cache_dir))
    try:
        executable.export_library(str(tmp / LIBRARY))
        (tmp / SIGNATURE).write_text(json.dumps(sig, indent=1))
        manifest = {"key": key, "target": str(target), "tvm_version": tvm.__version__,
                    "graph_sha256": hashlib.sha256(graph_bytes).hexdigest(),
                    "sha256": {name: _sha256_file(tmp / name) for name in (LIBRARY, SIGNATURE)}}
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1))
        try:
            os.rename(tmp, entry)
        except OSError:
            # Another process published the same key first; keep theirs if it is intact.
            if _valid_entry(entry, key) is None:
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    seconds = time.perf_counter() - start
    _progress(f"compiled in {seconds:.1f} s → {entry / LIBRARY}")
    return CompileResult(entry / LIBRARY, sig, False, key, str(target), seconds)


def _remove(entry: Path, cache_dir: Path) -> None:
    """Moves a damaged entry aside atomically, then deletes it (a reader never sees half of it)."""
    trash = Path(tempfile.mkdtemp(prefix=".trash-", dir=cache_dir))
    os.rename(entry, trash / "entry")
    shutil.rmtree(trash, ignore_errors=True)
