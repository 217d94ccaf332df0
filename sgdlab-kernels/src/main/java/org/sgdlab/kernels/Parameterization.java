package org.sgdlab.kernels;

/**
 * How the weights of a fully connected network enter its forward map (docs/ntk.md derives both NTKs).
 * With hidden widths n₁ … n_L, input x ∈ ℝ^{n₀}, D = L + 1 weight matrices W^{(h)} ∈ ℝ^{n_h × n_{h−1}}:
 * <ul>
 *   <li>{@link #NTK} (002 eq. 9.12; Jacot, Gabriel &amp; Hongler 2018; Arora et al. 2019): W^{(h)}ᵢⱼ ∼ N(0, 1),
 *       f^{(1)} = W^{(1)}x, g^{(h)} = √(c_σ/n_h)·σ(f^{(h)}), f^{(h+1)} = W^{(h+1)}g^{(h)}, output f^{(D)}. The NTK has a
 *       finite width-independent limit.</li>
 *   <li>{@link #STANDARD} (Sohl-Dickstein, Novak, Schoenholz &amp; Lee 2020): the same function with the scale moved
 *       into the initialization, W^{(1)} ∼ N(0, 1), W^{(h)} ∼ N(0, c_σ/n_{h−1}) for h ≥ 2, f^{(h+1)} = W^{(h+1)}σ(f^{(h)}).
 *       The forward kernel is the same, but the gradient with respect to W^{(h)} (h ≥ 2) is √(n_{h−1}/c_σ) times
 *       larger, so layer h's NTK term is multiplied by n_{h−1}/c_σ and the NTK grows with the width.</li>
 * </ul>
 */
public enum Parameterization {
    NTK, STANDARD;

    /** "ntk" or "standard", as kernel specs write it. */
    public String specName() {
        return this == NTK ? "ntk" : "standard";
    }
}
