package org.sgdlab.theory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sgdlab.theory.geometry.GeometryClaims;
import org.sgdlab.theory.geometry.ImplicitGeometryClaims;
import org.sgdlab.theory.geometry.SteepestDirectionClaims;
import org.sgdlab.theory.maxmargin.MaxMarginBeyondClaims;
import org.sgdlab.theory.maxmargin.MaxMarginClaims;
import org.sgdlab.theory.maxmargin.MulticlassClaims;
import org.sgdlab.theory.maxmargin.RobustnessClaims;
import org.sgdlab.theory.minnorm.MinNormBeyondClaims;
import org.sgdlab.theory.minnorm.MinNormClaims;
import org.sgdlab.theory.rates.RateClaims;
import org.sgdlab.theory.sgd.SgdClaims;

/** Every implemented claim, in catalog order; the CLI and the tests use this one registry. */
public final class ClaimCatalog {
    private static final Map<String, Claim> BY_ID = new LinkedHashMap<>();

    static {
        List<Claim> all = new ArrayList<>();
        all.addAll(MinNormClaims.all());
        all.addAll(MinNormBeyondClaims.all());
        all.addAll(MaxMarginClaims.all());
        all.addAll(RobustnessClaims.all());
        all.addAll(MulticlassClaims.all());
        all.addAll(MaxMarginBeyondClaims.all());
        all.addAll(SteepestDirectionClaims.all());
        all.addAll(GeometryClaims.all());
        all.addAll(ImplicitGeometryClaims.all());
        all.addAll(SgdClaims.all());
        all.addAll(RateClaims.all());
        for (Claim c : all) {
            if (BY_ID.put(c.id(), c) != null) {
                throw new IllegalStateException("duplicate claim id " + c.id());
            }
        }
    }

    private ClaimCatalog() {
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
