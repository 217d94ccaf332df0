/**
 * Measurements, never run by {@code mvn verify} (see {@code bench/README.md}): JMH micro-benchmarks
 * ({@code *Benchmark}: the kernels next to their reference loops, one GD step, one SGD step, the fused gradient), the
 * sgdlab side of the peer comparison that {@code bench/run.sh} runs against numpy, PyTorch, scikit-learn and LIBSVM
 * ({@link org.sgdlab.bench.Workloads}, {@link org.sgdlab.bench.GdLoop}, with data and file format in
 * {@link org.sgdlab.bench.BenchData}), the memory bandwidth ({@link org.sgdlab.bench.StreamBench}) and the scale and
 * out-of-core measurements ({@link org.sgdlab.bench.ScaleDriver}). All of it goes through the public API.
 */
package org.sgdlab.bench;
