import type { Bench } from 'tinybench';

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
