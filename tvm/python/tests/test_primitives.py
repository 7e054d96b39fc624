"""Every primitive of the IR, compiled for the host CPU, against a numpy oracle."""

from __future__ import annotations

import math

import numpy as np
import pytest

from conftest import G

rng = np.random.default_rng(7)


def rand(*shape: int) -> np.ndarray:
    return rng.standard_normal(shape).astype(np.float32)


UNARY = {
    "neg": np.negative, "exp": np.exp, "log": np.log, "sqrt": np.sqrt, "tanh": np.tanh,
    "sigmoid": lambda v: 1 / (1 + np.exp(-v)), "sin": np.sin, "cos": np.cos, "abs": np.abs,
}


@pytest.mark.parametrize("fn", sorted(UNARY))
def test_unary(run, fn: str) -> None:
    x = rand(3, 5)
    if fn in ("log", "sqrt"):
        x = np.abs(x) + 0.1
    g = G()
    g.out("y", g.node("unary", (3, 5), inputs=(g.input("x", (3, 5)),), fn=fn))
    np.testing.assert_allclose(run(g, x=x)[0], UNARY[fn](x.astype(np.float64)), rtol=2e-6, atol=2e-6)


BINARY = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide, "max": np.maximum,
          "min": np.minimum, "atan2": np.arctan2}


@pytest.mark.parametrize("fn", sorted(BINARY))
def test_binary_broadcasts(run, fn: str) -> None:
    a, b = rand(2, 3, 4), rand(3, 1)
    g = G()
    g.out("y", g.node("binary", (2, 3, 4), inputs=(g.input("a", (2, 3, 4)), g.input("b", (3, 1))), fn=fn))
    np.testing.assert_allclose(run(g, a=a, b=b)[0], BINARY[fn](a.astype(np.float64), b), rtol=2e-6, atol=2e-6)


def test_integer_binary_division_truncates_like_java(run) -> None:
    a = np.array([7, -7, 7, -7, 0, 9], np.int32)
    b = np.array([2, 2, -2, -2, 3, 3], np.int32)
    g = G()
    ia, ib = g.input("a", (6,), "int32"), g.input("b", (6,), "int32")
    g.out("q", g.node("binary", (6,), "int32", (ia, ib), fn="div"))
    g.out("m", g.node("binary", (6,), "int32", (ia, ib), fn="max"))
    q, m = run(g, a=a, b=b)
    np.testing.assert_array_equal(q, [3, -3, -3, 3, 0, 3])
    np.testing.assert_array_equal(m, np.maximum(a, b))


@pytest.mark.parametrize("fn,oracle", [("lt", np.less), ("le", np.less_equal), ("gt", np.greater),
                                       ("ge", np.greater_equal), ("eq", np.equal), ("ne", np.not_equal)])
def test_compare_gives_i32_masks(run, fn: str, oracle) -> None:
    a = np.array([[1, 2, 3], [3, 2, 1]], np.float32)
    b = np.array([2, 2, 2], np.float32)
    g = G()
    g.out("m", g.node("compare", (2, 3), "int32", (g.input("a", (2, 3)), g.input("b", (3,))), fn=fn))
    out = run(g, a=a, b=b)[0]
    assert out.dtype == np.int32
    np.testing.assert_array_equal(out, oracle(a, b).astype(np.int32))


def test_fill_iota_constants_cast_where(run) -> None:
    g = G()
    x = g.input("x", (2, 3))
    fill = g.node("fill", (2, 3), value="-inf")
    ifill = g.node("fill", (2,), "int32", value=4)
    iota = g.node("iota", (2, 3), "int32", axis=1)
    cf = g.const(np.array([[0.5, -0.25, 3e-39]], np.float32))
    ci = g.const(np.array([1, -2147483648], np.int32))
    cast_fi = g.node("cast", (2, 3), "int32", (x,))
    cast_if = g.node("cast", (2, 3), "float32", (iota,))
    mask = g.node("compare", (2, 3), "int32", (x, g.node("fill", (), value=0.0)), fn="gt")
    where = g.node("where", (2, 3), "float32", (mask, x, fill))
    for name, n in [("fill", fill), ("ifill", ifill), ("iota", iota), ("cf", cf), ("ci", ci), ("cast_fi", cast_fi),
                    ("cast_if", cast_if), ("where", where)]:
        g.out(name, n)
    x_val = np.array([[1.7, -1.7, 0.2], [-0.5, 2.9, -3.1]], np.float32)
    fill_o, ifill_o, iota_o, cf_o, ci_o, cfi, cif, wh = run(g, x=x_val)
    assert np.all(fill_o == -math.inf)
    np.testing.assert_array_equal(ifill_o, [4, 4])
    np.testing.assert_array_equal(iota_o, [[0, 1, 2], [0, 1, 2]])
    np.testing.assert_array_equal(cf_o, np.array([[0.5, -0.25, 3e-39]], np.float32))
    np.testing.assert_array_equal(ci_o, [1, -2147483648])
    np.testing.assert_array_equal(cfi, np.trunc(x_val).astype(np.int32))
    np.testing.assert_array_equal(cif, iota_o.astype(np.float32))
    np.testing.assert_array_equal(wh, np.where(x_val > 0, x_val, -np.inf))


