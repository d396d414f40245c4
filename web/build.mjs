// Builds the situation page into dist/: one JavaScript bundle and one CSS
// bundle (Leaflet's and markercluster's styles included), the Natural Earth
// borders from world-atlas, and index.html naming them by content hash.
// Run with `npm run build` (or `make web` from the repository root).
import * as esbuild from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');

await rm(dist, { recursive: true, force: true });
await mkdir(path.join(dist, 'assets'), { recursive: true });

const result = await esbuild.build({
  absWorkingDir: here,
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  format: 'esm',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  outdir: 'dist/assets',
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  // The borders are fetched at run time as a file of their own; Leaflet's
  // CSS names a few images.
  loader: { '.json': 'file', '.png': 'file', '.svg': 'file' },
  metafile: true,
  logLevel: 'warning',
});

let js = '';
let css = '';
for (const [out, meta] of Object.entries(result.metafile.outputs)) {
  if (meta.entryPoint === 'src/main.js') {
    js = path.basename(out);
    if (meta.cssBundle) css = path.basename(meta.cssBundle);
  }
}
if (!js || !css) throw new Error('build: the bundle or its CSS is missing from the output');

const page = (await readFile(path.join(here, 'src/index.html'), 'utf8'))
  .replaceAll('{{JS}}', `assets/${js}`)
  .replaceAll('{{CSS}}', `assets/${css}`);
await writeFile(path.join(dist, 'index.html'), page);

let bytes = 0;
for (const meta of Object.values(result.metafile.outputs)) bytes += meta.bytes;
console.log(`built dist/index.html, dist/assets/${js}, dist/assets/${css} (${(bytes / 1024).toFixed(0)} KiB in all)`);
