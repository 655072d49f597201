import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';

/**
 * The benches import the built package (`dist/`), which `npm run bench` builds first. Run on their own, they may
 * measure a stale build: say so when a file under src/ is newer than dist/index.js.
 */
export function warnIfDistStale(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  let built: number;
  try {
    built = statSync(join(root, 'dist/index.js')).mtimeMs;
  } catch {
    throw new Error('dist/index.js is missing: run `npm run build` (or `npm run bench`, which builds first)');
  }
  const newer = (readdirSync(join(root, 'src'), { recursive: true }) as string[]).filter((file) => {
    const stat = statSync(join(root, 'src', file));
    return stat.isFile() && stat.mtimeMs > built;
  });
  if (newer.length > 0) {
    console.log(`WARNING: dist/index.js is older than ${newer.length} file(s) under src/ (${newer.slice(0, 3).join(', ')}${newer.length > 3 ? ', ...' : ''}); run \`npm run build\`\n`);
  }
}

export interface Row {
  readonly name: string;
  /** Milliseconds. */
  readonly mean: number;
  readonly p99: number;
  readonly rps: number;
}

export function rowsOf(bench: Bench): Row[] {
  return bench.tasks.map((task) => {
    const result = task.result as { latency: { mean: number; p99: number }; throughput: { mean: number } };
    return { name: task.name, mean: result.latency.mean, p99: result.latency.p99, rps: result.throughput.mean };
  });
}

/** Prints throughput and latency, with each row's mean as a ratio of the named baselines' means. */
export function printRows(rows: readonly Row[], baselines: Readonly<Record<string, Row>>): void {
  console.table(
    rows.map((r) => ({
      task: r.name,
      'requests/s': Math.round(r.rps),
      'mean (ms)': r.mean.toFixed(4),
      'p99 (ms)': r.p99.toFixed(4),
      ...Object.fromEntries(Object.entries(baselines).map(([label, base]) => [label, (r.mean / base.mean).toFixed(2)])),
    })),
  );
}

/** A named ratio of two rows' means, looked up by task name so the order of tasks does not matter. */
export interface Ratio {
  readonly label: string;
  readonly numerator: string;
  readonly denominator: string;
}

export function ratioOf(rows: readonly Row[], ratio: Ratio): number {
  const find = (name: string): Row => {
    const row = rows.find((r) => r.name === name);
    if (!row) throw new Error(`no task named ${JSON.stringify(name)}`);
    return row;
  };
  return find(ratio.numerator).mean / find(ratio.denominator).mean;
}

export interface Rounds {
  readonly all: readonly Row[][];
  /** The round whose `primary` ratio is the median: its table and ratios are the ones reported. */
  readonly median: Row[];
}

/**
 * Runs `rounds` fresh benches (baselines and subjects timed back to back in each) and picks the round whose
 * `primary` ratio is the median: one garbage-collection pause or a busy neighbour does not decide the figure.
 */
export async function runRounds(
  rounds: number,
  options: { time: number; warmupTime: number },
  tasks: readonly (readonly [name: string, run: () => unknown])[],
  primary: Ratio,
): Promise<Rounds> {
  const all: Row[][] = [];
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench(options);
    for (const [name, run] of tasks) bench.add(name, run);
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result as { state?: string; error?: unknown } | undefined;
      if (result?.state === 'errored' || result?.error) throw new Error(`task ${task.name} failed: ${String(result.error)}`);
    }
    all.push(rowsOf(bench));
  }
  const median = [...all].sort((a, b) => ratioOf(a, primary) - ratioOf(b, primary))[Math.floor(rounds / 2)]!;
  return { all, median };
}

/** One line per ratio: every round's value, and the median round's. */
export function printRoundRatios({ all, median }: Rounds, ratios: readonly Ratio[]): void {
  const index = all.indexOf(median);
  for (const ratio of ratios) {
    const values = all.map((rows, i) => `${ratioOf(rows, ratio).toFixed(2)}${i === index ? '*' : ''}`);
    console.log(`  ${ratio.label}: rounds ${values.join(', ')} (* = median round, reported)`);
  }
}
