/**
 * `npm run bench`: every performance figure of the issue, each against its floor measured in the
 * same run. Prints one table, writes bench/results/latest.{json,md} and a dated copy of each, and
 * flags every figure whose ratio to its floor is more than 20% worse than in the previous run.
 *
 * Flags: `--skip-tests` leaves out the `npm test` run; `--quick` measures with fewer rounds
 * (for trying the bench out; the published figures come from a full run).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { startDynamoDbLocal } from '../dev/local/dynamodb-engine';
import { latencyFigures, conflictStorm, stormFigures } from './booking-path';
import { measureBundles } from './bundles';
import { capacityFigures, measureOperations, roundTripFigures } from './capacity-check';
import { consoleTable, describeMachine, Figure, machine, markdownTable } from './figures';
import { previousFigures, regressions } from './regressions';
import { slotSearchFigures } from './slot-search';
import { nowMs } from './stats';
import { measureSynth } from './synth';
import { measureTestSuite } from './test-suite';
import { measureTokenVerification } from './token-verification';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const RESULTS = path.join(__dirname, 'results');

async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = nowMs();
  process.stderr.write(`bench: ${label}...`);
  const result = await work();
  process.stderr.write(` ${((nowMs() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

async function main(): Promise<void> {
  const started = nowMs();
  const figures: Figure[] = [];
  const raw: Record<string, unknown> = {};

  // npm test first, in the environment a developer runs it in: some tests read the functions' logs.
  if (!args.has('--skip-tests')) figures.push(...(await step('npm test (jest)', measureTestSuite)));
  // Quieter SDK and Powertools output while measuring the rest.
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';
  figures.push(...(await step('synth', () => measureSynth(quick ? 5 : 7))));
  const bundles = await step('bundles and cold init', () => measureBundles(quick ? 5 : 11));
  figures.push(...bundles.figures);
  raw.coldInitMs = { floor: bundles.floorMs, ...bundles.coldInitMs };
  figures.push(
    ...(await step('token verification', () => measureTokenVerification(quick ? 500 : 2000, quick ? 5 : 11))),
  );

  const db = await step('DynamoDB Local', () => startDynamoDbLocal());
  try {
    const operations = await step('round trips and capacity', () => measureOperations(db.endpoint));
    raw.operations = operations;
    figures.push(...roundTripFigures(operations));
    for (const [concurrency, perRound, rounds] of [
      [1, quick ? 40 : 60, quick ? 3 : 5],
      [16, quick ? 128 : 160, quick ? 2 : 4],
    ]) {
      const latency = await step(`booking path, concurrency ${concurrency}`, () =>
        latencyFigures(db.endpoint, concurrency, perRound, rounds),
      );
      raw[`latencyConcurrency${concurrency}`] = latency.raw;
      figures.push(...latency.figures);
    }
    figures.push(...(await step('free-slot search', () => slotSearchFigures(db.endpoint, quick ? 10 : 30))));
    const storm = await step('conflict storm', () => conflictStorm(db.endpoint));
    raw.storm = storm;
    figures.push(...stormFigures(storm));
    figures.push(...capacityFigures(operations));
  } finally {
    await db.stop();
  }

  const flagged = regressions(figures, previousFigures(path.join(RESULTS, 'latest.json')));
  const date = new Date().toISOString();
  const host = machine();
  const totalSeconds = (nowMs() - started) / 1000;
  const misses = figures.filter((f) => f.verdict === 'MISS').length;
  const heading = `Measured ${date.slice(0, 10)} on ${describeMachine(host)}; bench took ${totalSeconds.toFixed(0)} s${quick ? ' (--quick)' : ''}; ${misses} MISS.`;
  const regressionReport =
    flagged.length === 0
      ? 'No figure is more than 20% worse than in the previous run.'
      : ['Worse than the previous run by more than 20% (ratio to floor):', ...flagged.map((r) => `- ${r.line}`)].join(
          '\n',
        );
  console.log(`\n${heading}\n\n${consoleTable(figures)}\n\n${regressionReport}\n`);

  mkdirSync(RESULTS, { recursive: true });
  const json = JSON.stringify(
    { date, machine: host, quick, totalSeconds, figures, regressions: flagged, raw },
    null,
    2,
  );
  const markdown = `${heading}\n\n${markdownTable(figures)}\n\n${regressionReport}\n`;
  const stamp = date.replace(/[:.]/g, '-').slice(0, 19);
  for (const name of ['latest', stamp]) {
    writeFileSync(path.join(RESULTS, `${name}.json`), `${json}\n`);
    writeFileSync(path.join(RESULTS, `${name}.md`), markdown);
  }
  console.log(`Written to ${path.relative(process.cwd(), path.join(RESULTS, 'latest.json'))} and latest.md.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
