package org.sgdlab.tblog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bytes on disk, checked without sgdlab's schema: the TFRecord framing and CRC-32C against published values, and the
 * field numbers of a scalar event decoded as bare protobuf fields (the numbers of TensorFlow's event.proto: Event.step 2,
 * Event.summary 5, Summary.value 1, Value.tag 1, Value.simple_value 2).
 */
class EventWireFormatTest {
    @TempDir
    Path tmp;

    @Test
    void crc32cAndItsMaskMatchPublishedValues() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        // CRC-32C check value (RFC 3720 / the Castagnoli polynomial's catalogue entry): 0xE3069283
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(check);
        assertEquals(0xE3069283L, crc.getValue());
        // mask: rotate right by 15, add 0xa282ead8, computed here by hand from the check value
        int c = 0xE3069283;
        int rotated = (c >>> 15) | (c << 17);
        assertEquals(rotated + 0xa282ead8, TfRecords.maskedCrc32c(check, 0, check.length));
        // 32 zero bytes: CRC-32C 0x8A9136AA (RFC 3720, B.4)
        crc.reset();
        crc.update(new byte[32]);
        assertEquals(0x8A9136AAL, crc.getValue());
    }

    @Test
    void aRecordIsLengthCrcDataCrc() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] data = {1, 2, 3};
        TfRecords.write(out, data);
        byte[] rec = out.toByteArray();
        assertEquals(8 + 4 + 3 + 4, rec.length);
        assertEquals(3, rec[0]);
        for (int i = 1; i < 8; i++) {
            assertEquals(0, rec[i]);
        }
        assertEquals(List.of(List.of((byte) 1, (byte) 2, (byte) 3)), TfRecords.readAll(new ByteArrayInputStream(rec), "r").stream()
                .map(b -> List.of(b[0], b[1], b[2])).toList());
    }

    @Test
    void aCorruptOrTruncatedRecordIsRefusedWithItsOffset() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TfRecords.write(out, new byte[] {9, 9});
        TfRecords.write(out, new byte[] {1, 2, 3});
        byte[] good = out.toByteArray();
        byte[] corrupt = good.clone();
        corrupt[18 + 12 + 1] ^= 1; // a data byte of the second record (the first is 18 bytes)
        IOException e = assertThrows(IOException.class, () -> TfRecords.readAll(new ByteArrayInputStream(corrupt), "f"));
        assertTrue(e.getMessage().contains("corrupt record data (CRC mismatch) at byte 18"), e.getMessage());
        byte[] badLength = good.clone();
        badLength[0] = 3;
        e = assertThrows(IOException.class, () -> TfRecords.readAll(new ByteArrayInputStream(badLength), "f"));
        assertTrue(e.getMessage().contains("corrupt record length"), e.getMessage());
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 2);
        e = assertThrows(IOException.class, () -> TfRecords.readAll(new ByteArrayInputStream(cut), "f"));
        assertTrue(e.getMessage().contains("truncated record at byte 18"), e.getMessage());
    }

    @Test
    void aScalarEventHasTensorFlowsFieldNumbers() throws IOException {
        try (EventWriter w = EventWriter.create(tmp)) {
            w.scalar("loss", 7, 0.0);
            w.scalar("loss", 0, 0.5);
        }
        List<byte[]> records;
        try (InputStream in = Files.newInputStream(EventReader.eventFiles(tmp).get(0))) {
            records = TfRecords.readAll(in, "events");
        }
        assertEquals(3, records.size());
        UnknownFieldSet version = UnknownFieldSet.parseFrom(records.get(0));
        assertEquals(ByteString.copyFromUtf8("brain.Event:2"), version.getField(3).getLengthDelimitedList().get(0));
        assertEquals(1, version.getField(1).getFixed64List().size()); // wall_time, a double
        for (int i = 1; i <= 2; i++) {
            UnknownFieldSet event = UnknownFieldSet.parseFrom(records.get(i));
            assertEquals(i == 1 ? List.of(7L) : List.of(), event.getField(2).getVarintList()); // step 0 is proto3's default
            UnknownFieldSet summary = UnknownFieldSet.parseFrom(event.getField(5).getLengthDelimitedList().get(0));
            UnknownFieldSet value = UnknownFieldSet.parseFrom(summary.getField(1).getLengthDelimitedList().get(0));
            assertEquals(ByteString.copyFromUtf8("loss"), value.getField(1).getLengthDelimitedList().get(0));
            // simple_value is in a oneof, so 0.0 is written too (a plain proto3 float would drop it)
            assertEquals(List.of(Float.floatToIntBits(i == 1 ? 0f : 0.5f)), value.getField(2).getFixed32List());
        }
    }
}
