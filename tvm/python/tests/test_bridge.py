"""Cache behaviour, error reporting, the CLI, and the CUDA path up to the point a GPU is needed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import tvm

from conftest import G
from recurbench_tvm import GraphFormatError, UnsupportedPrimitiveError, compile_graph, parse_graph, resolve_target
from recurbench_tvm.compiler import LIBRARY, MANIFEST, SIGNATURE, lower

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
    """Everything short of running: DLight-scheduled kernels exported as CUDA source in the library."""
    g = small_graph()
    target = resolve_target("cuda", "sm_80")
    lowered = lower(g.json(), target)
    kernels = [f for gv, f in lowered.functions.items() if isinstance(f, tvm.tirx.PrimFunc)]
    assert kernels and all("threadIdx.x" in f.script() for f in kernels)  # bound to GPU threads
    result = compile_graph(g.json(), target, tmp_path)
    assert b"__global__" in result.library.read_bytes()
    assert (result.library.parent / LIBRARY).is_file()


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
