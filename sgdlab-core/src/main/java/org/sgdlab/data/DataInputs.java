package org.sgdlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Opening data files with typed errors, and the limits of in-memory data (package-private). Every
 * failure is a {@link DataFileException} naming the path and what is wrong, never an
 * {@link java.io.UncheckedIOException} or a bare {@link NoSuchFileException}.
 */
final class DataInputs {
    /** The most elements a Java array (and so an in-memory matrix) can hold on common JVMs: 2³¹ − 9. */
    static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8L;

    private DataInputs() {}

    /** Opens {@code file} for reading after checking that it is a readable regular file. */
    static InputStream open(Path file) {
        requireReadableFile(file, "");
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw openFailure(file, e, "");
        }
    }

    /** Opens {@code file} as a read-only channel after checking that it is a readable regular file. */
    static FileChannel channel(Path file) {
        requireReadableFile(file, "");
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw openFailure(file, e, "");
        }
    }

    /**
     * Fails unless {@code file} exists, is not a directory and is readable.
     *
     * @param why appended to the message, e.g. " (the targets of a.npy are read from it)"; may be empty
     */
    static void requireReadableFile(Path file, String why) {
        String src = file.toString();
        if (Files.isDirectory(file)) {
            throw new DataFileException(src, "cannot open", "is a directory, not a data file" + why);
        }
        if (!Files.exists(file)) {
            Path parent = file.toAbsolutePath().getParent();
            String folder = parent != null && !Files.isDirectory(parent) ? " (folder " + parent + " does not exist)" : "";
            throw new DataFileException(src, "cannot open", "no such file" + folder + why);
        }
        if (!Files.isReadable(file)) {
            throw new DataFileException(src, "cannot open", "permission denied: the file is not readable" + why);
        }
    }

    /** The typed error for an {@link IOException} raised while opening {@code file}. */
    static DataFileException openFailure(Path file, IOException e, String why) {
        String src = file.toString();
        String problem;
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
            problem = "no such file";
        } else if (e instanceof AccessDeniedException) {
            problem = "permission denied: the file is not readable";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null
                && fse.getReason().toLowerCase(Locale.ROOT).contains("directory")) {
            problem = "is a directory, not a data file";
        } else {
            problem = describe(e);
        }
        return new DataFileException(src, "cannot open", problem + why, e);
    }

    /** The typed error for an {@link IOException} raised while reading {@code src} after it was opened. */
    static DataFileException readFailure(String src, IOException e) {
        return new DataFileException(src, "cannot read", describe(e), e);
    }

    private static String describe(IOException e) {
        String m = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /**
     * Fails unless {@code count} values fit one Java array, naming the size; {@code what} describes them
     * ("300000 rows × 10000 columns").
     */
    static void requireArrayLength(long count, String src, String location, String what) {
        if (count < 0 || count > MAX_ARRAY_LENGTH) {
            throw new DataFileException(src, location, what + " = " + (count < 0 ? "more than 2^63" : count)
                    + " values, more than an in-memory array holds (" + MAX_ARRAY_LENGTH
                    + "); memory-map a float64 .npy or SGDLABD1 file instead (MappedDataset, `sgdlab train --mmap`)");
        }
    }

    /**
     * Fails fast, before allocating, when {@code bytes} of heap are more than the JVM may ever have
     * ({@link Runtime#maxMemory()}), naming the size and the limit.
     */
    static void requireHeap(long bytes, String src, String location, String what) {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw new DataFileException(src, location, what + " need " + gigabytes(bytes) + " of heap, more than this JVM's"
                    + " maximum heap of " + gigabytes(max) + "; raise -Xmx or memory-map the data instead"
                    + " (MappedDataset, `sgdlab train --mmap`)");
        }
    }

    private static String gigabytes(long bytes) {
        return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }
}
