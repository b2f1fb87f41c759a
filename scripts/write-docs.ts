/**
 * `npm run docs`: writes every published document (src/contract/published-documents.ts) under
 * docs/: the OpenAPI document, the AsyncAPI document and the notification schemas.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PUBLISHED_DOCUMENTS } from '../src/contract/published-documents';

const docs = path.resolve(__dirname, '..', 'docs');
for (const [file, document] of Object.entries(PUBLISHED_DOCUMENTS)) {
  const target = path.join(docs, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