@pytest.mark.parametrize("ta,tb", [(False, False), (True, False), (False, True), (True, True)])
def test_batched_matmul_with_transpose_flags(run, ta: bool, tb: bool) -> None:
    a = rand(2, 5, 4) if ta else rand(2, 4, 5)
    b = rand(6, 5) if tb else rand(5, 6)
    g = G()
    g.out("c", g.node("matmul", (2, 4, 6), inputs=(g.input("a", a.shape), g.input("b", b.shape)),
                      transpose_a=ta, transpose_b=tb))
    a64 = np.swapaxes(a, -1, -2) if ta else a
    b64 = b.T if tb else b
    np.testing.assert_allclose(run(g, a=a, b=b)[0], a64.astype(np.float64) @ b64, rtol=1e-5, atol=1e-5)


def test_reductions(run) -> None:
    x = rand(2, 3, 4)
    g = G()
    ix = g.input("x", (2, 3, 4))
    g.out("sum", g.node("reduce", (2, 4), inputs=(ix,), fn="sum", axes=[1], keep_dims=False))
    g.out("max", g.node("reduce", (1, 3, 1), inputs=(ix,), fn="max", axes=[0, 2], keep_dims=True))
    g.out("none", g.node("reduce", (2, 3, 4), inputs=(ix,), fn="sum", axes=[], keep_dims=False))
    s, m, n = run(g, x=x)
    np.testing.assert_allclose(s, x.astype(np.float64).sum(axis=1), rtol=1e-6, atol=1e-6)
    np.testing.assert_array_equal(m, x.max(axis=(0, 2), keepdims=True))
    np.testing.assert_array_equal(n, x)


def test_cumsum_forward_and_reverse(run) -> None:
    x = rand(3, 5)
    g = G()
    ix = g.input("x", (3, 5))
    g.out("f", g.node("cumsum", (3, 5), inputs=(ix,), axis=1, reverse=False))
    g.out("r", g.node("cumsum", (3, 5), inputs=(ix,), axis=0, reverse=True))
    f, r = run(g, x=x)
    np.testing.assert_allclose(f, np.cumsum(x.astype(np.float64), axis=1), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(r, np.flip(np.cumsum(np.flip(x.astype(np.float64), 0), axis=0), 0), rtol=1e-5, atol=1e-5)


def test_layout_primitives(run) -> None:
    x = rand(2, 3, 4)
    b = rand(4)
    g = G()
    ix, ib = g.input("x", (2, 3, 4)), g.input("b", (4,))
    g.out("reshape", g.node("reshape", (6, 4), inputs=(ix,)))
    g.out("permute", g.node("permute", (4, 2, 3), inputs=(ix,), perm=[2, 0, 1]))
    g.out("bcast", g.node("broadcast_to", (3, 4), inputs=(ib,)))
    sl = g.node("slice", (2, 2, 4), inputs=(ix,), axis=1, start=1, end=3)
    g.out("slice", sl)
    g.out("pad", g.node("pad", (2, 5, 4), inputs=(sl,), axis=1, before=2, after=1))
    g.out("pad0", g.node("pad", (2, 2, 5), inputs=(sl,), axis=2, before=0, after=1))
    g.out("concat", g.node("concat", (2, 3, 9), inputs=(ix, ix, g.node("reshape", (2, 3, 1), inputs=(
        g.node("slice", (6,), inputs=(g.node("reshape", (24,), inputs=(ix,)),), axis=0, start=0, end=6),))),
        axis=2))
    g.out("stop", g.node("stop_gradient", (2, 3, 4), inputs=(ix,)))
    reshape, permute, bcast, slc, pad, pad0, concat, stop = run(g, x=x, b=b)
    np.testing.assert_array_equal(reshape, x.reshape(6, 4))
    np.testing.assert_array_equal(permute, x.transpose(2, 0, 1))
    np.testing.assert_array_equal(bcast, np.broadcast_to(b, (3, 4)))
    np.testing.assert_array_equal(slc, x[:, 1:3, :])
    np.testing.assert_array_equal(pad, np.pad(x[:, 1:3, :], ((0, 0), (2, 1), (0, 0))))
    np.testing.assert_array_equal(pad0, np.pad(x[:, 1:3, :], ((0, 0), (0, 0), (0, 1))))
    np.testing.assert_array_equal(concat, np.concatenate([x, x, x.reshape(24)[:6].reshape(2, 3, 1)], axis=2))
    np.testing.assert_array_equal(stop, x)


def test_take_and_scatter_add_with_repeated_indices(run) -> None:
    table = rand(5, 3)
    idx = np.array([[4, 0, 4], [1, 4, 2]], np.int32)
    upd = rand(2, 3, 3)
    g = G()
    it, ii, iu = g.input("table", (5, 3)), g.input("idx", (2, 3), "int32"), g.input("upd", (2, 3, 3))
    g.out("take", g.node("take", (2, 3, 3), inputs=(it, ii)))
    g.out("scatter", g.node("scatter_add", (5, 3), inputs=(ii, iu), rows=5))
    take, scatter = run(g, table=table, idx=idx, upd=upd)
    np.testing.assert_array_equal(take, table[idx])
    expected = np.zeros((5, 3))
    np.add.at(expected, idx.reshape(-1), upd.reshape(-1, 3).astype(np.float64))
    np.testing.assert_allclose(scatter, expected, rtol=1e-6, atol=1e-6)


def test_parameters_follow_inputs_in_the_signature(run) -> None:
    g = G()
    w = g.param("layer.w", (3, 2))
    x = g.input("x", (4, 3))
    g.out("y", g.node("matmul", (4, 2), inputs=(x, w), transpose_a=False, transpose_b=False))
    xv, wv = rand(4, 3), rand(3, 2)
    np.testing.assert_allclose(run(g, x=xv, **{"layer.w": wv})[0], xv.astype(np.float64) @ wv, rtol=1e-5, atol=1e-5)
