package org.sgdlab.tblog;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.StructProto;

/**
 * The subset of TensorBoard's protocol buffer messages that sgdlab writes and reads, described in Java and used through
 * {@link com.google.protobuf.DynamicMessage} (no protoc and no generated classes: only the protobuf runtime is needed to
 * build, on every platform).
 *
 * <p>Names and field numbers are those of TensorBoard's {@code tensorboard/compat/proto/event.proto}, {@code summary.proto},
 * {@code tensor.proto}, {@code tensor_shape.proto} and {@code tensorboard/plugins/hparams/api.proto},
 * {@code plugin_data.proto}; fields sgdlab never sets are left out (a reader skips unknown fields). TensorBoard's enum
 * fields ({@code DataType}, {@code DataClass}, {@code Status}, hparams {@code DataType}) are declared {@code int32}: the
 * same varint on the wire for their non-negative values, with the numbers as constants below.
 */
final class EventSchema {
    private EventSchema() {
    }

    /** tensorboard.Event: wall_time = 1, step = 2, oneof what { file_version = 3, summary = 5 }. */
    static final Descriptor EVENT;
    /** tensorboard.Summary: repeated Value value = 1. */
    static final Descriptor SUMMARY;
    /** tensorboard.Summary.Value: tag = 1, metadata = 9, oneof value { simple_value = 2 (float), image = 4, tensor = 8 }. */
    static final Descriptor SUMMARY_VALUE;
    /** tensorboard.Summary.Image: height = 1, width = 2, colorspace = 3, encoded_image_string = 4. */
    static final Descriptor SUMMARY_IMAGE;
    /** tensorboard.SummaryMetadata: plugin_data = 1, display_name = 2, summary_description = 3, data_class = 4. */
    static final Descriptor SUMMARY_METADATA;
    /** tensorboard.SummaryMetadata.PluginData: plugin_name = 1, content = 2. */
    static final Descriptor PLUGIN_DATA;
    /** tensorboard.TensorProto: dtype = 1, tensor_shape = 2, float_val = 5, string_val = 8. */
    static final Descriptor TENSOR;
    /** tensorboard.TensorShapeProto: repeated Dim dim = 2. */
    static final Descriptor TENSOR_SHAPE;
    /** tensorboard.TensorShapeProto.Dim: size = 1. */
    static final Descriptor TENSOR_DIM;
    /** tensorboard.hparams.HParamsPluginData: version = 1, oneof data { experiment = 2, session_start_info = 3, session_end_info = 4 }. */
    static final Descriptor HPARAMS_PLUGIN_DATA;
    /** tensorboard.hparams.SessionStartInfo: map&lt;string, google.protobuf.Value&gt; hparams = 1, group_name = 4, start_time_secs = 5. */
    static final Descriptor SESSION_START_INFO;
    /** The map entry of SessionStartInfo.hparams: key = 1, value = 2. */
    static final Descriptor HPARAMS_ENTRY;
    /** tensorboard.hparams.SessionEndInfo: status = 1, end_time_secs = 2. */
    static final Descriptor SESSION_END_INFO;
    /** tensorboard.hparams.Experiment: description = 1, time_created_secs = 3, hparam_infos = 4, metric_infos = 5, name = 6. */
    static final Descriptor EXPERIMENT;
    /** tensorboard.hparams.HParamInfo: name = 1, display_name = 2, description = 3, type = 4, domain_discrete = 5 (ListValue). */
    static final Descriptor HPARAM_INFO;
    /** tensorboard.hparams.MetricInfo: name = 1 (MetricName), display_name = 3. */
    static final Descriptor METRIC_INFO;
    /** tensorboard.hparams.MetricName: group = 1, tag = 2. */
    static final Descriptor METRIC_NAME;

    /** tensorboard.DataType values (types.proto). */
    static final int DT_FLOAT = 1;
    static final int DT_STRING = 7;
    /** tensorboard.hparams.DataType values (api.proto). */
    static final int HPARAM_STRING = 1;
    static final int HPARAM_BOOL = 2;
    static final int HPARAM_FLOAT64 = 3;
    /** tensorboard.hparams.Status values (api.proto). */
    static final int STATUS_SUCCESS = 1;
    static final int STATUS_FAILURE = 2;

