/** `npm run docs`: writes docs/openapi.json from src/contract/openapi.ts. */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { OPENAPI_DOCUMENT } from '../src/contract/openapi';

const target = path.resolve(__dirname, '..', 'docs', 'openapi.json');
writeFileSync(target, `${JSON.stringify(OPENAPI_DOCUMENT, null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), target)}`);
