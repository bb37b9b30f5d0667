/**
 * @module bench/host
 * A reading of how fast the machine is right now, printed beside the NLP figures so that runs on
 * a shared host can be compared: the same three fixed workloads every time, timed in CPU time like
 * the stages, in a child process (`readHostApart`). "alu" is a dependent integer multiply-add
 * chain (the core's share of the CPU); "cache" and "memory" chase pointers through a random cycle
 * of 4 MB (inside this machine's 8 MB L3 when the host is quiet: neighbours that evict it show
 * here) and of 64 MB (main memory) — the latencies that bound the model lookups. A busy host
 * shows as more nanoseconds per step, although the process is charged the same CPU seconds. Called by
 * bench/nlp.ts; runnable alone: node --import tsx bench/host.ts
 */
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface HostReading {
  /** CPU nanoseconds per step of the integer chain. */
  aluNs: number;
  /** CPU nanoseconds per dependent load in a 4 MB table. */
  cacheNs: number;
  /** CPU nanoseconds per dependent load in a 64 MB table. */
  memoryNs: number;
}

/** Seconds of CPU time (user + system) spent in `fn`: on a shared machine this, not wall time, is the single-core cost. */
export function cpuSeconds(fn: () => unknown): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

function aluChain(n: number): number {
  let x = 1;
  for (let i = 0; i < n; i++) x = (Math.imul(x, 31) + i) | 0;
  return x;
}

/** A single random cycle through all `n` slots (Sattolo's shuffle, fixed seed), so every load depends on the last. */
function randomCycle(n: number): Int32Array {
  const next = new Int32Array(n);
  for (let i = 0; i < n; i++) next[i] = i;
  let seed = 0x9e3779b9;
  for (let i = n - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1664525) + 1013904223) | 0;
    const j = (seed >>> 0) % i;
    const t = next[i]!;
    next[i] = next[j]!;
    next[j] = t;
  }
  return next;
}

const ALU_STEPS = 100_000_000;
const CACHE_SLOTS = 1 << 20; // 1 M int32 = 4 MB
const MEMORY_SLOTS = 1 << 24; // 16 M int32 = 64 MB, beyond any cache
const CHASE_STEPS = 4_000_000;

/** CPU nanoseconds per load of a pointer chase around `cycle` (after one warming lap of up to a million loads). */
function chase(cycle: Int32Array): number {
  let p = 0;
  for (let i = 0; i < Math.min(cycle.length, 1_000_000); i++) p = cycle[p]!;
  const s = cpuSeconds(() => {
    for (let i = 0; i < CHASE_STEPS; i++) p = cycle[p]!;
    return p;
  });
  return (s * 1e9) / CHASE_STEPS;
}

/** Time the three workloads once (about 2–4 s of CPU in all, depending on the host). */
export function readHost(): HostReading {
  aluChain(1_000_000); // let the JIT compile it before the timed run
  const alu = cpuSeconds(() => aluChain(ALU_STEPS));
  return { aluNs: (alu * 1e9) / ALU_STEPS, cacheNs: chase(randomCycle(CACHE_SLOTS)), memoryNs: chase(randomCycle(MEMORY_SLOTS)) };
}

export function formatHost(r: HostReading): string {
  return `host reading: alu ${r.aluNs.toFixed(2)} ns/step, cache ${r.cacheNs.toFixed(0)} ns/load, memory ${r.memoryNs.toFixed(0)} ns/load`;
}

/**
 * One reading taken in a child process, so that the 64 MB table never counts in the caller's
 * resident memory; null (with the reason logged) when the child fails.
 */
export function readHostApart(log: (s: string) => void): HostReading | null {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--json'], { encoding: 'utf8' });
  try {
    if (r.status !== 0) throw new Error(r.stderr || `exit ${r.status ?? r.signal}`);
    return JSON.parse(r.stdout) as HostReading;
  } catch (e) {
    log(`host reading failed: ${(e as Error).message.split('\n')[0]}`);
    return null;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--json')) console.log(JSON.stringify(readHost()));
  else for (let i = 0; i < 3; i++) console.log(formatHost(readHost()));
}
