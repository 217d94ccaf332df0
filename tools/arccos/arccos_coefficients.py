#!/usr/bin/env python3
"""Derives the polynomial of sgdlab-kernels' Arccos (org.sgdlab.kernels.Arccos) and measures the routine's error.

The routine needs asin on [0, 1/2] only (acos(x) = pi/2 - asin(x) for |x| <= 1/2, and 2 asin(sqrt((1 - |x|)/2)) for
|x| > 1/2), written as

    asin(s) = s + s z R(z),   z = s^2 in [0, 1/4],   R(z) = (asin(sqrt z) - sqrt z) / (z sqrt z)
            = sum_{n>=1} C(2n, n) / (4^n (2n + 1)) z^(n-1)        (the Taylor series of asin; R(0) = 1/6).

R is analytic on [0, 1/4] (its only singularity is the branch point at z = 1), so its Chebyshev interpolant at the
DEGREE + 1 Chebyshev points of [0, 1/4] converges like rho^-DEGREE with rho = 7 + sqrt(48) ~ 13.9 (the Bernstein
ellipse of t = 8z - 1 through t = 7). This script evaluates R at those points with mpmath to 60 digits (the Taylor
series, summed until the terms are below 1e-70), interpolates, converts the interpolant to the power basis in z
exactly (mpmath, 60 digits), rounds each coefficient to the nearest double and prints them as Java hex literals,
lowest degree first, for Arccos.R. It then reports

  * max |R_double(z) - R(z)| over a dense grid of [0, 1/4] (the polynomial with the rounded coefficients, evaluated
    exactly), which bounds the approximation's contribution to acos's error: at most z |dR| <= |dR|/4 relative;
  * with --check N: the error in ulps of the whole routine (simulated here operation by operation in IEEE double,
    fma exact-rounded through fractions) against mpmath's acos at N random points of [-1, 1] (uniform, and
    log-uniform towards 0 and towards +-1) and at the edge cases.

usage: arccos_coefficients.py [DEGREE] [--check N]       (DEGREE default 12; the committed coefficients)
Needs python3-mpmath (a development tool only; nothing in the build runs it).
"""
import math
import random
import sys
from fractions import Fraction

import mpmath as mp

mp.mp.dps = 60


def r_exact(z):
    """(asin(sqrt z) - sqrt z) / (z sqrt z) by the Taylor series (z in [0, 1/4])."""
    z = mp.mpf(z)
    total = mp.mpf(0)
    n = 1
    coeff = mp.mpf(1) / 2  # C(2n, n) / 4^n at n = 1
    zp = mp.mpf(1)
    while True:
        t = coeff / (2 * n + 1) * zp
        total += t
        if abs(t) < mp.mpf(10) ** -70:
            break
        # C(2n+2, n+1)/4^(n+1) = C(2n, n)/4^n * (2n+1)(2n+2)/((n+1)^2 4)
        coeff = coeff * (2 * n + 1) * (2 * n + 2) / ((n + 1) ** 2 * 4)
        zp *= z
        n += 1
    return total


def chebyshev_power_coefficients(degree):
    """Power-basis coefficients (in z) of the Chebyshev interpolant of R at degree + 1 points of [0, 1/4]."""
    m = degree + 1
    nodes_t = [mp.cos(mp.pi * (k + mp.mpf(1) / 2) / m) for k in range(m)]
    values = [r_exact((t + 1) / 8) for t in nodes_t]
    # Chebyshev coefficients a_j = (2/m) sum_k f(t_k) T_j(t_k) (a_0 halved)
    a = []
    for j in range(m):
        s = mp.fsum(values[k] * mp.cos(j * mp.pi * (k + mp.mpf(1) / 2) / m) for k in range(m))
        a.append(s * 2 / m)
    a[0] /= 2
    # T_j(t) as power series in t, then t = 8z - 1
    tpow = [[mp.mpf(1)], [mp.mpf(0), mp.mpf(1)]]
    for j in range(2, m):
        prev, prev2 = tpow[j - 1], tpow[j - 2]
        nxt = [mp.mpf(0)] * (j + 1)
        for i, c in enumerate(prev):
            nxt[i + 1] += 2 * c
        for i, c in enumerate(prev2):
            nxt[i] -= c
        tpow.append(nxt)
    in_t = [mp.mpf(0)] * m
    for j in range(m):
        for i, c in enumerate(tpow[j]):
            in_t[i] += a[j] * c
    # substitute t = 8z - 1: sum_i c_i (8z - 1)^i
    in_z = [mp.mpf(0)] * m
    for i, c in enumerate(in_t):
        for k in range(i + 1):
            in_z[k] += c * mp.binomial(i, k) * mp.mpf(8) ** k * (-1) ** (i - k)
    return in_z


