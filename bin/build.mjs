#!/usr/bin/env node
// `npm run build`: bundles src/main.ts into dist/main.js with esbuild, so the bot runs as plain
// JavaScript. Running the TypeScript through tsx keeps the loader and esbuild's service in the
// process (about 33 MB) and transpiles every file at each start. Packages stay in node_modules.
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mainBundle, projectRoot } from './runtime.mjs';

export async function buildBundle() {
  const { outputFiles } = await build({
    entryPoints: [join(projectRoot, 'src/main.ts')],
    outfile: mainBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Readable stack traces from the bundle itself: names kept, one comment per source file.
    minify: false,
    logLevel: 'warning',
    write: false,
  });
  // Written aside and renamed: a second `tplus start` (two processes on one database) must never
  // load a half-written bundle.
  mkdirSync(dirname(mainBundle), { recursive: true });
  const aside = `${mainBundle}.${process.pid}.tmp`;
  writeFileSync(aside, outputFiles[0].contents);
  renameSync(aside, mainBundle);
  return mainBundle;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildBundle();
}
