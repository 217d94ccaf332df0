package org.sgdlab.tblog;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container of TensorBoard's event files: each record is
 * <pre>
 *   uint64 length            (little-endian)
 *   uint32 masked_crc(length bytes)
 *   byte   data[length]
 *   uint32 masked_crc(data)
 * </pre>
 * with {@code masked_crc(x) = ((c >>> 15) | (c << 17)) + 0xa282ead8} (mod 2³²) and {@code c} the CRC-32C (Castagnoli) of
 * {@code x} (TensorFlow's {@code tensorflow/core/lib/hash/crc32c.h}, {@code Mask}; the same in TensorBoard's
 * {@code tensorboard/summary/writer/record_writer.py}).
 */
public final class TfRecords {
    private TfRecords() {
    }

    private static final int MASK_DELTA = 0xa282ead8;

    /** The masked CRC-32C of {@code data[offset, offset + length)} (not modified). */
    static int maskedCrc32c(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    /** Writes {@code data} (not modified) as one record to {@code out}. */
    static void write(OutputStream out, byte[] data) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(data.length);
        header.putInt(maskedCrc32c(header.array(), 0, 8));
        out.write(header.array());
        out.write(data);
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(maskedCrc32c(data, 0, data.length)).array());
    }

    /**
     * Every record of {@code in} (read to its end), each checked against both of its CRCs.
     *
     * @param source names the stream in error messages
     * @throws IOException on a CRC mismatch or a truncated record, with the record's byte offset
     */
    static List<byte[]> readAll(InputStream in, String source) throws IOException {
        List<byte[]> records = new ArrayList<>();
        long offset = 0;
        byte[] header = new byte[12];
        while (true) {
            int first = in.readNBytes(header, 0, 12);
            if (first == 0) {
                return records;
            }
            if (first < 12) {
                throw new EOFException(source + ": truncated record header at byte " + offset);
            }
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            long length = h.getLong(0);
            if (h.getInt(8) != maskedCrc32c(header, 0, 8)) {
                throw new IOException(source + ": corrupt record length (CRC mismatch) at byte " + offset);
            }
            if (length < 0 || length > Integer.MAX_VALUE - 8) {
                throw new IOException(source + ": record length " + Long.toUnsignedString(length) + " at byte " + offset
                        + " is out of range");
            }
            byte[] data = in.readNBytes((int) length);
            byte[] footer = in.readNBytes(4);
            if (data.length < length || footer.length < 4) {
                throw new EOFException(source + ": truncated record at byte " + offset);
            }
            if (ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).getInt() != maskedCrc32c(data, 0, data.length)) {
                throw new IOException(source + ": corrupt record data (CRC mismatch) at byte " + offset);
            }
            records.add(data);
            offset += 16 + length;
        }
    }
}
