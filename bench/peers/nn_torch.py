#!/usr/bin/env python3
"""PyTorch peer of org.sgdlab.bench.NetworkWorkloads (issue 13 §6), float64 on the CPU, the way a PyTorch user writes
each computation. The models, data, w0 and v are the files NetworkWorkloads gen wrote (DIR/nn_<model>*.bin):

  deeplinear  f(W1, W2, W3) = 0.5 * ||X W1^T W2^T W3^T - Y||_F^2, three 10x10 matrices, X, Y 100x10
              (the data file's 20 columns are X then Y; w0 = W1, W2, W3 row-major)
  mlp         mean over 2000 rows of 0.5 (f(x_i) - y_i)^2, f a 784-256-256-1 relu MLP with biases
              (w0 = W1, b1, W2, b2, W3, b3 in nn.Linear's layout)

usage: nn_torch.py gd    MODEL DIR THREADS REPS OUT STEPS LR   full-batch GD with autograd (loss.backward(), in-place update)
       nn_torch.py grad  MODEL DIR THREADS REPS OUT CALLS      CALLS gradients at w0 (autograd), per repetition
       nn_torch.py hvp   MODEL DIR THREADS REPS OUT CALLS      CALLS HVPs at w0 along v: functorch jvp(grad(f)) (forward-over-reverse)
       nn_torch.py power MODEL DIR THREADS REPS OUT REF TOL MAXIT
              power iteration u <- Hu/||Hu|| with the same HVP, from u = v/||v||; stops at the first Rayleigh quotient
              within relative TOL of the reference REF (an oracle stop: the most favourable stopping rule it can have)

THREADS sets torch.set_num_threads and OPENBLAS_NUM_THREADS (Debian's torch calls the system OpenBLAS for matmul; the
variable is read when the library loads, so it is set here before `import torch`). REPS repetitions of the whole
computation (the first = cold; median, min and max of the rest = warm). Prints one RESULT line; OUT gets the result
(final w, gradient, HVP, or the top eigenvalue as a 1-vector).
"""
import os
import sys

if len(sys.argv) < 7:
    raise SystemExit(__doc__)
os.environ["OPENBLAS_NUM_THREADS"] = sys.argv[4]
os.environ["OMP_NUM_THREADS"] = sys.argv[4]

import statistics  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

try:
    from torch.func import grad, jvp  # noqa: E402
except ImportError:  # torch < 2.0 (Debian 12: 1.13): the same functions in functorch
    from functorch import grad, jvp  # noqa: E402

from benchio import read_data, result, write_vector  # noqa: E402


def read_vector(path):
    raw = open(path, "rb").read()
    if raw[:8] != b"SGDLABW1":
        raise SystemExit(f"{path}: not an SGDLABW1 file")
    return np.frombuffer(raw, dtype="<f8", offset=16).astype(np.float64)


def load(model, d):
    X_np, y_np = read_data(f"{d}/nn_{model}.bin")
    w0 = torch.from_numpy(read_vector(f"{d}/nn_{model}_w0.bin"))
    v = torch.from_numpy(read_vector(f"{d}/nn_{model}_v.bin"))
    if model == "deeplinear":
        k = X_np.shape[1] // 2
        X = torch.from_numpy(np.ascontiguousarray(X_np[:, :k]))
        Y = torch.from_numpy(np.ascontiguousarray(X_np[:, k:]))
        shapes = [(k, k)] * 3

        def loss_of(ps):
            return 0.5 * ((X @ ps[0].T @ ps[1].T @ ps[2].T - Y) ** 2).sum()
    elif model == "mlp":
        X = torch.from_numpy(X_np)
        y = torch.from_numpy(y_np)
        shapes = [(256, 784), (256,), (256, 256), (256,), (1, 256), (1,)]

        def loss_of(ps):
            h = torch.relu(X @ ps[0].T + ps[1])
            h = torch.relu(h @ ps[2].T + ps[3])
            out = (h @ ps[4].T + ps[5]).reshape(-1)
            return (0.5 * (out - y) ** 2).mean()
    else:
        raise SystemExit(f"unknown model {model}")
    sizes = [int(np.prod(s)) for s in shapes]

    def split(theta):
        ps, at = [], 0
        for s, sh in zip(sizes, shapes):
            ps.append(theta[at:at + s].reshape(sh))
            at += s
        return ps

    return w0, v, loss_of, split


