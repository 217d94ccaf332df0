"""The weak-order row's peer (bench/run.sh workload `weakorder`): the SGD Monte Carlo of sgdlab's claim
sde.weak-order (logistic part, one eta), in numpy, vectorized over paths.

    weakorder_numpy.py SETUP PATHS REPS SEED

SETUP is the text file `WeakOrderMonteCarlo gen` writes (rows, labels, x0, eta, steps, the flow's endpoint xT, the
sensitivities phi_k and each test function's gradient and half Hessian at xT). Per step and path: a uniform index i,
the one-term gradients h_j of the logistic loss (all n, for the full gradient and the covariance
Sigma_1 = mean_j (h_j - mean)(h_j - mean)^T), the kick u = -eta (h_i - mean), delta += phi_k u, the compensators
c_g += eta^2 <phi_k^T G_g phi_k, Sigma_1>, x -= eta h_i. The result per test function g is the mean of
g(x_K) - [grad_g . delta + delta^T G_g delta - c_g] with its standard error (the same estimator as sgdlab's).
Prints one RESULT line: median warm seconds over REPS (the first excluded), paths per second, the estimates.
"""
import sys
import time

import numpy as np

NAMES = ["x1", "x2", "squared_norm", "loss"]


def read_setup(path):
    items = {}
    phi = []
    grads = {}
    halves = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            key, vals = parts[0], parts[1:]
            if key == "phi":
                phi.append([float(v) for v in vals[1:]])
            elif key == "grad":
                grads[vals[0]] = np.array([float(v) for v in vals[1:]])
            elif key == "half_hessian":
                halves[vals[0]] = np.array([float(v) for v in vals[1:]]).reshape(2, 2)
            else:
                items[key] = vals
    n, d = int(items["rows"][0]), int(items["rows"][1])
    X = np.array([float(v) for v in items["rows"][2:]]).reshape(n, d)
    y = np.array([float(v) for v in items["labels"]])
    x0 = np.array([float(v) for v in items["x0"]])
    eta = float(items["eta"][0])
    steps = int(items["steps"][0])
    phi = np.array(phi).reshape(steps, 2, 2)
    return X, y, x0, eta, steps, phi, [grads[g] for g in NAMES], [halves[g] for g in NAMES]


def monte_carlo(X, y, x0, eta, steps, phi, grads, halves, paths, rng):
    n = X.shape[0]
    G = np.stack(halves)                                          # (4, 2, 2)
    W = np.einsum("kai,gab,kbj->gkij", phi, G, phi)               # phi_k^T G_g phi_k
    x = np.tile(x0, (paths, 1))
    delta = np.zeros((paths, 2))
    comp = np.zeros((paths, len(NAMES)))
    rows = np.arange(paths)
    for k in range(steps):
        m = x @ X.T                                               # (P, n) margins
        s = -y / (1.0 + np.exp(np.clip(y * m, -700, 700)))        # d/dm log(1 + e^{-y m})
        H = s[:, :, None] * X[None, :, :]                         # (P, n, 2) one-term gradients
        full = H.mean(axis=1)
        g = H[rows, rng.integers(0, n, size=paths)]
        U = H - full[:, None, :]
        cov = np.einsum("pna,pnb->pab", U, U) / n
        u = -eta * (g - full)
        delta += u @ phi[k].T
        comp += eta * eta * np.einsum("gab,pab->pg", W[:, k], cov)
        x -= eta * g
    loss = np.logaddexp(0.0, -y[None, :] * (x @ X.T)).mean(axis=1)
    values = [x[:, 0], x[:, 1], (x * x).sum(axis=1), loss]
    out = []
    for gi, v in enumerate(values):
        quad = np.einsum("pa,ab,pb->p", delta, G[gi], delta)
        out.append(v - (delta @ grads[gi] + quad - comp[:, gi]))
    return out


def main():
    setup, paths, reps, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    X, y, x0, eta, steps, phi, grads, halves = read_setup(setup)
    secs = []
    last = None
    for r in range(reps):
        rng = np.random.default_rng(seed + r)
        t0 = time.perf_counter()
        last = monte_carlo(X, y, x0, eta, steps, phi, grads, halves, paths, rng)
        secs.append(time.perf_counter() - t0)
    warm = sorted(secs[1:]) if reps > 1 else secs
    med = float(np.median(warm))
    fields = [f"side=numpy eta={eta} steps={steps} paths={paths} cold_s={secs[0]:.6f} warm_s={med:.6f} best_s={warm[0]:.6f}",
              f"paths_per_s={paths / med:.1f}"]
    for name, v in zip(NAMES, last):
        fields.append(f"mean_{name}={v.mean():.17g} se_{name}={v.std(ddof=1) / np.sqrt(v.size):.6g}")
    print("RESULT " + " ".join(fields))


if __name__ == "__main__":
    main()
