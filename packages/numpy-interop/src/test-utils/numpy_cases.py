#!/usr/bin/env python3
"""Round-trip cases between real NumPy and typetorch (run by numpy.roundtrip.test.ts with
Debian's /usr/bin/python3 and python3-numpy).

  gen DIR    writes DIR/<case>.npy for every dtype x order x byte order x shape class x format
             version (np.lib.format.write_array), DIR/<case>.bin (the elements in C order,
             little-endian: what typetorch must read), DIR/np.npz and DIR/npc.npz (savez /
             savez_compressed), DIR/void2.npy (2-byte voids, as ml_dtypes bfloat16 saves),
             and DIR/cases.json listing the cases.
  dump F...  prints {file: {dtype, shape, fortran, list}} for each .npy (int64 values as strings,
             floats as repr strings so nan/inf/-0.0 survive JSON).
  check DIR  loads every DIR/ts_<case>.npy / ts.npz / tsc.npz typetorch wrote and compares it
             with the original (dtype, shape, memory order, every byte); prints a JSON report.
"""
import json
import os
import sys

import numpy as np

DTYPES = ["bool", "uint8", "int8", "int16", "int32", "int64", "float16", "float32", "float64"]
SHAPES = {"0d": (), "empty": (0,), "empty3": (2, 0, 3), "1d": (5,), "2d": (3, 4), "3d": (2, 3, 4)}


def values(dtype, n, seed):
    rng = np.random.default_rng(seed)
    if dtype == "bool":
        return rng.integers(0, 2, n).astype(bool)
    if dtype.startswith(("int", "uint")):
        info = np.iinfo(dtype)
        v = rng.integers(info.min, info.max, n, dtype=dtype, endpoint=True)
        special = [info.min, info.max, 0, -1 if info.min < 0 else 1]
        if dtype == "int64":
            special += [2**53 + 1, -(2**53) - 3, 2**62 + 12345]
        for i, s in enumerate(special[:n]):
            v[i] = s
        return v
    v = (rng.standard_normal(n) * 1000).astype(dtype)
    special = [np.nan, np.inf, -np.inf, -0.0, np.finfo(dtype).tiny / 4, np.finfo(dtype).max]
    for i, s in enumerate(special[:n]):
        v[i] = s
    return v


def cases():
    out = []
    for dtype in DTYPES:
        for shape_name, shape in SHAPES.items():
            for order in ("C", "F"):
                for endian in ("<", ">"):
                    versions = (1, 2, 3) if shape_name == "2d" else (1,)
                    for version in versions:
                        out.append(dict(name=f"{dtype}_{shape_name}_{order}_{'le' if endian == '<' else 'be'}_v{version}",
                                        dtype=dtype, shape=list(shape), order=order, endian=endian, version=version))
    return out


def make(case, seed):
    n = int(np.prod(case["shape"], dtype=np.int64))
    base = values(case["dtype"], n, seed).reshape(case["shape"])
    a = np.asarray(base, order=case["order"])
    dt = a.dtype.newbyteorder(case["endian"]) if a.dtype.itemsize > 1 else a.dtype
    return a.astype(dt, order=case["order"])


def gen(d):
    cs = cases()
    for i, c in enumerate(cs):
        a = make(c, i)
        with open(os.path.join(d, c["name"] + ".npy"), "wb") as f:
            np.lib.format.write_array(f, a, version=(c["version"], 0))
        le = np.ascontiguousarray(a).astype(a.dtype.newbyteorder("<") if a.dtype.itemsize > 1 else a.dtype)
        with open(os.path.join(d, c["name"] + ".bin"), "wb") as f:
            f.write(le.tobytes(order="C"))
        c["fortran"] = bool(a.flags.f_contiguous and not a.flags.c_contiguous)
    arrays = {f"a_{dt}": make(dict(dtype=dt, shape=[3, 4], order="C", endian="<"), 100 + i) for i, dt in enumerate(DTYPES)}
    arrays["scalar"] = np.float64(2.5)
    arrays["empty"] = np.zeros((0, 2), np.int32)
    arrays["fortran"] = np.asfortranarray(np.arange(12, dtype=np.float32).reshape(3, 4))
    np.savez(os.path.join(d, "np.npz"), **arrays)
    np.savez_compressed(os.path.join(d, "npc.npz"), **arrays)
    for k, v in arrays.items():
        le = np.ascontiguousarray(v)
        with open(os.path.join(d, f"npz_{k}.bin"), "wb") as f:
            f.write(le.tobytes(order="C"))
    np.save(os.path.join(d, "void2.npy"), np.frombuffer(np.array([1.0, -2.5, 3.0], np.float32).view(np.uint16)[1::2].tobytes(), dtype="V2"))
    with open(os.path.join(d, "cases.json"), "w") as f:
        json.dump({"cases": cs, "npz": sorted(arrays), "numpy": np.__version__}, f)


def same(a, b):
    if a.dtype.newbyteorder("=") != b.dtype.newbyteorder("="):
        return f"dtype {b.dtype} != {a.dtype}"
    if a.shape != b.shape:
        return f"shape {b.shape} != {a.shape}"
    na = np.ascontiguousarray(a).astype(a.dtype.newbyteorder("="))
    nb = np.ascontiguousarray(b).astype(b.dtype.newbyteorder("="))
    if na.tobytes() != nb.tobytes():
        return "bytes differ"
    return None


def check(d):
    report = {}
    for c in cases():
        p = os.path.join(d, "ts_" + c["name"] + ".npy")
        if not os.path.exists(p):
            continue
        orig = np.load(os.path.join(d, c["name"] + ".npy"))
        got = np.load(p)
        err = same(orig, got)
        if err is None and c["order"] == "F" and len(c["shape"]) > 1 and 0 not in c["shape"] and not got.flags.f_contiguous:
            err = "expected a Fortran-order array"
        if err is None and c["endian"] == ">" and got.dtype.itemsize > 1 and got.dtype.byteorder != ">":
            err = f"expected big-endian, got {got.dtype.str}"
        report[c["name"]] = err or "ok"
    for name in ("ts.npz", "tsc.npz"):
        p = os.path.join(d, name)
        if not os.path.exists(p):
            continue
        orig = np.load(os.path.join(d, "np.npz"))
        with np.load(p) as got:
            for k in orig.files:
                report[f"{name}:{k}"] = (same(orig[k], got[k]) if k in got.files else "missing") or "ok"
    print(json.dumps(report))


def dump(*files):
    def conv(a):
        if a.dtype.kind == "f":
            return [repr(float(v)) for v in a.ravel()]
        if a.dtype.kind in "iu":
            return [str(int(v)) for v in a.ravel()]
        return [bool(v) for v in a.ravel()]
    out = {}
    for p in files:
        a = np.load(p)
        out[os.path.basename(p)] = {"dtype": str(a.dtype), "shape": list(a.shape),
                                    "fortran": bool(a.flags.f_contiguous and not a.flags.c_contiguous), "flat": conv(a)}
    print(json.dumps(out))


if __name__ == "__main__":
    {"gen": gen, "check": check, "dump": dump}[sys.argv[1]](*sys.argv[2:])
