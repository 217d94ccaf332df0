package org.sgdlab.tblog;

import static org.sgdlab.tblog.EventSchema.f;

import com.google.protobuf.ByteString;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.Value;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads back the event files of one run folder (sgdlab's or any TensorBoard writer's, for the summaries sgdlab writes):
 * scalars, images, text, and the HParams plugin's session and experiment records. Every record's CRCs are checked.
 */
public final class EventReader {
    private EventReader() {
    }

    /** One scalar point: the step and the stored float32 value. */
    public record Scalar(long step, float value) {
    }

    /** One image: the step, its declared size and colour space, and the encoded PNG. */
    public record Image(long step, int width, int height, int colorspace, byte[] png) {
    }

    /** One text: the step and its Markdown. */
    public record Text(long step, String markdown) {
    }

    /** The HParams experiment record: its name, hyperparameters (name → distinct values) and metric tags. */
    public record Experiment(String name, String description, Map<String, List<Object>> hparams, List<String> metricTags) {
    }

    /**
     * What one run folder holds.
     *
     * @param fileVersions  the file_version of each event file (in file name order)
     * @param scalars       points by tag, in file order
     * @param images        images by tag
     * @param texts         texts by tag
     * @param hparams       the session's hyperparameter values (Double, Boolean or String), empty without a session start
     * @param groupName     the session group, null without a session start
     * @param endStatus     the session end's status (1 success, 2 failure), null without a session end
     * @param experiment    the experiment record, null without one
     */
    public record Run(List<String> fileVersions, Map<String, List<Scalar>> scalars, Map<String, List<Image>> images,
                      Map<String, List<Text>> texts, Map<String, Object> hparams, String groupName, Integer endStatus,
                      Experiment experiment) {
    }

