import { buildBundle } from '../bin/build.mjs';

/** Tests of the real process run the bundle that ships, built from the sources being tested. */
export async function setup(): Promise<void> {
  await buildBundle();
}
