"""Command line of the bridge, run by the Java backend in the project's venv.

    python -m recurbench_tvm compile --graph G.json --target llvm --cache DIR [--cuda-arch sm_90]

Progress goes to stderr; the last stdout line is a JSON object (library path, signature, cache hit).
Exit status 2 with one ``error: ...`` line on stderr for bad input or an unsupported primitive.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .compiler import compile_graph, resolve_target
from .graph import GraphFormatError
from .relax_builder import UnsupportedPrimitiveError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="recurbench_tvm")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("compile", help="compile a recurbench-graph JSON file to a Relax VM library")
    c.add_argument("--graph", required=True, type=Path)
    c.add_argument("--target", required=True, help="llvm, cuda, or a full TVM target string")
    c.add_argument("--cuda-arch", default=None, help="GPU architecture for --target cuda, e.g. sm_90")
    c.add_argument("--cache", required=True, type=Path)
    sub.add_parser("version", help="print the TVM and tvm-ffi versions as JSON")
    args = parser.parse_args(argv)

    if args.command == "version":
        import tvm
        import tvm_ffi

        print(json.dumps({"tvm": tvm.__version__, "tvm_ffi": tvm_ffi.__version__}))
        return 0
    try:
        graph_bytes = args.graph.read_bytes()
        result = compile_graph(graph_bytes, resolve_target(args.target, args.cuda_arch), args.cache)
    except (GraphFormatError, UnsupportedPrimitiveError, OSError) as e:
        print(f"error: {args.graph}: {e}", file=sys.stderr)
        return 2
    except ValueError as e:
        print(f"error: {args.graph}: {e}".splitlines()[0], file=sys.stderr)
        return 2
    print(json.dumps(result.to_json()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
