package org.sgdlab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers that reach the package-private chunk size of {@link MappedRows} from other packages' tests. */
public final class MappedFixtures {
    private MappedFixtures() {
    }

    /** Maps a {@code .npy} with chunks of at most {@code maxChunkBytes} (rounded down to whole rows). */
    public static MappedRows npyWithChunkBytes(Path file, long maxChunkBytes) {
        return MappedRows.npy(file, maxChunkBytes);
    }

    /** Opens an sgdlab binary file with chunks of at most {@code maxChunkBytes}. */
    public static MappedDataset binaryWithChunkBytes(Path file, long maxChunkBytes) {
        return MappedDataset.sgdlabBinary(file, maxChunkBytes);
    }

    /** Writes {@code data} as an sgdlab binary file (SGDLABD1, n, d, X, y; little-endian). */
    public static void writeBinary(Path file, Dataset data) {
        int n = data.n();
        int d = data.d();
        ByteBuffer b = ByteBuffer.allocate(24 + 8 * (n * d + n)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MappedDataset.SGDLAB_MAGIC).putLong(n).putLong(d);
        for (double v : data.x().data()) {
            b.putDouble(v);
        }
        for (double v : data.y()) {
            b.putDouble(v);
        }
        try {
            Files.write(file, b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
