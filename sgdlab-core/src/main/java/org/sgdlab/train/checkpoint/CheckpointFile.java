package org.sgdlab.train.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The on-disk form of a checkpoint: one file {@value #FILE_NAME} in a checkpoint folder, self-describing and versioned.
 * <pre>
 *   magic "SGDLABCK" (8 bytes), format version (int, {@value #VERSION}), field count (int),
 *   per field: name (int length + UTF-8), type tag (byte), value:
 *     'S' string (int length + UTF-8)   'J' long   'D' double (raw IEEE bits)   'Z' boolean (byte)
 *     'd' double[] / 'j' long[] / 'i' int[] (int length + raw big-endian values)
 *   CRC-32 of everything before it (long)
 * </pre>
 * Doubles are stored as their raw bits, so a restored run continues with exactly the same numbers.
 *
 * <p><b>Atomic writes.</b> {@link #write} writes a temporary file in the same folder, forces it to the device (fsync),
 * renames it over {@value #FILE_NAME} (an atomic move) and forces the folder, so after a crash at any instant the
 * folder holds either the previous complete checkpoint or the new one, never a torn file. A leftover temporary file of
 * a killed writer is ignored by {@link #read} and deleted by the next {@link #write}.
 */
public final class CheckpointFile {
    /** The checkpoint's file name inside its folder. */
    public static final String FILE_NAME = "checkpoint.sgdck";
    /** The format version this build writes and reads. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC = "SGDLABCK".getBytes(StandardCharsets.US_ASCII);

    private CheckpointFile() {
    }

    /** The checkpoint file of folder {@code dir}. */
    public static Path file(Path dir) {
        return dir.resolve(FILE_NAME);
    }

    /** True when {@code dir} holds a complete checkpoint file. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(file(dir));
    }

    /** Writes {@code fields} as the checkpoint of {@code dir} (created if needed), atomically; see the class comment. */
    public static void write(Path dir, FieldMap fields) throws IOException {
        writeFile(file(dir), fields);
    }

    /**
     * Writes {@code fields} to {@code target} in the checkpoint format, atomically (its folder is created if needed; a
     * temporary file beside it, fsync, atomic rename, fsync of the folder).
     */
    public static void writeFile(Path target, FieldMap fields) throws IOException {
        byte[] bytes = encode(fields);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String prefix = "." + target.getFileName() + ".tmp-";
        deleteStaleTemporaries(dir, prefix);
        // a fresh name, created with the umask's permissions (createTempFile would force 0600)
        Path tmp = Files.createFile(dir.resolve(prefix + Long.toUnsignedString(System.nanoTime(), 36) + "-"
                + Long.toUnsignedString(ProcessHandle.current().pid(), 36)));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot write " + target + ": the file system does not support atomic renames", e);
            }
            tmp = null;
            forceDirectory(dir);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Reads the checkpoint of folder {@code dir}, validating magic, version and checksum. */
    public static FieldMap read(Path dir) throws IOException {
        Path f = file(dir);
        if (!Files.exists(f)) {
            throw new CheckpointException("no checkpoint in " + dir + " (expected the file " + FILE_NAME + ")");
        }
        return readFile(f);
    }

    /** Reads a file written by {@link #writeFile}, validating magic, version and checksum. */
    public static FieldMap readFile(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException("no file " + file);
        }
        return decode(bytes, file.toString());
    }

    static byte[] encode(FieldMap fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            Map<String, Object> values = fields.values();
            out.writeInt(values.size());
            for (Map.Entry<String, Object> e : values.entrySet()) {
                writeString(out, e.getKey());
                Object v = e.getValue();
                if (v instanceof String s) {
                    out.writeByte('S');
                    writeString(out, s);
                } else if (v instanceof Long l) {
                    out.writeByte('J');
                    out.writeLong(l);
                } else if (v instanceof Double d) {
                    out.writeByte('D');
                    out.writeLong(Double.doubleToRawLongBits(d));
                } else if (v instanceof Boolean b) {
                    out.writeByte('Z');
                    out.writeBoolean(b);
                } else if (v instanceof double[] a) {
                    out.writeByte('d');
                    out.writeInt(a.length);
                    ByteBuffer bb = ByteBuffer.allocate(8 * a.length);
                    bb.asDoubleBuffer().put(a);
                    out.write(bb.array());
                } else if (v instanceof long[] a) {
                    out.writeByte('j');
                    out.writeInt(a.length);
                    ByteBuffer bb = ByteBuffer.allocate(8 * a.length);
                    bb.asLongBuffer().put(a);
                    out.write(bb.array());
                } else if (v instanceof int[] a) {
                    out.writeByte('i');
                    out.writeInt(a.length);
                    ByteBuffer bb = ByteBuffer.allocate(4 * a.length);
                    bb.asIntBuffer().put(a);
                    out.write(bb.array());
                } else {
                    throw new IllegalStateException("field " + e.getKey() + " has unsupported type " + v.getClass());
                }
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    static FieldMap decode(byte[] bytes, String where) {
        if (bytes.length < MAGIC.length + 16 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new CheckpointException(where + " is not an sgdlab checkpoint (no SGDLABCK header)");
        }
        int version = ByteBuffer.wrap(bytes, MAGIC.length, 4).getInt();
        if (version != VERSION) {
            throw new CheckpointException(where + " has checkpoint format version " + version + "; this sgdlab reads version "
                    + VERSION);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        long stored = ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
        if (crc.getValue() != stored) {
            throw new CheckpointException(where + " is corrupted (checksum mismatch)");
        }
        FieldMap fields = new FieldMap();
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes, 0, bytes.length - 8))) {
            in.skipNBytes(MAGIC.length + 4);
            int count = in.readInt();
            for (int k = 0; k < count; k++) {
                String name = readString(in);
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 'S' -> fields.set(name, readString(in));
                    case 'J' -> fields.set(name, in.readLong());
                    case 'D' -> fields.set(name, Double.longBitsToDouble(in.readLong()));
                    case 'Z' -> fields.set(name, in.readBoolean());
                    case 'd' -> {
                        double[] a = new double[length(in, 8)];
                        ByteBuffer.wrap(in.readNBytes(8 * a.length)).asDoubleBuffer().get(a);
                        fields.set(name, a);
                    }
                    case 'j' -> {
                        long[] a = new long[length(in, 8)];
                        ByteBuffer.wrap(in.readNBytes(8 * a.length)).asLongBuffer().get(a);
                        fields.set(name, a);
                    }
                    case 'i' -> {
                        int[] a = new int[length(in, 4)];
                        ByteBuffer.wrap(in.readNBytes(4 * a.length)).asIntBuffer().get(a);
                        fields.set(name, a);
                    }
                    default -> throw new CheckpointException(where + ": field " + name + " has unknown type tag " + tag);
                }
            }
            if (in.available() != 0) {
                throw new CheckpointException(where + " has " + in.available() + " bytes after its last field");
            }
        } catch (EOFException | java.nio.BufferUnderflowException e) {
            throw new CheckpointException(where + " is truncated");
        } catch (IOException e) {
            throw new CheckpointException(where + " cannot be read: " + e.getMessage(), e);
        }
        return fields;
    }

    private static int length(DataInputStream in, int width) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * width > in.available()) {
            throw new EOFException();
        }
        return n;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = length(in, 1);
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private static void deleteStaleTemporaries(Path dir, String prefix) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** fsync of the folder, so the rename itself is durable (a no-op where the platform cannot open folders). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder as a channel; the rename is still atomic there
        }
    }
}
