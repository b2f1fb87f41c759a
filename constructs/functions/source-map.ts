import * as path from 'node:path';
import { decode, encode, SourceMapSegment } from '@jridgewell/sourcemap-codec';

interface SourceMapV3 {
  version: 3;
  file?: string;
  sourceRoot?: string;
  sources: string[];
  names: string[];
  mappings: string;
}

/**
 * A function bundle's source map reduced to this project's own code, with repository-relative
 * paths. What an error's stack trace needs (`--enable-source-maps`, set on every function) is
 * where the frames of our code are; the mappings into node_modules were about 80% of the map,
 * which is parsed on every cold start. Positions in library code map to nothing (a
 * generated-only segment), so a stack frame there keeps its bundle position instead of borrowing
 * the nearest project line. The paths are relative to `repoRoot`, not to the build directory, so
 * the zip's bytes are the same wherever it was built.
 *
 * @param json the map esbuild wrote; its sources are relative to `mapDir`
 */
export function projectSourceMap(json: string, mapDir: string, repoRoot: string): string {
  const map = JSON.parse(json) as SourceMapV3;
  const sources: string[] = [];
  const sourceIndex = map.sources.map((source) => {
    const relative = path.relative(repoRoot, path.resolve(mapDir, map.sourceRoot ?? '', source)).split(path.sep);
    if (relative[0] === '..' || relative.includes('node_modules')) return undefined;
    return sources.push(relative.join('/')) - 1;
  });
  const names: string[] = [];
  const nameIndex = new Map<number, number>();
  const keptName = (index: number) => {
    if (!nameIndex.has(index)) nameIndex.set(index, names.push(map.names[index]) - 1);
    return nameIndex.get(index)!;
  };
  const lines = decode(map.mappings).map((line) => {
    const kept: SourceMapSegment[] = [];
    for (const segment of line) {
      const source = segment.length === 1 ? undefined : sourceIndex[segment[1]];
      if (segment.length === 1 || source === undefined) {
        // One unmapped segment ends the mapped one before it; more in a row would say nothing.
        if (kept.length > 0 && kept[kept.length - 1].length > 1) kept.push([segment[0]]);
        continue;
      }
      kept.push(
        segment.length === 5
          ? [segment[0], source, segment[2], segment[3], keptName(segment[4])]
          : [segment[0], source, segment[2], segment[3]],
      );
    }
    return kept;
  });
  return JSON.stringify({ version: 3, sources, names, mappings: encode(lines) });
}
