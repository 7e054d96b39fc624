"""RecurBench's TVM compile bridge: recurbench-graph JSON -> Relax -> compiled shared library.

The Java TVM backend runs ``python -m recurbench_tvm compile ...`` in the project's venv; the
result is a library that the Java side loads through its own tvm-ffi binding.
"""

from .graph import GraphSpec, NodeSpec, ParamSpec, OutputSpec, GraphFormatError, parse_graph
from .relax_builder import UnsupportedPrimitiveError, build_module, signature
from .compiler import CompileResult, compile_graph, resolve_target

__all__ = [
    "GraphSpec",
    "NodeSpec",
    "ParamSpec",
    "OutputSpec",
    "GraphFormatError",
    "parse_graph",
    "UnsupportedPrimitiveError",
    "build_module",
    "signature",
    "CompileResult",
    "compile_graph",
    "resolve_target",
]