    static {
        FileDescriptorProto core = FileDescriptorProto.newBuilder()
                .setName("sgdlab/tensorboard_subset.proto").setPackage("tensorboard").setSyntax("proto3")
                .addMessageType(DescriptorProto.newBuilder().setName("Event")
                        .addField(field("wall_time", 1, Type.TYPE_DOUBLE))
                        .addField(field("step", 2, Type.TYPE_INT64))
                        .addField(field("file_version", 3, Type.TYPE_STRING).setOneofIndex(0))
                        .addField(message("summary", 5, ".tensorboard.Summary").setOneofIndex(0))
                        .addOneofDecl(OneofDescriptorProto.newBuilder().setName("what")))
                .addMessageType(DescriptorProto.newBuilder().setName("SummaryMetadata")
                        .addNestedType(DescriptorProto.newBuilder().setName("PluginData")
                                .addField(field("plugin_name", 1, Type.TYPE_STRING))
                                .addField(field("content", 2, Type.TYPE_BYTES)))
                        .addField(message("plugin_data", 1, ".tensorboard.SummaryMetadata.PluginData"))
                        .addField(field("display_name", 2, Type.TYPE_STRING))
                        .addField(field("summary_description", 3, Type.TYPE_STRING))
                        .addField(field("data_class", 4, Type.TYPE_INT32)))
                .addMessageType(DescriptorProto.newBuilder().setName("Summary")
                        .addNestedType(DescriptorProto.newBuilder().setName("Image")
                                .addField(field("height", 1, Type.TYPE_INT32))
                                .addField(field("width", 2, Type.TYPE_INT32))
                                .addField(field("colorspace", 3, Type.TYPE_INT32))
                                .addField(field("encoded_image_string", 4, Type.TYPE_BYTES)))
                        .addNestedType(DescriptorProto.newBuilder().setName("Value")
                                .addField(field("tag", 1, Type.TYPE_STRING))
                                .addField(field("simple_value", 2, Type.TYPE_FLOAT).setOneofIndex(0))
                                .addField(message("image", 4, ".tensorboard.Summary.Image").setOneofIndex(0))
                                .addField(message("tensor", 8, ".tensorboard.TensorProto").setOneofIndex(0))
                                .addField(message("metadata", 9, ".tensorboard.SummaryMetadata"))
                                .addOneofDecl(OneofDescriptorProto.newBuilder().setName("value")))
                        .addField(message("value", 1, ".tensorboard.Summary.Value").setLabel(Label.LABEL_REPEATED)))
                .addMessageType(DescriptorProto.newBuilder().setName("TensorShapeProto")
                        .addNestedType(DescriptorProto.newBuilder().setName("Dim")
                                .addField(field("size", 1, Type.TYPE_INT64)))
                        .addField(message("dim", 2, ".tensorboard.TensorShapeProto.Dim").setLabel(Label.LABEL_REPEATED)))
                .addMessageType(DescriptorProto.newBuilder().setName("TensorProto")
                        .addField(field("dtype", 1, Type.TYPE_INT32))
                        .addField(message("tensor_shape", 2, ".tensorboard.TensorShapeProto"))
                        .addField(field("float_val", 5, Type.TYPE_FLOAT).setLabel(Label.LABEL_REPEATED))
                        .addField(field("string_val", 8, Type.TYPE_BYTES).setLabel(Label.LABEL_REPEATED)))
                .build();
        FileDescriptorProto hparams = FileDescriptorProto.newBuilder()
                .setName("sgdlab/hparams_subset.proto").setPackage("tensorboard.hparams").setSyntax("proto3")
                .addDependency(StructProto.getDescriptor().getName())
                .addMessageType(DescriptorProto.newBuilder().setName("HParamsPluginData")
                        .addField(field("version", 1, Type.TYPE_INT32))
                        .addField(message("experiment", 2, ".tensorboard.hparams.Experiment").setOneofIndex(0))
                        .addField(message("session_start_info", 3, ".tensorboard.hparams.SessionStartInfo").setOneofIndex(0))
                        .addField(message("session_end_info", 4, ".tensorboard.hparams.SessionEndInfo").setOneofIndex(0))
                        .addOneofDecl(OneofDescriptorProto.newBuilder().setName("data")))
                .addMessageType(DescriptorProto.newBuilder().setName("SessionStartInfo")
                        .addNestedType(DescriptorProto.newBuilder().setName("HparamsEntry")
                                .setOptions(MessageOptions.newBuilder().setMapEntry(true))
                                .addField(field("key", 1, Type.TYPE_STRING))
                                .addField(message("value", 2, ".google.protobuf.Value")))
                        .addField(message("hparams", 1, ".tensorboard.hparams.SessionStartInfo.HparamsEntry")
                                .setLabel(Label.LABEL_REPEATED))
                        .addField(field("group_name", 4, Type.TYPE_STRING))
                        .addField(field("start_time_secs", 5, Type.TYPE_DOUBLE)))
                .addMessageType(DescriptorProto.newBuilder().setName("SessionEndInfo")
                        .addField(field("status", 1, Type.TYPE_INT32))
                        .addField(field("end_time_secs", 2, Type.TYPE_DOUBLE)))
                .addMessageType(DescriptorProto.newBuilder().setName("Experiment")
                        .addField(field("description", 1, Type.TYPE_STRING))
                        .addField(field("time_created_secs", 3, Type.TYPE_DOUBLE))
                        .addField(message("hparam_infos", 4, ".tensorboard.hparams.HParamInfo").setLabel(Label.LABEL_REPEATED))
                        .addField(message("metric_infos", 5, ".tensorboard.hparams.MetricInfo").setLabel(Label.LABEL_REPEATED))
                        .addField(field("name", 6, Type.TYPE_STRING)))
                .addMessageType(DescriptorProto.newBuilder().setName("HParamInfo")
                        .addField(field("name", 1, Type.TYPE_STRING))
                        .addField(field("display_name", 2, Type.TYPE_STRING))
                        .addField(field("description", 3, Type.TYPE_STRING))
                        .addField(field("type", 4, Type.TYPE_INT32))
                        .addField(message("domain_discrete", 5, ".google.protobuf.ListValue").setOneofIndex(0))
                        .addOneofDecl(OneofDescriptorProto.newBuilder().setName("domain")))
                .addMessageType(DescriptorProto.newBuilder().setName("MetricName")
                        .addField(field("group", 1, Type.TYPE_STRING))
                        .addField(field("tag", 2, Type.TYPE_STRING)))
                .addMessageType(DescriptorProto.newBuilder().setName("MetricInfo")
                        .addField(message("name", 1, ".tensorboard.hparams.MetricName"))
                        .addField(field("display_name", 3, Type.TYPE_STRING)))
                .build();
        try {
            FileDescriptor coreFile = FileDescriptor.buildFrom(core, new FileDescriptor[0]);
            FileDescriptor hparamsFile = FileDescriptor.buildFrom(hparams, new FileDescriptor[] {StructProto.getDescriptor()});
            EVENT = coreFile.findMessageTypeByName("Event");
            SUMMARY = coreFile.findMessageTypeByName("Summary");
            SUMMARY_VALUE = SUMMARY.findNestedTypeByName("Value");
            SUMMARY_IMAGE = SUMMARY.findNestedTypeByName("Image");
            SUMMARY_METADATA = coreFile.findMessageTypeByName("SummaryMetadata");
            PLUGIN_DATA = SUMMARY_METADATA.findNestedTypeByName("PluginData");
            TENSOR = coreFile.findMessageTypeByName("TensorProto");
            TENSOR_SHAPE = coreFile.findMessageTypeByName("TensorShapeProto");
            TENSOR_DIM = TENSOR_SHAPE.findNestedTypeByName("Dim");
            HPARAMS_PLUGIN_DATA = hparamsFile.findMessageTypeByName("HParamsPluginData");
            SESSION_START_INFO = hparamsFile.findMessageTypeByName("SessionStartInfo");
            HPARAMS_ENTRY = SESSION_START_INFO.findNestedTypeByName("HparamsEntry");
            SESSION_END_INFO = hparamsFile.findMessageTypeByName("SessionEndInfo");
            EXPERIMENT = hparamsFile.findMessageTypeByName("Experiment");
            HPARAM_INFO = hparamsFile.findMessageTypeByName("HParamInfo");
            METRIC_INFO = hparamsFile.findMessageTypeByName("MetricInfo");
            METRIC_NAME = hparamsFile.findMessageTypeByName("MetricName");
        } catch (DescriptorValidationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The field {@code name} of {@code type} (fails on a misspelt name, which is a bug here). */
    static FieldDescriptor f(Descriptor type, String name) {
        FieldDescriptor fd = type.findFieldByName(name);
        if (fd == null) {
            throw new IllegalStateException(type.getFullName() + " has no field " + name);
        }
        return fd;
    }

    private static FieldDescriptorProto.Builder field(String name, int number, Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type).setLabel(Label.LABEL_OPTIONAL);
    }

    private static FieldDescriptorProto.Builder message(String name, int number, String typeName) {
        return field(name, number, Type.TYPE_MESSAGE).setTypeName(typeName);
    }
}
