/**
 * Datasets and where they come from. A {@link org.sgdlab.data.Dataset} holds the n × d features and the n targets in
 * memory; a {@link org.sgdlab.data.MappedDataset} keeps the features in a memory-mapped file
 * ({@link org.sgdlab.data.MappedRows}) for data larger than the heap.
 *
 * <ul>
 *   <li>Files: {@link org.sgdlab.data.DataFiles#read} picks the reader by file name: CSV
 *       ({@link org.sgdlab.data.CsvReader}), LIBSVM/SVMlight ({@link org.sgdlab.data.LibsvmReader}), NumPy .npy
 *       ({@link org.sgdlab.data.NpyReader}; {@link org.sgdlab.data.NpyWriter} writes them) and MNIST's IDX
 *       ({@link org.sgdlab.data.IdxReader}). Bad input raises a {@link org.sgdlab.data.DataFormatException} naming
 *       the file, the place and the value.</li>
 *   <li>Generators, pure functions of their seed: {@link org.sgdlab.data.Generators} (separable Gaussians,
 *       under-determined regression, source 001's experiment 1 replayed bit for bit) and
 *       {@link org.sgdlab.data.MulticlassClouds}.</li>
 *   <li>Real data: {@link org.sgdlab.data.MnistDigits} (MNIST 4 vs 9, shipped; Fashion-MNIST pairs from the Debian
 *       package).</li>
 * </ul>
 */
package org.sgdlab.data;
