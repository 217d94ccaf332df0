package org.sgdlab.blas;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.openblas.global.openblas_full;

/** What the loaded OpenBLAS is, for provenance: its build configuration and the CPU kernel it runs. */
final class OpenBlasBuild {
    private OpenBlasBuild() {
    }

    /** "OpenBLAS native {@code routines} (config; kernel K, chosen for this CPU or set by OPENBLAS_CORETYPE; ...)". */
    static String describe(String routines) {
        String config = string(openblas_full.openblas_get_config());
        String core = string(openblas_full.openblas_get_corename());
        String coreType = System.getenv("OPENBLAS_CORETYPE");
        return "OpenBLAS native " + routines + " (" + config.trim() + "; kernel " + core
                + (coreType == null ? ", chosen for this CPU" : ", OPENBLAS_CORETYPE=" + coreType)
                + "; bits depend on the kernel and the thread count)";
    }

    private static String string(BytePointer p) {
        return p == null || p.isNull() ? "?" : p.getString();
    }
}
