import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ENV } from '../../src/environment';

const ROOT = path.resolve(__dirname, '..', '..');
const CONSTRUCTS = path.join(ROOT, 'constructs');
const STACKS = path.join(ROOT, 'stacks');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const read = (file: string) => ({ file: path.relative(ROOT, file), text: readFileSync(file, 'utf8') });
const files = sources(CONSTRUCTS).map(read);
const stacks = sources(STACKS).map(read);

describe('every construct has the same shape', () => {
  test('there are construct sources to check', () => {
    expect(files.length).toBeGreaterThan(15);
  });

  test('every construct and stack constructor takes (scope, id, props)', () => {
    expect(stacks.map(({ file }) => file)).toEqual(expect.arrayContaining(['stacks/service-stack.ts']));
    const offenders = [...files, ...stacks].flatMap(({ file, text }) =>
      [...text.matchAll(/constructor\(([^)]*)\)/g)]
        .map((m) => m[1].replace(/\s+/g, ' ').trim())
        .filter((params) => !/^scope: Construct, id: string, props: [\w<>]+( = \{\})?,?$/.test(params))
        .map((params) => `${file}: constructor(${params})`),
    );
    expect(offenders).toEqual([]);
  });

  test('no construct reads the environment configuration: settings arrive as props', () => {
    const offenders = files
      .filter(
        ({ text }) => /^import (?!type ).*config\/(environments|resolve)'/m.test(text) || /config\/resolve'/.test(text),
      )
      .map(({ file }) => file);
    expect(offenders).toEqual([]);
  });

  test('no construct spells an environment variable name: they come from ENV (src/environment.ts)', () => {
    const offenders = files.flatMap(({ file, text }) =>
      Object.values(ENV)
        .filter((name) => text.includes(`'${name}'`) || text.includes(`${name}:`))
        .map((name) => `${file}: ${name}`),
    );
    expect(offenders).toEqual([]);
  });
});
