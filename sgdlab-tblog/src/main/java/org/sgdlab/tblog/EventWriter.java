package org.sgdlab.tblog;

import static org.sgdlab.tblog.EventSchema.f;

import com.google.protobuf.ByteString;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes one TensorBoard event file ({@code events.out.tfevents.*}) in a run's folder: scalars, PNG images, Markdown text
 * and the HParams plugin's session and experiment records, each as an {@code Event} holding a {@code Summary}, framed as
 * TFRecords ({@link TfRecords}). The first event is {@code file_version = "brain.Event:2"}, as TensorFlow's writers do.
 * Each event's {@code wall_time} is the time it is written; everything else depends only on the arguments.
 *
 * <p>Not thread-safe. Close it (try-with-resources) to flush the file.
 */
public final class EventWriter implements Closeable {
    /** The hparams plugin's name and tags (TensorBoard's {@code tensorboard/plugins/hparams/metadata.py}). */
    static final String HPARAMS_PLUGIN = "hparams";
    static final String EXPERIMENT_TAG = "_hparams_/experiment";
    static final String SESSION_START_TAG = "_hparams_/session_start_info";
    static final String SESSION_END_TAG = "_hparams_/session_end_info";
    /** The text plugin's name (its summaries are rank-1 DT_STRING tensors holding Markdown). */
    static final String TEXT_PLUGIN = "text";
    /** The version the TFRecord event files of TensorFlow 1 and 2 declare. */
    static final String FILE_VERSION = "brain.Event:2";
    /** Event file names contain this (TensorBoard lists a folder's files whose name contains "tfevents"). */
    public static final String FILE_PREFIX = "events.out.tfevents.";

    private static final AtomicLong FILES = new AtomicLong();

    private final Path file;
    private final OutputStream out;

