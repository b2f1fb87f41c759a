/**
 * No test observes a notification that was not checked against its published schema: tests read
 * the mocked SNS client's Publish calls and the planned messages only through
 * __tests__/support/published-notifications.ts, and every publisher the dev server (and so the
 * tests of the notifications file) can use is the checking FileEventPublisher.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const READER = '__tests__/support/published-notifications.ts';
/** This file names the bypasses in its probe. */
const SELF = path.relative(root, __filename).split(path.sep).join('/');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

/** Ways of reading a message around the checking reader. */
const BYPASSES: [string, RegExp][] = [
  ['reads PublishCommand calls', /commandCalls\(\s*PublishCommand/],
  ['reads a Publish request body', /\.input\.Message\b/],
  ['plans a change without the check', /\bplanForChange\(/],
  ['builds a message without the check', /\b(changeMessage|reminderMessage)\(/],
];

test('tests read published and planned messages only through the checking reader', () => {
  const offenders = [...sourceFiles('__tests__'), ...sourceFiles('e2e')]
    .filter((file) => file !== READER && file !== SELF)
    .flatMap((file) => {
      const source = readFileSync(path.join(root, file), 'utf8');
      return BYPASSES.filter(([, pattern]) => pattern.test(source)).map(([what]) => `${file} ${what}`);
    });
  expect(offenders).toEqual([]);
});

test('the only EventPublisher of the local server is the one that checks every message', () => {
  const implementations = sourceFiles('dev')
    .filter((file) => /implements EventPublisher\b/.test(readFileSync(path.join(root, file), 'utf8')))
    .sort();
  expect(implementations).toEqual(['dev/local/file-publisher.ts']);
  expect(readFileSync(path.join(root, 'dev/local/file-publisher.ts'), 'utf8')).toMatch(
    /publish\(message: NotificationMessage, attributes: MessageAttributes\): Promise<void> \{\n\s+checkNotification\(message,/,
  );
});

test('the scan sees a bypass when there is one', () => {
  const probe = 'const bodies = sns.commandCalls(PublishCommand).map((c) => JSON.parse(c.args[0].input.Message!));';
  expect(BYPASSES.filter(([, pattern]) => pattern.test(probe)).map(([what]) => what)).toEqual([
    'reads PublishCommand calls',
    'reads a Publish request body',
  ]);
});