    /** The event files directly in {@code runDir}, by name. */
    public static List<Path> eventFiles(Path runDir) throws IOException {
        try (Stream<Path> s = Files.list(runDir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(EventWriter.FILE_PREFIX) && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }

    /** Reads every event file directly in {@code runDir}. */
    public static Run read(Path runDir) throws IOException {
        List<String> versions = new ArrayList<>();
        Map<String, List<Scalar>> scalars = new LinkedHashMap<>();
        Map<String, List<Image>> images = new LinkedHashMap<>();
        Map<String, List<Text>> texts = new LinkedHashMap<>();
        Map<String, Object> hparams = new LinkedHashMap<>();
        String[] group = {null};
        Integer[] status = {null};
        Experiment[] experiment = {null};
        for (Path file : eventFiles(runDir)) {
            List<byte[]> records;
            try (InputStream in = Files.newInputStream(file)) {
                records = TfRecords.readAll(in, file.toString());
            }
            for (byte[] record : records) {
                DynamicMessage event = parse(EventSchema.EVENT, record.length == 0 ? ByteString.EMPTY : ByteString.copyFrom(record), file);
                long step = (Long) event.getField(f(EventSchema.EVENT, "step"));
                if (event.hasField(f(EventSchema.EVENT, "file_version"))) {
                    versions.add((String) event.getField(f(EventSchema.EVENT, "file_version")));
                }
                if (!event.hasField(f(EventSchema.EVENT, "summary"))) {
                    continue;
                }
                Message summary = (Message) event.getField(f(EventSchema.EVENT, "summary"));
                for (Object o : (List<?>) summary.getField(f(EventSchema.SUMMARY, "value"))) {
                    Message v = (Message) o;
                    String tag = (String) v.getField(f(EventSchema.SUMMARY_VALUE, "tag"));
                    if (v.hasField(f(EventSchema.SUMMARY_VALUE, "simple_value"))) {
                        scalars.computeIfAbsent(tag, k -> new ArrayList<>())
                                .add(new Scalar(step, (Float) v.getField(f(EventSchema.SUMMARY_VALUE, "simple_value"))));
                    } else if (v.hasField(f(EventSchema.SUMMARY_VALUE, "image"))) {
                        Message im = (Message) v.getField(f(EventSchema.SUMMARY_VALUE, "image"));
                        images.computeIfAbsent(tag, k -> new ArrayList<>()).add(new Image(step,
                                (Integer) im.getField(f(EventSchema.SUMMARY_IMAGE, "width")),
                                (Integer) im.getField(f(EventSchema.SUMMARY_IMAGE, "height")),
                                (Integer) im.getField(f(EventSchema.SUMMARY_IMAGE, "colorspace")),
                                ((ByteString) im.getField(f(EventSchema.SUMMARY_IMAGE, "encoded_image_string"))).toByteArray()));
                    } else {
                        String plugin = pluginName(v);
                        if (EventWriter.TEXT_PLUGIN.equals(plugin)) {
                            Message tensor = (Message) v.getField(f(EventSchema.SUMMARY_VALUE, "tensor"));
                            StringBuilder md = new StringBuilder();
                            for (Object s : (List<?>) tensor.getField(f(EventSchema.TENSOR, "string_val"))) {
                                md.append(((ByteString) s).toStringUtf8());
                            }
                            texts.computeIfAbsent(tag, k -> new ArrayList<>()).add(new Text(step, md.toString()));
                        } else if (EventWriter.HPARAMS_PLUGIN.equals(plugin)) {
                            Message data = parse(EventSchema.HPARAMS_PLUGIN_DATA, pluginContent(v), file);
                            readHParams(data, hparams, group, status, experiment);
                        }
                    }
                }
            }
        }
        return new Run(List.copyOf(versions), scalars, images, texts, hparams, group[0], status[0], experiment[0]);
    }

    private static void readHParams(Message data, Map<String, Object> hparams, String[] group, Integer[] status,
                                    Experiment[] experiment) {
        if (data.hasField(f(EventSchema.HPARAMS_PLUGIN_DATA, "session_start_info"))) {
            Message start = (Message) data.getField(f(EventSchema.HPARAMS_PLUGIN_DATA, "session_start_info"));
            for (Object o : (List<?>) start.getField(f(EventSchema.SESSION_START_INFO, "hparams"))) {
                Message entry = (Message) o;
                hparams.put((String) entry.getField(f(EventSchema.HPARAMS_ENTRY, "key")),
                        javaValue(asValue((Message) entry.getField(f(EventSchema.HPARAMS_ENTRY, "value")))));
            }
            group[0] = (String) start.getField(f(EventSchema.SESSION_START_INFO, "group_name"));
        } else if (data.hasField(f(EventSchema.HPARAMS_PLUGIN_DATA, "session_end_info"))) {
            Message end = (Message) data.getField(f(EventSchema.HPARAMS_PLUGIN_DATA, "session_end_info"));
            status[0] = (Integer) end.getField(f(EventSchema.SESSION_END_INFO, "status"));
        } else if (data.hasField(f(EventSchema.HPARAMS_PLUGIN_DATA, "experiment"))) {
            Message exp = (Message) data.getField(f(EventSchema.HPARAMS_PLUGIN_DATA, "experiment"));
            Map<String, List<Object>> infos = new LinkedHashMap<>();
            for (Object o : (List<?>) exp.getField(f(EventSchema.EXPERIMENT, "hparam_infos"))) {
                Message info = (Message) o;
                List<Object> values = new ArrayList<>();
                if (info.hasField(f(EventSchema.HPARAM_INFO, "domain_discrete"))) {
                    Message domain = (Message) info.getField(f(EventSchema.HPARAM_INFO, "domain_discrete"));
                    for (Value v : asListValue(domain).getValuesList()) {
                        values.add(javaValue(v));
                    }
                }
                infos.put((String) info.getField(f(EventSchema.HPARAM_INFO, "name")), values);
            }
            List<String> metrics = new ArrayList<>();
            for (Object o : (List<?>) exp.getField(f(EventSchema.EXPERIMENT, "metric_infos"))) {
                Message name = (Message) ((Message) o).getField(f(EventSchema.METRIC_INFO, "name"));
                metrics.add((String) name.getField(f(EventSchema.METRIC_NAME, "tag")));
            }
            experiment[0] = new Experiment((String) exp.getField(f(EventSchema.EXPERIMENT, "name")),
                    (String) exp.getField(f(EventSchema.EXPERIMENT, "description")), infos, metrics);
        }
    }

    private static String pluginName(Message value) {
        if (!value.hasField(f(EventSchema.SUMMARY_VALUE, "metadata"))) {
            return null;
        }
        Message metadata = (Message) value.getField(f(EventSchema.SUMMARY_VALUE, "metadata"));
        Message plugin = (Message) metadata.getField(f(EventSchema.SUMMARY_METADATA, "plugin_data"));
        return (String) plugin.getField(f(EventSchema.PLUGIN_DATA, "plugin_name"));
    }

    private static ByteString pluginContent(Message value) {
        Message metadata = (Message) value.getField(f(EventSchema.SUMMARY_VALUE, "metadata"));
        Message plugin = (Message) metadata.getField(f(EventSchema.SUMMARY_METADATA, "plugin_data"));
        return (ByteString) plugin.getField(f(EventSchema.PLUGIN_DATA, "content"));
    }

    // fields of the well-known types come back as generated messages or, when built dynamically, as DynamicMessage
    private static Value asValue(Message m) {
        return m instanceof Value v ? v : parseKnown(m, Value.parser());
    }

    private static ListValue asListValue(Message m) {
        return m instanceof ListValue v ? v : parseKnown(m, ListValue.parser());
    }

    private static <T> T parseKnown(Message m, com.google.protobuf.Parser<T> parser) {
        try {
            return parser.parseFrom(m.toByteString());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object javaValue(Value v) {
        return switch (v.getKindCase()) {
            case NUMBER_VALUE -> v.getNumberValue();
            case BOOL_VALUE -> v.getBoolValue();
            case STRING_VALUE -> v.getStringValue();
            default -> null;
        };
    }

    private static DynamicMessage parse(com.google.protobuf.Descriptors.Descriptor type, ByteString bytes, Path file)
            throws IOException {
        try {
            return DynamicMessage.parseFrom(type, bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IOException(file + ": a record is not a valid " + type.getName() + ": " + e.getMessage(), e);
        }
    }
}
