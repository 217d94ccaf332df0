package org.sgdlab.theory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdlab.theory.adagrad.AdagradClaims;
import org.sgdlab.theory.bn.BnClaims;
import org.sgdlab.theory.diagonal.DiagonalClaims;
import org.sgdlab.theory.eos.EosClaims;
import org.sgdlab.theory.gd.GdClaims;
import org.sgdlab.theory.maxmargin.MaxMarginClaims;
import org.sgdlab.theory.minnorm.MinNormClaims;
import org.sgdlab.theory.mirror.MirrorClaims;
import org.sgdlab.theory.nesterov.NesterovClaims;
import org.sgdlab.theory.ntk.NtkClaims;
import org.sgdlab.theory.nuclearnorm.NuclearNormClaims;
import org.sgdlab.theory.saddle.SaddleClaims;
import org.sgdlab.theory.scaleinv.ScaleInvClaims;
import org.sgdlab.theory.sde.SdeClaims;
import org.sgdlab.theory.sgd.SgdClaims;
import org.sgdlab.theory.steepest.SteepestClaims;
import org.sgdlab.theory.svag.SvagClaims;

/**
 * Every implemented claim, in catalog order; the CLI and the tests use this one registry.
 *
 * <p>A claim id's family (the part before the first dot) names its package: {@code max-margin.fast} lives in
 * {@code org.sgdlab.theory.maxmargin}, and each family package has one registry, {@code XxxClaims.all()}, listing its
 * claims in catalog order. A new family (nuclear-norm, bn, eos, …) adds its package and one line to {@link #FAMILIES}.
 * One exception: 002 ch. 13's three families (scale-invariance, exp-lr, product-loss) share the package
 * {@code org.sgdlab.theory.scaleinv} and its registry.
 */
public final class ClaimCatalog {
    /** The families' registries, in catalog order. */
    private static final List<List<Claim>> FAMILIES = List.of(
            MinNormClaims.all(),
            MaxMarginClaims.all(),
            SteepestClaims.all(),
            MirrorClaims.all(),
            SgdClaims.all(),
            GdClaims.all(),
            NesterovClaims.all(),
            AdagradClaims.all(),
            BnClaims.all(),
            EosClaims.all(),
            NuclearNormClaims.all(),
            DiagonalClaims.all(),
            NtkClaims.all(),
            SdeClaims.all(),
            SvagClaims.all(),
            SaddleClaims.all(),
            ScaleInvClaims.all());

    /**
     * The one exception to family order: the catalog lists section C of the claim catalog as 002 ch. 8 pairs it, each
     * mirror-descent claim right after the steepest-descent claim it goes with (claim id → the id it follows). Kept so
     * that the order users see ({@code sgdlab list}, reports) is the one it has always been.
     */
    private static final Map<String, String> LISTED_AFTER = Map.of(
            "mirror.bregman", "steepest.fig81",
            "mirror.diagonal-net", "steepest.margin-geometry");

    private static final Map<String, Claim> BY_ID = new LinkedHashMap<>();

    static {
        List<Claim> ordered = new ArrayList<>();
        for (List<Claim> family : FAMILIES) {
            for (Claim c : family) {
                if (!LISTED_AFTER.containsKey(c.id())) {
                    ordered.add(c);
                }
            }
        }
        for (List<Claim> family : FAMILIES) {
            for (Claim c : family) {
                String anchor = LISTED_AFTER.get(c.id());
                if (anchor != null) {
                    int at = indexOf(ordered, anchor);
                    if (at < 0) {
                        throw new IllegalStateException("claim " + c.id() + " is listed after " + anchor
                                + ", which is not in the catalog");
                    }
                    ordered.add(at + 1, c);
                }
            }
        }
        for (Claim c : ordered) {
            if (BY_ID.put(c.id(), c) != null) {
                throw new IllegalStateException("duplicate claim id " + c.id());
            }
        }
    }

    private ClaimCatalog() {
    }

    private static int indexOf(List<Claim> claims, String id) {
        for (int i = 0; i < claims.size(); i++) {
            if (claims.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** All claims in catalog order. */
    public static List<Claim> all() {
        return List.copyOf(BY_ID.values());
    }

    /** The claim with this id. */
    public static Claim byId(String id) {
        Claim c = BY_ID.get(id);
        if (c == null) {
            throw new IllegalArgumentException("unknown claim \"" + id + "\"; run `sgdlab list` to see the catalog ("
                    + String.join(", ", BY_ID.keySet()) + ")");
        }
        return c;
    }

    /** The claims whose id equals one of {@code ids} or starts with it followed by a dot (e.g. {@code min-norm}). */
    public static List<Claim> select(List<String> ids) {
        if (ids.isEmpty()) {
            return all();
        }
        List<Claim> out = new ArrayList<>();
        for (String id : ids) {
            boolean found = false;
            for (Claim c : BY_ID.values()) {
                if ((c.id().equals(id) || c.id().startsWith(id + ".")) && !out.contains(c)) {
                    out.add(c);
                    found = true;
                } else if (c.id().equals(id) || c.id().startsWith(id + ".")) {
                    found = true;
                }
            }
            if (!found) {
                byId(id);
            }
        }
        return out;
    }
}
