"""A small default schedule for the CPU (``llvm``) target.

TVM's CPU pipeline (``relax.backend.cpu_generic``) lowers every op to plain loop nests without a
schedule: no threads, no vectorization — DLight has GPU rules but none for CPU matmuls. This pass
gives each fused TIR function a simple schedule, block by block:

* spatial blocks (elementwise, broadcast, layout): all loops fused, split by the vector width,
  outer part parallel over cores, inner part vectorized (just parallel when the extent does not divide);
* matmul-like blocks (spatial loops then one reduction loop, as ``LegalizeOps`` emits
  ``matmul``): cache-blocked over rows, columns (by the vector width) and ``k``, see
  :func:`_schedule_matmul`;
* other reductions: the leading spatial loops fused and parallel.

A block the rules cannot handle keeps TVM's default loop nest, which is correct, only slower.
"""

from __future__ import annotations

import tvm
import tvm_ffi
from tvm import s_tir, tirx

_DATA_PAR = 0
_COMM_REDUCE = 2


def vector_lanes(target: tvm.target.Target) -> int:
    """float32 lanes of the target's vector registers (16 with AVX-512, 8 with AVX2)."""
    return max(4, int(tvm_ffi.get_global_func("target.llvm_get_vector_width")(target)) // 32)


def schedule_func(func: tirx.PrimFunc, lanes: int) -> tirx.PrimFunc:
    sch = s_tir.Schedule(func)
    body = sch.mod["main"].body
    if not isinstance(body, s_tir.SBlockRealize):
        return func  # not a single root block: leave it to TVM's defaults
    for block in sch.get_child_blocks(sch.get_sblock(body.block.name_hint)):
        try:
            _schedule_block(sch, block, lanes)
        except (s_tir.ScheduleError, tvm.error.InternalError):
            continue  # this block keeps TVM's default loop nest
    return sch.mod["main"]


def _schedule_block(sch: s_tir.Schedule, block, lanes: int) -> None:
    kinds = [int(iv.iter_type) for iv in sch.get(block).iter_vars]
    loops = sch.get_loops(block)
    if len(loops) != len(kinds) or not loops:
        return
    extents = [int(sch.get(loop).extent) for loop in loops]
    if all(k == _DATA_PAR for k in kinds):
        fused = sch.fuse(*loops) if len(loops) > 1 else loops[0]
        total = 1
        for e in extents:
            total *= e
        if total % lanes == 0 and total >= 2 * lanes:
            outer, inner = sch.split(fused, [None, lanes])
            sch.parallel(outer)
            sch.vectorize(inner)
        elif total > 1:
            sch.parallel(fused)
        return
    n_spatial = kinds.index(_COMM_REDUCE)
    if any(k != _COMM_REDUCE for k in kinds[n_spatial:]) or n_spatial == 0:
        return
    matmul_like = (len(kinds) - n_spatial == 1 and n_spatial >= 2 and extents[n_spatial - 1] % lanes == 0
                   and _reads_two_buffers(sch, block))
    if matmul_like:
        _schedule_matmul(sch, block, loops[:n_spatial], loops[n_spatial], extents[n_spatial], lanes)
        return
    outer = sch.fuse(*loops[:n_spatial]) if n_spatial > 1 else loops[0]
    sch.parallel(outer)


_ROW_TILES = (8, 4, 2, 1)
_K_TILE_MAX = 256
_K_TILE_MIN = 32


def _largest_divisor(n: int, candidates) -> int:
    return next(c for c in candidates if n % c == 0)


def _schedule_matmul(sch: s_tir.Schedule, block, spatial: list, k, k_extent: int, lanes: int) -> None:
    """Register- and cache-blocked ``C[rows, j] += A[rows, k] · B[k, j]``.

    Loop order ``(rows/8 × j/lanes) parallel, k/kt, k%kt, rows%8, j%lanes`` with the last two
    unrolled: an 8×lanes tile of C (8 vector registers with AVX-512) accumulates an outer product per
    ``k`` — one vector of B, eight broadcasts of A — which LLVM's SLP vectorizer turns into vector
    FMAs (TVM refuses ``vectorize`` inside a reduction block). ``kt`` (≤ 256, a divisor of ``k``)
    keeps the B panel in L1. Tiles divide their loops, so the inner loops carry no predicate.
    """
    rows = sch.fuse(*spatial[:-1]) if len(spatial) > 2 else spatial[0]
    row_tile = _largest_divisor(int(sch.get(rows).extent), _ROW_TILES)
    ro, ri = sch.split(rows, [None, row_tile])
    jo, ji = sch.split(spatial[-1], [None, lanes])
    # Tiles divide their loops exactly: a remainder would put a predicate in the innermost loop.
    k_tile = _largest_divisor(k_extent, range(_K_TILE_MAX, 0, -1))
    if k_extent > _K_TILE_MAX and k_tile >= _K_TILE_MIN:
        ko, ki = sch.split(k, [None, k_tile])
        sch.reorder(ro, jo, ko, ki, ri, ji)
    else:
        ko, ki = None, k
        sch.reorder(ro, jo, ki, ri, ji)
    sch.parallel(sch.fuse(ro, jo))
    init = sch.decompose_reduction(block, ko if ko is not None else ki)
    sch.vectorize(sch.get_loops(init)[-1])
    sch.unroll(ri)
    sch.unroll(ji)


def _reads_two_buffers(sch: s_tir.Schedule, block) -> bool:
    return len(sch.get(block).reads) == 2


@tvm.transform.module_pass(opt_level=0, name="RecurbenchCpuSchedule")
class CpuSchedule:
    """Applies :func:`schedule_func` to every TIR function of the module."""

    def __init__(self, lanes: int) -> None:
        self.lanes = lanes

    def transform_module(self, mod: tvm.IRModule, _ctx: tvm.transform.PassContext) -> tvm.IRModule:
        out = mod
        for gv, func in mod.functions.items():
            if isinstance(func, tirx.PrimFunc):
                out[gv] = schedule_func(func, self.lanes)
        return out