def repeat(reps, fn):
    """(cold s, warm median, min, max, median of the calling thread's CPU seconds, last result)."""
    secs, cpus, out = [], [], None
    for _ in range(reps):
        c0 = time.thread_time()
        t0 = time.perf_counter()
        out = fn()
        secs.append(time.perf_counter() - t0)
        cpus.append(time.thread_time() - c0)
    warm = secs[1:] if reps > 1 else secs
    wcpu = cpus[1:] if reps > 1 else cpus
    return secs[0], statistics.median(warm), min(warm), max(warm), statistics.median(wcpu), out


def main(argv):
    cmd, model, d, threads, reps, out = argv[1], argv[2], argv[3], int(argv[4]), int(argv[5]), argv[6]
    torch.set_num_threads(threads)
    w0, v, loss_of, split = load(model, d)
    extra = {}
    if cmd == "gd":
        steps, lr = int(argv[7]), float(argv[8])

        def run():
            ps = [p.clone().requires_grad_() for p in split(w0)]
            for _ in range(steps):
                loss = loss_of(ps)
                for p in ps:
                    p.grad = None
                loss.backward()
                with torch.no_grad():
                    for p in ps:
                        p -= lr * p.grad
            return torch.cat([p.detach().reshape(-1) for p in ps])
        units, unit = steps, "us_per_step"
        extra = dict(steps=steps, lr=lr)
    elif cmd == "grad":
        calls = int(argv[7])
        ps = [p.clone().requires_grad_() for p in split(w0)]

        def run():
            for _ in range(calls):
                loss = loss_of(ps)
                for p in ps:
                    p.grad = None
                loss.backward()
            return torch.cat([p.grad.reshape(-1) for p in ps])
        units, unit = calls, "ms_per_call"
        extra = dict(calls=calls)
    elif cmd == "hvp":
        calls = int(argv[7])

        def f(theta):
            return loss_of(split(theta))

        def run():
            hv = None
            for _ in range(calls):
                hv = jvp(grad(f), (w0,), (v,))[1]
            return hv
        units, unit = calls, "ms_per_call"
        extra = dict(calls=calls)
    elif cmd == "power":
        ref, tol, maxit = float(argv[7]), float(argv[8]), int(argv[9])

        def f(theta):
            return loss_of(split(theta))

        hvp = lambda u: jvp(grad(f), (w0,), (u,))[1]  # noqa: E731
        its = [0]

        def run():
            u = v / torch.linalg.norm(v)
            lam = float("nan")
            for it in range(1, maxit + 1):
                hu = hvp(u)
                lam = float(torch.dot(u, hu))
                its[0] = it
                if abs(lam - ref) <= tol * abs(ref):
                    break
                u = hu / torch.linalg.norm(hu)
            return torch.tensor([lam], dtype=torch.float64)
        units, unit = 1, "s_per_solve"
    else:
        raise SystemExit(f"unknown command {cmd}\n{__doc__}")
    cold, warm, wmin, wmax, wcpu, res = repeat(reps, run)
    write_vector(out, res.detach().numpy())
    scale = {"us": 1e6, "ms": 1e3, "s_": 1.0}[unit[:2]]
    fields = dict(impl=f"torch-{cmd}", model=model, torch=torch.__version__, threads=torch.get_num_threads(),
                  openblas_threads=os.environ["OPENBLAS_NUM_THREADS"], reps=reps, cold_s=cold, warm_s=warm,
                  warm_min_s=wmin, warm_max_s=wmax, warm_cpu_s=wcpu)
    fields[f"warm_{unit}"] = warm / units * scale
    fields[f"warm_min_{unit}"] = wmin / units * scale
    fields.update(extra)
    if cmd == "power":
        fields.update(iterations=its[0], lam=f"{float(res[0]):.17g}", rel_err=abs(float(res[0]) - ref) / abs(ref),
                      converged=abs(float(res[0]) - ref) <= tol * abs(ref))
    result(**fields)


if __name__ == "__main__":
    main(sys.argv)
