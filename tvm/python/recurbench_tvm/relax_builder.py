"""Rebuilds a recurbench graph as a Relax ``main`` function, one primitive at a time.

``main``'s arguments are the graph's inputs (by first appearance) followed by every declared
parameter (declaration order); it returns a tuple of the graph's outputs in their order. The Java
backend reads the same order from the ``signature`` written next to the compiled library.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import tvm
from tvm import relax

from .graph import GraphSpec, NodeSpec, constant_data, real

Expr = relax.Expr


class UnsupportedPrimitiveError(ValueError):
    """A primitive (or an attribute value) the bridge cannot lower; the message names it."""


_UNARY: dict[str, Callable[[Expr], Expr]] = {
    "neg": relax.op.negative,
    "exp": relax.op.exp,
    "log": relax.op.log,
    "sqrt": relax.op.sqrt,
    "tanh": relax.op.tanh,
    "sigmoid": relax.op.sigmoid,
    "sin": relax.op.sin,
    "cos": relax.op.cos,
    "abs": relax.op.abs,
}

_BINARY: dict[str, Callable[[Expr, Expr], Expr]] = {
    "add": relax.op.add,
    "sub": relax.op.subtract,
    "mul": relax.op.multiply,
    "div": relax.op.divide,
    "max": relax.op.maximum,
    "min": relax.op.minimum,
    "atan2": relax.op.atan2,
}

_COMPARE: dict[str, Callable[[Expr, Expr], Expr]] = {
    "lt": relax.op.less,
    "le": relax.op.less_equal,
    "gt": relax.op.greater,
    "ge": relax.op.greater_equal,
    "eq": relax.op.equal,
    "ne": relax.op.not_equal,
}


def signature(graph: GraphSpec) -> dict[str, Any]:
    """Argument and result order of the compiled ``main`` (JSON-ready)."""
    first_input: dict[str, NodeSpec] = {}
    for n in graph.nodes:
        if n.op == "input":
            first_input.setdefault(n.attrs["name"], n)
    dt = {"float32": "f32", "int32": "i32"}
    return {
        "inputs": [{"name": k, "shape": list(v.shape), "dtype": dt[v.dtype]} for k, v in first_input.items()],
        "parameters": [{"name": p.name, "shape": list(p.shape), "dtype": "f32"} for p in graph.parameters],
        "outputs": [
            {"name": o.name, "shape": list(graph.nodes[o.node].shape), "dtype": dt[graph.nodes[o.node].dtype]}
            for o in graph.outputs
        ],
    }


def build_module(graph: GraphSpec) -> tvm.IRModule:
    """The graph as an IRModule with one Relax function ``main``."""
    check_supported(graph)
    sig = signature(graph)
    dt = {"f32": "float32", "i32": "int32"}
    args: dict[str, relax.Var] = {}
    for a in sig["inputs"] + sig["parameters"]:
        args[a["name"]] = relax.Var(a["name"], relax.TensorType(tuple(a["shape"]), dt[a["dtype"]]))
    inputs = {a["name"]: args[a["name"]] for a in sig["inputs"]}
    params = {a["name"]: args[a["name"]] for a in sig["parameters"]}

    bb = relax.BlockBuilder()
    with bb.function("main", list(args.values())):
        with bb.dataflow():
            values: list[Expr] = []
            for node in graph.nodes:
                operands = [values[i] for i in node.inputs]
                try:
                    expr = _lower(node, operands, [graph.nodes[i] for i in node.inputs], inputs, params)
                except UnsupportedPrimitiveError:
                    raise
                except (KeyError, IndexError, TypeError, ValueError, RuntimeError) as e:
                    site = f" (traced at {node.site})" if node.site else ""
                    raise ValueError(f"node {node.id} '{node.op}'{site}: {type(e).__name__}: {e}") from e
                values.append(expr if isinstance(expr, relax.Var) else bb.emit(expr))
            result = bb.emit_output(relax.Tuple([values[o.node] for o in graph.outputs]))
        bb.emit_func_output(result)
    return bb.get()


_OPS = {"input", "parameter", "fill", "constant_f32", "constant_i32", "iota", "unary", "binary", "compare", "cast",
        "where", "matmul", "reduce", "cumsum", "reshape", "permute", "broadcast_to", "slice", "pad", "concat",
        "take", "scatter_add", "stop_gradient"}
_FNS = {"unary": _UNARY, "binary": _BINARY, "compare": _COMPARE, "reduce": {"sum": None, "max": None}}


def check_supported(graph: GraphSpec) -> None:
    """Fails before building anything if a primitive or an op function is unknown to the bridge."""
    for node in graph.nodes:
        if node.op not in _OPS:
            raise UnsupportedPrimitiveError(f"unsupported primitive: '{node.op}' (node {node.id})")
        table = _FNS.get(node.op)
        if table is not None and node.attrs.get("fn") not in table:
            raise UnsupportedPrimitiveError(
                f"unsupported primitive: {node.op} fn '{node.attrs.get('fn')}' (node {node.id})")


def _lower(node: NodeSpec, x: list[Expr], xs: list[NodeSpec], inputs: dict[str, relax.Var],
           params: dict[str, relax.Var]) -> Expr:
    """Relax expression of ``node`` given its operands ``x`` (and their node specs ``xs``)."""
    a = node.attrs
    op = node.op
    shape = node.shape
    if op == "input":
        return inputs[a["name"]]
    if op == "parameter":
        return params[a["name"]]
    if op == "fill":
        v = real(a["value"], f"$.nodes[{node.id}].attrs.value")
        scalar = np.array(v if node.dtype == "float32" else int(v), dtype=node.dtype)
        # broadcast_to of a scalar, not relax.op.full: TVM 0.27's legalization of full() fails for
        # non-finite fill values (topi.full tests `"float" in dtype` on a PrimType).
        return relax.op.broadcast_to(relax.const(scalar, node.dtype), shape)
    if op in ("constant_f32", "constant_i32"):
        return relax.const(constant_data(node), node.dtype)
    if op == "iota":
        axis = a["axis"]
        ramp = relax.op.arange(0, shape[axis], 1, node.dtype)
        ones = [1] * len(shape)
        ones[axis] = shape[axis]
        return relax.op.broadcast_to(relax.op.reshape(ramp, ones), shape)
    if op == "unary":
        return _pick(_UNARY, a["fn"], "unary")(x[0])
    if op == "binary":
        fn = a["fn"]
        if fn == "div" and node.dtype == "int32":
            # Java's int division truncates toward zero; Relax's integer divide floors.
            return relax.op.astype(relax.op.trunc(relax.op.divide(relax.op.astype(x[0], "float64"),
                                                                  relax.op.astype(x[1], "float64"))), "int32")
        return _pick(_BINARY, fn, "binary")(x[0], x[1])
    if op == "compare":
        return relax.op.astype(_pick(_COMPARE, a["fn"], "compare")(x[0], x[1]), "int32")
    if op == "cast":
        return relax.op.astype(x[0], node.dtype)
    if op == "where":
        cond = relax.op.not_equal(x[0], relax.const(0, xs[0].dtype))
        return relax.op.where(cond, x[1], x[2])
    if op == "matmul":
        lhs = _swap_last_two(x[0], len(xs[0].shape)) if a["transpose_a"] else x[0]
        rhs = _swap_last_two(x[1], len(xs[1].shape)) if a["transpose_b"] else x[1]
        return relax.op.matmul(lhs, rhs)
    if op == "reduce":
        axes = list(a["axes"])
        if not axes:
            return x[0]
        fn = {"sum": relax.op.sum, "max": relax.op.max}.get(a["fn"])
        if fn is None:
            raise UnsupportedPrimitiveError(f"unsupported primitive: reduce fn '{a['fn']}'")
        return fn(x[0], axis=axes, keepdims=bool(a["keep_dims"]))
    if op == "cumsum":
        axis = a["axis"]
        if a["reverse"]:
            return relax.op.flip(relax.op.cumsum(relax.op.flip(x[0], axis), axis=axis), axis)
        return relax.op.cumsum(x[0], axis=axis)
    if op == "reshape":
        return relax.op.reshape(x[0], shape)
    if op == "permute":
        return relax.op.permute_dims(x[0], axes=list(a["perm"]))
    if op == "broadcast_to":
        return relax.op.broadcast_to(x[0], shape)
    if op == "slice":
        return relax.op.strided_slice(x[0], axes=[a["axis"]], begin=[a["start"]], end=[a["end"]],
                                      assume_inbound=True)
    if op == "pad":
        axis, before, after = a["axis"], a["before"], a["after"]
        parts: list[Expr] = []
        for width in (before, None, after):
            if width is None:
                parts.append(x[0])
            elif width > 0:
                zshape = list(shape)
                zshape[axis] = width
                parts.append(relax.op.zeros(zshape, node.dtype))
        return parts[0] if len(parts) == 1 else relax.op.concat(parts, axis=axis)
    if op == "concat":
        return x[0] if len(x) == 1 else relax.op.concat(x, axis=a["axis"])
    if op == "take":
        return relax.op.take(x[0], x[1], axis=0)
    if op == "scatter_add":
        indices, updates = x
        n = int(np.prod(xs[0].shape, dtype=np.int64))
        rest = list(shape[1:])
        flat_idx = relax.op.reshape(indices, [n, 1])
        flat_upd = relax.op.reshape(updates, [n] + rest)
        zeros = relax.op.zeros(shape, node.dtype)
        return relax.op.scatter_nd(zeros, flat_idx, flat_upd, reduction="add")
    if op == "stop_gradient":
        return x[0]
    raise UnsupportedPrimitiveError(f"unsupported primitive: '{op}' (node {node.id})")


def _pick(table: dict[str, Callable[..., Expr]], fn: str, op: str) -> Callable[..., Expr]:
    if fn not in table:
        raise UnsupportedPrimitiveError(f"unsupported primitive: {op} fn '{fn}'")
    return table[fn]


def _swap_last_two(e: Expr, rank: int) -> Expr:
    perm = list(range(rank))
    perm[-1], perm[-2] = perm[-2], perm[-1]
    return relax.op.permute_dims(e, axes=perm)
