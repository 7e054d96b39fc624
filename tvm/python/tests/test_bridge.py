"""Cache behaviour, error reporting, the CLI, and the CUDA path up to the point a GPU is needed."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import tvm
import tvm_ffi

from conftest import G
from recurbench_tvm import GraphFormatError, UnsupportedPrimitiveError, compile_graph, parse_graph, resolve_target
from recurbench_tvm.compiler import LIBRARY, MANIFEST, SIGNATURE, lower
from recurbench_tvm.cuda_nvrtc import (CudaToolchainError, Nvrtc, cuda_module_format, export_with_cubin,
                                       library_blob, read_blob, write_blob)
from recurbench_tvm.relax_builder import build_module

PYTHON_DIR = Path(__file__).resolve().parent.parent


def small_graph() -> G:
    g = G()
    x = g.input("x", (4, 8))
    w = g.param("w", (8, 3))
    g.out("y", g.node("unary", (4, 3), inputs=(g.node("matmul", (4, 3), inputs=(x, w), transpose_a=False,
                                                           transpose_b=False),), fn="tanh"))
    return g


def test_second_compile_is_a_cache_hit_with_the_same_library(tmp_path: Path, llvm) -> None:
    first = compile_graph(small_graph().json(), llvm, tmp_path)
    second = compile_graph(small_graph().json(), llvm, tmp_path)
    assert not first.cache_hit and second.cache_hit
    assert second.library == first.library
    assert second.signature == first.signature
    assert [p.name for p in tmp_path.iterdir()] == [first.key]  # no temp directories left behind


def test_key_depends_on_graph_target_and_tvm_version(tmp_path: Path, llvm) -> None:
    a = compile_graph(small_graph().json(), llvm, tmp_path)
    other = small_graph()
    other.nodes[-1]["attrs"]["fn"] = "sigmoid"
    b = compile_graph(other.json(), llvm, tmp_path)
    generic = compile_graph(small_graph().json(), tvm.target.Target({"kind": "llvm"}), tmp_path)
    assert len({a.key, b.key, generic.key}) == 3
    assert f"-tvm{tvm.__version__}-bridge" in a.key


@pytest.mark.parametrize("damage", ["truncate_library", "garble_signature", "drop_manifest", "wrong_key"])
def test_corrupted_entry_is_detected_and_rebuilt(tmp_path: Path, llvm, damage: str, capfd) -> None:
    first = compile_graph(small_graph().json(), llvm, tmp_path)
    entry = first.library.parent
    good = first.library.read_bytes()
    if damage == "truncate_library":
        first.library.write_bytes(good[: len(good) // 2])
    elif damage == "garble_signature":
        (entry / SIGNATURE).write_text("{")
    elif damage == "drop_manifest":
        (entry / MANIFEST).unlink()
    else:
        m = json.loads((entry / MANIFEST).read_text())
        m["key"] = "something-else"
        (entry / MANIFEST).write_text(json.dumps(m))
    again = compile_graph(small_graph().json(), llvm, tmp_path)
    assert not again.cache_hit
    assert "corrupted or partial; rebuilding" in capfd.readouterr().err
    assert compile_graph(small_graph().json(), llvm, tmp_path).cache_hit
    vm = tvm.relax.VirtualMachine(tvm.runtime.load_module(str(again.library)), tvm.cpu())
    x, w = np.ones((4, 8), np.float32), np.full((8, 3), 0.05, np.float32)
    out = vm["main"](tvm.runtime.tensor(x), tvm.runtime.tensor(w))[0].numpy()
    np.testing.assert_allclose(out, np.tanh(x @ w), rtol=1e-6)


def test_unsupported_primitive_is_named(llvm, tmp_path: Path) -> None:
    g = G()
    g.out("y", g.node("fft", (4,), inputs=(g.input("x", (4,)),)))
    with pytest.raises(UnsupportedPrimitiveError, match="unsupported primitive: 'fft'"):
        compile_graph(g.json(), llvm, tmp_path)
    g = G()
    g.out("y", g.node("unary", (4,), inputs=(g.input("x", (4,)),), fn="erf"))
    with pytest.raises(UnsupportedPrimitiveError, match="unary fn 'erf'"):
        compile_graph(g.json(), llvm, tmp_path)


def test_format_errors_name_the_json_path() -> None:
    doc = json.loads(small_graph().json())
    doc["version"] = 2
    with pytest.raises(GraphFormatError, match=r"^\$\.version: this bridge understands version 1, got 2$"):
        parse_graph(json.dumps(doc))
    doc = json.loads(small_graph().json())
    doc["nodes"][2]["inputs"] = [0, 5]
    with pytest.raises(GraphFormatError, match=r"^\$\.nodes\[2\]\.inputs\[1\]: expected the id of an earlier node"):
        parse_graph(json.dumps(doc))


def test_cli_prints_result_json_and_progress(tmp_path: Path) -> None:
    graph = tmp_path / "g.json"
    graph.write_bytes(small_graph().json())
    cmd = [sys.executable, "-m", "recurbench_tvm", "compile", "--graph", str(graph), "--target", "llvm",
           "--cache", str(tmp_path / "cache")]
    done = subprocess.run(cmd, cwd=PYTHON_DIR, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert Path(result["library"]).is_file() and result["cache_hit"] is False
    assert [a["name"] for a in result["signature"]["inputs"]] == ["x"]
    assert [a["name"] for a in result["signature"]["parameters"]] == ["w"]
    assert "recurbench-tvm: compiling" in done.stderr

    bad = tmp_path / "bad.json"
    bad.write_text('{"format":"recurbench-graph","version":1,"parameters":[],"nodes":[{"id":0,"op":"fft",'
                   '"attrs":{},"inputs":[],"shape":[2],"dtype":"f32"}],"outputs":[{"name":"y","node":0}]}')
    failed = subprocess.run(cmd[:5] + [str(bad)] + cmd[6:], cwd=PYTHON_DIR, capture_output=True, text=True)
    assert failed.returncode == 2
    assert failed.stderr.strip().splitlines()[-1] == f"error: {bad}: unsupported primitive: 'fft' (node 0)"


def test_cuda_target_needs_an_arch() -> None:
    with pytest.raises(ValueError, match="needs the GPU architecture"):
        resolve_target("cuda")


def test_cuda_pipeline_schedules_kernels_with_dlight(tmp_path: Path) -> None:
    """DLight binds every kernel of the lowered module to GPU threads."""
    target = resolve_target("cuda", "sm_80")
    lowered = lower(small_graph().json(), target)
    kernels = [f for gv, f in lowered.functions.items() if isinstance(f, tvm.tirx.PrimFunc)]
    assert kernels and all("threadIdx.x" in f.script() for f in kernels)  # bound to GPU threads


def cuda_graph() -> G:
    """matmul, exp and a max reduction (whose init is -inf, the INFINITY the NVRTC preamble defines)."""
    g = G()
    x, w = g.input("x", (4, 8)), g.param("w", (8, 16))
    mm = g.node("matmul", (4, 16), inputs=(x, w), transpose_a=False, transpose_b=False)
    g.out("y", g.node("unary", (4, 16), inputs=(mm,), fn="exp"))
    g.out("m", g.node("reduce", (4,), inputs=(mm,), fn="max", axes=[1], keep_dims=False))
    return g


def test_cuda_library_holds_a_cubin_for_the_arch_and_no_source(tmp_path: Path) -> None:
    """The exported CUDA module is an sm_80 cubin compiled by NVRTC, so loading it needs no
    tvm_callback_cuda_compile (which a JVM does not have), only the driver."""
    result = compile_graph(cuda_graph().json(), resolve_target("cuda", "sm_80"), tmp_path)
    _, modules = read_blob(library_blob(result.library))
    assert [k for k, _ in modules] == [b"relax.VMExecutable", b"_lib", b"cuda"]
    fmt, code = cuda_module_format(dict(modules)[b"cuda"])
    assert fmt == "cubin"
    assert code[:4] == b"\x7fELF"
    assert struct.unpack_from("<H", code, 18)[0] == 190  # e_machine EM_CUDA
    assert (struct.unpack_from("<I", code, 48)[0] >> 8) & 0xFF == 80  # e_flags: SM 8.0
    kernels = [name for name in (b"matmul_kernel", b"max_kernel") if name in code]
    assert kernels, code[:200]
    library = result.library.read_bytes()
    assert b"__global__" not in library and b"cuda/std/cstdint" not in library  # no CUDA source left
    again = compile_graph(cuda_graph().json(), resolve_target("cuda", "sm_80"), tmp_path)
    assert again.cache_hit and again.library == result.library


def test_cuda_blob_rewrite_keeps_everything_but_the_cuda_code(tmp_path: Path) -> None:
    """Round trip of the blob format and the rewrite: same import tree, same VM bytecode, same
    CUDA function table; only the format string and the code change."""
    target = resolve_target("cuda", "sm_80")
    executable = tvm.compile(build_module(parse_graph(cuda_graph().json())), target=target)
    original = bytes(tvm_ffi.get_global_func("runtime.ModulePackImportsToTensor")(executable.mod)
                     .numpy().tobytes())
    tree, modules = read_blob(original)
    assert write_blob(tree, modules) == original
    assert cuda_module_format(dict(modules)[b"cuda"])[0] == "cuda"
    export_with_cubin(executable, tmp_path / "lib.so", "sm_80")
    new_tree, new_modules = read_blob(library_blob(tmp_path / "lib.so"))
    assert new_tree == tree
    assert dict(new_modules)[b"relax.VMExecutable"] == dict(modules)[b"relax.VMExecutable"]
    old_cuda, new_cuda = dict(modules)[b"cuda"], dict(new_modules)[b"cuda"]
    old_fmt, source = cuda_module_format(old_cuda)
    table = old_cuda[8 + len(old_fmt):len(old_cuda) - 8 - len(source)]
    assert new_cuda[8 + len("cubin"):].startswith(table)


def test_cli_reports_a_cuda_toolchain_error_on_its_last_line(tmp_path: Path, monkeypatch, capsys) -> None:
    from recurbench_tvm import __main__ as cli  # pylint: disable=import-outside-toplevel

    def failing(*_args: object) -> None:
        raise CudaToolchainError("NVRTC compile for sm_80 failed: NVRTC_ERROR_COMPILATION\nk.cu(1): error: x")

    graph = tmp_path / "g.json"
    graph.write_bytes(small_graph().json())
    monkeypatch.setattr(cli, "compile_graph", failing)
    rc = cli.main(["compile", "--graph", str(graph), "--target", "cuda", "--cuda-arch", "sm_80",
                   "--cache", str(tmp_path / "cache")])
    lines = capsys.readouterr().err.strip().splitlines()
    assert rc == 2
    assert lines == ["k.cu(1): error: x",
                     f"error: {graph}: NVRTC compile for sm_80 failed: NVRTC_ERROR_COMPILATION"]


def test_nvrtc_errors_carry_its_log() -> None:
    with pytest.raises(CudaToolchainError, match="(?s)NVRTC compile for sm_80 failed.*undefined_thing"):
        Nvrtc.find().cubin('extern "C" __global__ void k(float* p) { p[0] = undefined_thing; }', "sm_80")


def test_cpu_schedule_parallelizes_and_vectorizes(llvm) -> None:
    g = G()
    a, b = g.input("a", (2, 81, 128)), g.param("b", (128, 512))
    mm = g.node("matmul", (2, 81, 512), inputs=(a, b), transpose_a=False, transpose_b=False)
    g.out("c", g.node("unary", (2, 81, 512), inputs=(mm,), fn="sigmoid"))
    g.out("s", g.node("reduce", (2, 81), inputs=(mm,), fn="sum", axes=[2], keep_dims=False))
    lowered = lower(g.json(), llvm)
    scripts = [f.script() for _, f in lowered.functions.items() if isinstance(f, tvm.tirx.PrimFunc)]
    assert scripts
    for script in scripts:
        assert "T.parallel" in script, script
    assert any("T.vectorized" in s and "T.unroll" in s and "matmul_update" in s for s in scripts)
