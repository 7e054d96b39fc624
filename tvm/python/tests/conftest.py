"""Helpers for bridge tests: build recurbench-graph JSON by hand, compile, run on the Relax VM."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import tvm
from tvm import relax

from recurbench_tvm import compile_graph, resolve_target

_DT = {"float32": "f32", "int32": "i32"}


class G:
    """Builds a graph document node by node (shapes given explicitly, as the Java tracer infers them)."""

    def __init__(self) -> None:
        self.params: list[dict[str, Any]] = []
        self.nodes: list[dict[str, Any]] = []
        self.outputs: list[dict[str, Any]] = []

    def node(self, op: str, shape: tuple[int, ...], dtype: str = "float32", inputs: tuple[int, ...] = (),
             **attrs: Any) -> int:
        i = len(self.nodes)
        self.nodes.append({"id": i, "op": op, "attrs": attrs, "inputs": list(inputs), "shape": list(shape),
                           "dtype": _DT[dtype]})
        return i

    def input(self, name: str, shape: tuple[int, ...], dtype: str = "float32") -> int:
        return self.node("input", shape, dtype, name=name)

    def param(self, name: str, shape: tuple[int, ...]) -> int:
        self.params.append({"name": name, "shape": list(shape), "initializer": {"kind": "constant", "value": 0}})
        return self.node("parameter", shape, name=name)

    def const(self, arr: np.ndarray) -> int:
        kind = "constant_f32" if arr.dtype == np.float32 else "constant_i32"
        data = base64.b64encode(arr.astype("<f4" if kind == "constant_f32" else "<i4").tobytes()).decode()
        return self.node(kind, arr.shape, str(arr.dtype), data_b64=data)

    def out(self, name: str, node: int) -> None:
        self.outputs.append({"name": name, "node": node})

    def json(self) -> bytes:
        return json.dumps({"format": "recurbench-graph", "version": 1, "parameters": self.params,
                           "nodes": self.nodes, "outputs": self.outputs}).encode()


@pytest.fixture(scope="session")
def llvm() -> tvm.target.Target:
    return resolve_target("llvm")


@pytest.fixture
def run(tmp_path: Path, llvm: tvm.target.Target):
    """Compiles a graph for the host CPU and runs it with named numpy feeds → list of outputs."""

    def _run(g: G, **feeds: np.ndarray) -> list[np.ndarray]:
        result = compile_graph(g.json(), llvm, tmp_path / "cache")
        vm = relax.VirtualMachine(tvm.runtime.load_module(str(result.library)), tvm.cpu())
        order = [a["name"] for a in result.signature["inputs"] + result.signature["parameters"]]
        out = vm["main"](*[tvm.runtime.tensor(np.ascontiguousarray(feeds[n])) for n in order])
        return [o.numpy() for o in out]

    return _run
