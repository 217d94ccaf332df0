#!/usr/bin/env python3
"""Reads one TensorBoard run folder with TensorBoard's own EventAccumulator and prints what it found, one item a line
(tab-separated), for sgdlab's interoperability test (sgdlab-tblog, TensorBoardInteropTest):

  scalar  TAG  STEP  FLOAT32_BITS   (the value's IEEE-754 bits as an unsigned integer: exact, NaN included)
  image   TAG  STEP  WIDTH  HEIGHT  SHA256_OF_PNG
  text    TAG  STEP  SHA256_OF_UTF8
  hparam  NAME  KIND  VALUE          (the session start's hyperparameters, parsed by TensorBoard's plugin_data_pb2)
  group   NAME
  status  N                          (the session end's status)
  experiment  NAME  HPARAM_NAMES  METRIC_TAGS   (comma-separated)
  series  TAG  PLUGIN  DATA_CLASS    (each tag as TensorBoard's data loading sees it: plugin_event_accumulator, which
                                      migrates legacy summaries; one plugin per tag, so a clash would show here)

Usage: python read_events.py RUN_DIR   (needs the tensorboard package: see .ci/run)
"""
import hashlib
import struct
import sys

from tensorboard.backend.event_processing import event_accumulator
from tensorboard.backend.event_processing import plugin_event_accumulator
from tensorboard.plugins.hparams import plugin_data_pb2


def plugin_tags(acc, plugin):
    try:
        return acc.PluginTagToContent(plugin)
    except KeyError:  # no summary of that plugin in this run
        return {}


def main(run_dir):
    acc = event_accumulator.EventAccumulator(
        run_dir,
        size_guidance={event_accumulator.SCALARS: 0, event_accumulator.IMAGES: 0, event_accumulator.TENSORS: 0},
    )
    acc.Reload()
    tags = acc.Tags()
    out = []
    for tag in tags[event_accumulator.SCALARS]:
        for e in acc.Scalars(tag):
            bits = struct.unpack("<I", struct.pack("<f", e.value))[0]
            out.append(("scalar", tag, e.step, bits))
    for tag in tags[event_accumulator.IMAGES]:
        for e in acc.Images(tag):
            out.append(("image", tag, e.step, e.width, e.height, hashlib.sha256(e.encoded_image_string).hexdigest()))
    for tag in plugin_tags(acc, "text"):
        for e in acc.Tensors(tag):
            joined = b"".join(e.tensor_proto.string_val)
            out.append(("text", tag, e.step, hashlib.sha256(joined).hexdigest()))
    for tag, content in plugin_tags(acc, "hparams").items():
        data = plugin_data_pb2.HParamsPluginData.FromString(content)
        kind = data.WhichOneof("data")
        if kind == "session_start_info":
            for name, value in sorted(data.session_start_info.hparams.items()):
                which = value.WhichOneof("kind")
                v = getattr(value, which)
                out.append(("hparam", name, which, repr(v) if which != "string_value" else v))
            out.append(("group", data.session_start_info.group_name))
        elif kind == "session_end_info":
            out.append(("status", data.session_end_info.status))
        elif kind == "experiment":
            exp = data.experiment
            out.append(("experiment", exp.name, ",".join(h.name for h in exp.hparam_infos),
                        ",".join(m.name.tag for m in exp.metric_infos)))
    plugin_acc = plugin_event_accumulator.EventAccumulator(run_dir)
    plugin_acc.Reload()
    for tag in plugin_acc.Tags()["tensors"]:
        md = plugin_acc.SummaryMetadata(tag)
        out.append(("series", tag, md.plugin_data.plugin_name, md.data_class))
    for row in out:
        print("\t".join(str(x) for x in row))


if __name__ == "__main__":
    main(sys.argv[1])