def horner_exact(coeffs, z):
    acc = mp.mpf(0)
    for c in reversed(coeffs):
        acc = acc * z + c
    return acc


# ------------------------------------------------------------------ the routine, operation by operation in double
def fma(a, b, c):
    return float(Fraction(a) * Fraction(b) + Fraction(c))


PIO2_HI = float.fromhex('0x1.921fb54442d18p0')  # the double nearest pi/2 (Math.PI / 2)


def simulate(x, coeffs, pio2_lo):
    def r(z):
        acc = coeffs[-1]
        for c in reversed(coeffs[:-1]):
            acc = fma(acc, z, c)
        return acc

    ax = abs(x)
    if ax <= 0.5:
        z = x * x
        return PIO2_HI - (x - (pio2_lo - x * z * r(z)))
    z = (1.0 - ax) * 0.5
    if z != z or z < 0:
        return float('nan')  # Java's Math.sqrt gives NaN here; Python's raises
    s = math.sqrt(z)  # IEEE 754 square root, exact-rounded like Java's
    c = fma(-s, s, z) / (s + s) if s > 0 else 0.0
    w = c + s * z * r(z)
    if x > 0:
        return 2.0 * (s + w)
    return 2.0 * (PIO2_HI - (s + (w - pio2_lo)))


def ulp_error(x, got):
    exact = mp.acos(mp.mpf(x))
    e = mp.mpf(got) - exact
    u = math.ulp(float(exact))
    return float(e / u)


def main():
    args = sys.argv[1:]
    degree = 12
    check = 0
    if args and not args[0].startswith('--'):
        degree = int(args.pop(0))
    if args[:1] == ['--check']:
        check = int(args[1])
    pz = chebyshev_power_coefficients(degree)
    rounded = [float(c) for c in pz]
    print('// R(z) ~ sum c_k z^k, k = 0..%d (Chebyshev interpolant at %d points of [0, 1/4], rounded to double)'
          % (degree, degree + 1))
    for k, c in enumerate(rounded):
        print('    %s, // c%d = %s' % (c.hex(), k, mp.nstr(pz[k], 20)))
    worst = mp.mpf(0)
    for i in range(4001):
        z = mp.mpf(i) / 16000
        d = abs(horner_exact([mp.mpf(c) for c in rounded], z) - r_exact(z))
        worst = max(worst, d)
    print('max |R_double - R| on [0, 1/4] (4001 points): %s' % mp.nstr(worst, 5))
    pio2_lo = float(mp.pi / 2 - mp.mpf(PIO2_HI))
    print('PIO2_LO = %s' % pio2_lo.hex())
    if check:
        rng = random.Random(20261207)
        xs = [1.0, -1.0, 0.0, -0.0, 0.5, -0.5, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-300, 1e-17,
              float.fromhex('0x1.fffffffffffffp-1'), -float.fromhex('0x1.fffffffffffffp-1'),
              float.fromhex('0x1.0000000000001p-1'), -float.fromhex('0x1.0000000000001p-1'),
              float.fromhex('0x1.fffffffffffffp-2'), -float.fromhex('0x1.fffffffffffffp-2')]
        for _ in range(check):
            kind = rng.randrange(3)
            if kind == 0:
                xs.append(rng.uniform(-1.0, 1.0))
            elif kind == 1:
                xs.append(rng.choice((-1, 1)) * 2.0 ** rng.uniform(-60, -1))
            else:
                xs.append(rng.choice((-1, 1)) * (1.0 - 2.0 ** rng.uniform(-53, -1)))
        worst_x, worst_e = None, 0.0
        for x in xs:
            e = abs(ulp_error(x, simulate(x, rounded, pio2_lo)))
            if e > worst_e:
                worst_x, worst_e = x, e
        print('routine: max error %.4f ulp at x = %s over %d points (against mpmath acos, 60 digits)'
              % (worst_e, worst_x.hex(), len(xs)))


if __name__ == '__main__':
    main()
