// The end-to-end bench's settings, from the environment (see bench/end-to-end.bench.ts).
import { join } from 'node:path';

export const root = join(import.meta.dirname, '../..');
const env = process.env;
export const RUNS = Number(env.BENCH_E2E_RUNS ?? 5);
export const SECONDS = Number(env.BENCH_E2E_SECONDS ?? 60);
export const PER_MINUTE = Number(env.BENCH_E2E_PER_MINUTE ?? 2000);
export const PAYLOAD_PER_MINUTE = Number(env.BENCH_PAYLOAD_PER_MINUTE ?? 600);
export const PAYLOAD_SECONDS = Number(env.BENCH_PAYLOAD_SECONDS ?? 30);
export const PAYLOAD_CHARS = (env.BENCH_PAYLOAD_CHARS ?? '1000,10000,40000').split(',').map(Number);
export const FAULT_PER_MINUTE = Number(env.BENCH_FAULT_PER_MINUTE ?? 600);
export const FAULT_SECONDS = Number(env.BENCH_FAULT_SECONDS ?? 60);
export const FAULT_RATIO = Number(env.BENCH_FAULT_RATIO ?? 0.3);
export const PD_DOWN_S = Number(env.BENCH_PD_DOWN_S ?? 120);
export const PD_PER_MINUTE = Number(env.BENCH_PD_PER_MINUTE ?? 30);
export const SOAK_S = Number(env.BENCH_SOAK_S ?? 600);
export const SOAK_PER_MINUTE = Number(env.BENCH_SOAK_PER_MINUTE ?? 2000);
export const RSS_EVERY_MS = 5000;
// How long after the last send a card may still arrive before its ticket counts as lost.
export const DRAIN_MS = Number(env.BENCH_E2E_DRAIN_S ?? 90) * 1000;
// BENCH_E2E_PARTS=runs,payloads,faults,pagerduty,soak runs a subset (trials); all by default.
export const PARTS = new Set((env.BENCH_E2E_PARTS ?? 'runs,payloads,faults,pagerduty,soak').split(','));
export const TARGET = { p95Ms: 300, runs: RUNS, soakRssWithinPercent: 10, lost: 0, duplicates: 0 };

export const PD_ROUTING_KEY = 'R0BENCHROUTINGKEY0000000000000000';
export const PD_API_TOKEN = 'pd-bench-api-token';