    private EventWriter(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /**
     * A new event file in {@code runDir} (created with its parents when absent), named
     * {@code events.out.tfevents.<epoch seconds>.sgdlab.<pid>.<n>} so that two writers never share a file.
     */
    public static EventWriter create(Path runDir) throws IOException {
        Files.createDirectories(runDir);
        long now = System.currentTimeMillis();
        String name = String.format(Locale.ROOT, "%s%010d.sgdlab.%d.%d", FILE_PREFIX, now / 1000, ProcessHandle.current().pid(),
                FILES.incrementAndGet());
        Path file = runDir.resolve(name);
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), 1 << 16);
        EventWriter w = new EventWriter(file, out);
        w.writeEvent(DynamicMessage.newBuilder(EventSchema.EVENT)
                .setField(f(EventSchema.EVENT, "wall_time"), now / 1000.0)
                .setField(f(EventSchema.EVENT, "file_version"), FILE_VERSION).build());
        return w;
    }

    /** The event file written. */
    public Path file() {
        return file;
    }

    /**
     * A scalar: {@code value} at {@code step}, as the Summary's {@code simple_value}, which is a 32-bit float (TensorBoard
     * plots scalars in float32; full precision stays in the report's trace.csv).
     */
    public void scalar(String tag, long step, double value) throws IOException {
        DynamicMessage v = DynamicMessage.newBuilder(EventSchema.SUMMARY_VALUE)
                .setField(f(EventSchema.SUMMARY_VALUE, "tag"), requireTag(tag))
                .setField(f(EventSchema.SUMMARY_VALUE, "simple_value"), (float) value).build();
        writeSummary(step, v);
    }

    /** A PNG image ({@code png} not modified); its width, height and colour space are read from the PNG header. */
    public void image(String tag, long step, byte[] png) throws IOException {
        PngHeader h = PngHeader.of(png);
        DynamicMessage image = DynamicMessage.newBuilder(EventSchema.SUMMARY_IMAGE)
                .setField(f(EventSchema.SUMMARY_IMAGE, "height"), h.height())
                .setField(f(EventSchema.SUMMARY_IMAGE, "width"), h.width())
                .setField(f(EventSchema.SUMMARY_IMAGE, "colorspace"), h.colorspace())
                .setField(f(EventSchema.SUMMARY_IMAGE, "encoded_image_string"), ByteString.copyFrom(png)).build();
        writeSummary(step, DynamicMessage.newBuilder(EventSchema.SUMMARY_VALUE)
                .setField(f(EventSchema.SUMMARY_VALUE, "tag"), requireTag(tag))
                .setField(f(EventSchema.SUMMARY_VALUE, "image"), image).build());
    }

    /** Markdown text for the text plugin: a rank-1 DT_STRING tensor of one UTF-8 element. */
    public void text(String tag, long step, String markdown) throws IOException {
        DynamicMessage tensor = DynamicMessage.newBuilder(EventSchema.TENSOR)
                .setField(f(EventSchema.TENSOR, "dtype"), EventSchema.DT_STRING)
                .setField(f(EventSchema.TENSOR, "tensor_shape"), shape(1))
                .addRepeatedField(f(EventSchema.TENSOR, "string_val"), ByteString.copyFromUtf8(markdown)).build();
        writeSummary(step, pluginValue(tag, TEXT_PLUGIN, ByteString.EMPTY, tensor));
    }

    /**
     * The HParams plugin's session start: this run is one session with these hyperparameter values, in the session group
     * {@code groupName} (sessions of one group share their values: repeats over seeds; empty: the run is its own group).
     *
     * @param hparams values by name, each a Number (as float64), Boolean or String (not modified)
     */
    public void sessionStart(Map<String, ?> hparams, String groupName) throws IOException {
        DynamicMessage.Builder info = DynamicMessage.newBuilder(EventSchema.SESSION_START_INFO);
        for (Map.Entry<String, ?> e : hparams.entrySet()) {
            info.addRepeatedField(f(EventSchema.SESSION_START_INFO, "hparams"), DynamicMessage.newBuilder(EventSchema.HPARAMS_ENTRY)
                    .setField(f(EventSchema.HPARAMS_ENTRY, "key"), e.getKey())
                    .setField(f(EventSchema.HPARAMS_ENTRY, "value"), HParams.value(e.getKey(), e.getValue())).build());
        }
        info.setField(f(EventSchema.SESSION_START_INFO, "group_name"), groupName == null ? "" : groupName);
        info.setField(f(EventSchema.SESSION_START_INFO, "start_time_secs"), System.currentTimeMillis() / 1000.0);
        writeHParams(SESSION_START_TAG, "session_start_info", info.build());
    }

    /** The HParams plugin's session end: status SUCCESS, or FAILURE when {@code success} is false. */
    public void sessionEnd(boolean success) throws IOException {
        DynamicMessage info = DynamicMessage.newBuilder(EventSchema.SESSION_END_INFO)
                .setField(f(EventSchema.SESSION_END_INFO, "status"), success ? EventSchema.STATUS_SUCCESS : EventSchema.STATUS_FAILURE)
                .setField(f(EventSchema.SESSION_END_INFO, "end_time_secs"), System.currentTimeMillis() / 1000.0).build();
        writeHParams(SESSION_END_TAG, "session_end_info", info);
    }

    /**
     * The HParams plugin's experiment (written once, in the log folder's root): the hyperparameters with their types and
     * the discrete sets of values they take, and the metrics (scalar tags, in each session's own folder) the HParams tab
     * shows as columns.
     */
    public void experiment(String name, String description, List<HParams.Info> hparams, List<String> metricTags)
            throws IOException {
        DynamicMessage.Builder exp = DynamicMessage.newBuilder(EventSchema.EXPERIMENT)
                .setField(f(EventSchema.EXPERIMENT, "name"), name)
                .setField(f(EventSchema.EXPERIMENT, "description"), description)
                .setField(f(EventSchema.EXPERIMENT, "time_created_secs"), System.currentTimeMillis() / 1000.0);
        for (HParams.Info h : hparams) {
            ListValue.Builder domain = ListValue.newBuilder();
            for (Object v : h.values()) {
                domain.addValues(HParams.value(h.name(), v));
            }
            exp.addRepeatedField(f(EventSchema.EXPERIMENT, "hparam_infos"), DynamicMessage.newBuilder(EventSchema.HPARAM_INFO)
                    .setField(f(EventSchema.HPARAM_INFO, "name"), h.name())
                    .setField(f(EventSchema.HPARAM_INFO, "type"), h.type())
                    .setField(f(EventSchema.HPARAM_INFO, "domain_discrete"), domain.build()).build());
        }
        for (String tag : metricTags) {
            DynamicMessage metricName = DynamicMessage.newBuilder(EventSchema.METRIC_NAME)
                    .setField(f(EventSchema.METRIC_NAME, "group"), "")
                    .setField(f(EventSchema.METRIC_NAME, "tag"), requireTag(tag)).build();
            exp.addRepeatedField(f(EventSchema.EXPERIMENT, "metric_infos"), DynamicMessage.newBuilder(EventSchema.METRIC_INFO)
                    .setField(f(EventSchema.METRIC_INFO, "name"), metricName).build());
        }
        writeHParams(EXPERIMENT_TAG, "experiment", exp.build());
    }

    /** Flushes and closes the file. */
    @Override
    public void close() throws IOException {
        out.close();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void writeHParams(String tag, String oneofField, Message data) throws IOException {
        DynamicMessage content = DynamicMessage.newBuilder(EventSchema.HPARAMS_PLUGIN_DATA)
                .setField(f(EventSchema.HPARAMS_PLUGIN_DATA, "version"), 0)
                .setField(f(EventSchema.HPARAMS_PLUGIN_DATA, oneofField), data).build();
        // the value is an empty float tensor: the data is in the metadata's plugin content, as in TensorBoard's own writer
        DynamicMessage empty = DynamicMessage.newBuilder(EventSchema.TENSOR)
                .setField(f(EventSchema.TENSOR, "dtype"), EventSchema.DT_FLOAT)
                .setField(f(EventSchema.TENSOR, "tensor_shape"), shape(0)).build();
        writeSummary(0, pluginValue(tag, HPARAMS_PLUGIN, content.toByteString(), empty));
    }

    private static DynamicMessage pluginValue(String tag, String plugin, ByteString content, DynamicMessage tensor) {
        DynamicMessage pluginData = DynamicMessage.newBuilder(EventSchema.PLUGIN_DATA)
                .setField(f(EventSchema.PLUGIN_DATA, "plugin_name"), plugin)
                .setField(f(EventSchema.PLUGIN_DATA, "content"), content).build();
        DynamicMessage metadata = DynamicMessage.newBuilder(EventSchema.SUMMARY_METADATA)
                .setField(f(EventSchema.SUMMARY_METADATA, "plugin_data"), pluginData).build();
        return DynamicMessage.newBuilder(EventSchema.SUMMARY_VALUE)
                .setField(f(EventSchema.SUMMARY_VALUE, "tag"), requireTag(tag))
                .setField(f(EventSchema.SUMMARY_VALUE, "metadata"), metadata)
                .setField(f(EventSchema.SUMMARY_VALUE, "tensor"), tensor).build();
    }

    private static DynamicMessage shape(long size) {
        return DynamicMessage.newBuilder(EventSchema.TENSOR_SHAPE)
                .addRepeatedField(f(EventSchema.TENSOR_SHAPE, "dim"), DynamicMessage.newBuilder(EventSchema.TENSOR_DIM)
                        .setField(f(EventSchema.TENSOR_DIM, "size"), size).build()).build();
    }

    private void writeSummary(long step, DynamicMessage value) throws IOException {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        DynamicMessage summary = DynamicMessage.newBuilder(EventSchema.SUMMARY)
                .addRepeatedField(f(EventSchema.SUMMARY, "value"), value).build();
        writeEvent(DynamicMessage.newBuilder(EventSchema.EVENT)
                .setField(f(EventSchema.EVENT, "wall_time"), System.currentTimeMillis() / 1000.0)
                .setField(f(EventSchema.EVENT, "step"), step)
                .setField(f(EventSchema.EVENT, "summary"), summary).build());
    }

    private void writeEvent(DynamicMessage event) throws IOException {
        TfRecords.write(out, event.toByteArray());
    }

    private static String requireTag(String tag) {
        if (tag == null || tag.isEmpty()) {
            throw new IllegalArgumentException("a summary tag must be a non-empty string, got " + (tag == null ? "null" : "\"\""));
        }
        return tag;
    }

    /** Width, height and TensorBoard colour space (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA) of a PNG, from its IHDR chunk. */
    record PngHeader(int width, int height, int colorspace) {
        private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

        static PngHeader of(byte[] png) {
            if (png.length < 26 || !java.util.Arrays.equals(png, 0, 8, SIGNATURE, 0, 8)
                    || !new String(png, 12, 4, StandardCharsets.US_ASCII).equals("IHDR")) {
                throw new IllegalArgumentException("not a PNG image (" + png.length + " bytes without a PNG signature and IHDR)");
            }
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(png); // big-endian, as PNG
            int colorType = png[25];
            int colorspace = switch (colorType) {
                case 0 -> 1;
                case 4 -> 2;
                case 2, 3 -> 3; // palette images decode to RGB
                case 6 -> 4;
                default -> throw new IllegalArgumentException("PNG colour type " + colorType + " is not one of 0, 2, 3, 4, 6");
            };
            return new PngHeader(b.getInt(16), b.getInt(20), colorspace);
        }
    }
}
