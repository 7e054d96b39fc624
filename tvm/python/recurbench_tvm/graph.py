"""Typed view of a ``recurbench-graph`` v1 document (see docs/graph-format.md).

The Java ``GraphJsonReader`` is the strict validator of the format; this reader checks what the
bridge relies on (format, version, node numbering, operand references) and fails with the JSON path.
"""

from __future__ import annotations

import base64
import json
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

FORMAT = "recurbench-graph"
VERSION = 1


class GraphFormatError(ValueError):
    """Malformed graph JSON; the message starts with the JSON path."""


@dataclass(frozen=True)
class ParamSpec:
    name: str
    shape: tuple[int, ...]


@dataclass(frozen=True)
class NodeSpec:
    id: int
    op: str
    attrs: dict[str, Any]
    inputs: tuple[int, ...]
    shape: tuple[int, ...]
    dtype: str  # "float32" or "int32"
    site: str | None = None


@dataclass(frozen=True)
class OutputSpec:
    name: str
    node: int


@dataclass(frozen=True)
class GraphSpec:
    parameters: tuple[ParamSpec, ...]
    nodes: tuple[NodeSpec, ...]
    outputs: tuple[OutputSpec, ...]
    input_names: tuple[str, ...] = field(default=())


_DTYPES = {"f32": "float32", "i32": "int32"}


def _require(obj: Any, key: str, kind: type | tuple[type, ...], path: str) -> Any:
    if not isinstance(obj, dict):
        raise GraphFormatError(f"{path}: expected an object")
    if key not in obj:
        raise GraphFormatError(f"{path}.{key}: missing")
    value = obj[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise GraphFormatError(f"{path}.{key}: expected {getattr(kind, '__name__', kind)}, got {value!r}")
    return value


def _shape(obj: Any, path: str) -> tuple[int, ...]:
    dims = _require(obj, "shape", list, path)
    for i, d in enumerate(dims):
        if not isinstance(d, int) or isinstance(d, bool) or d < 0:
            raise GraphFormatError(f"{path}.shape[{i}]: expected a dimension >= 0, got {d!r}")
    return tuple(dims)


def real(value: Any, path: str) -> float:
    """A JSON number, or the strings inf / -inf / nan the format uses for non-finite values."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if value in ("inf", "-inf", "nan"):
        return {"inf": math.inf, "-inf": -math.inf, "nan": math.nan}[value]
    raise GraphFormatError(f"{path}: expected a number or \"inf\", \"-inf\", \"nan\", got {value!r}")


def constant_data(node: NodeSpec) -> np.ndarray:
    """Decodes a constant node's base64 little-endian payload into an array of the node's shape."""
    raw = base64.b64decode(node.attrs["data_b64"], validate=True)
    dtype = "<f4" if node.dtype == "float32" else "<i4"
    data = np.frombuffer(raw, dtype=dtype)
    if data.size != int(np.prod(node.shape, dtype=np.int64)):
        raise GraphFormatError(
            f"$.nodes[{node.id}].attrs.data_b64: expected {int(np.prod(node.shape))} values, got {data.size}")
    return data.reshape(node.shape).astype(node.dtype)


def parse_graph(text: str | bytes) -> GraphSpec:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise GraphFormatError(f"$: not valid JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
    if not isinstance(doc, dict):
        raise GraphFormatError("$: expected a JSON object")
    fmt = _require(doc, "format", str, "$")
    if fmt != FORMAT:
        raise GraphFormatError(f"$.format: expected \"{FORMAT}\", got \"{fmt}\"")
    version = _require(doc, "version", int, "$")
    if version != VERSION:
        raise GraphFormatError(f"$.version: this bridge understands version {VERSION}, got {version}")

    params = []
    for i, p in enumerate(_require(doc, "parameters", list, "$")):
        at = f"$.parameters[{i}]"
        params.append(ParamSpec(_require(p, "name", str, at), _shape(p, at)))

    nodes: list[NodeSpec] = []
    input_names: list[str] = []
    for i, n in enumerate(_require(doc, "nodes", list, "$")):
        at = f"$.nodes[{i}]"
        node_id = _require(n, "id", int, at)
        if node_id != i:
            raise GraphFormatError(f"{at}.id: expected {i} (nodes are numbered in order), got {node_id}")
        inputs = _require(n, "inputs", list, at)
        for k, x in enumerate(inputs):
            if not isinstance(x, int) or isinstance(x, bool) or not 0 <= x < i:
                raise GraphFormatError(f"{at}.inputs[{k}]: expected the id of an earlier node (0..{i - 1}), got {x!r}")
        dtype = _require(n, "dtype", str, at)
        if dtype not in _DTYPES:
            raise GraphFormatError(f"{at}.dtype: expected \"f32\" or \"i32\", got \"{dtype}\"")
        site = n.get("site")
        node = NodeSpec(node_id, _require(n, "op", str, at), dict(_require(n, "attrs", dict, at)),
                        tuple(inputs), _shape(n, at), _DTYPES[dtype], site if isinstance(site, str) else None)
        if node.op == "input" and node.attrs.get("name") not in input_names:
            input_names.append(_require(node.attrs, "name", str, f"{at}.attrs"))
        nodes.append(node)

    outputs = []
    for i, o in enumerate(_require(doc, "outputs", list, "$")):
        at = f"$.outputs[{i}]"
        node_id = _require(o, "node", int, at)
        if not 0 <= node_id < len(nodes):
            raise GraphFormatError(f"{at}.node: expected a node id in 0..{len(nodes) - 1}, got {node_id}")
        outputs.append(OutputSpec(_require(o, "name", str, at), node_id))
    return GraphSpec(tuple(params), tuple(nodes), tuple(outputs), tuple(input_names))
