/**
 * The reference page of `npm run dev` without a browser: /docs and every asset it names are
 * served by the dev server itself, from the pinned swagger-ui-dist in node_modules, with the
 * right content types, and the page names no other host. (e2e/api-reference-page.test.ts uses
 * the page in Chromium.)
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import type { DevServer } from '../../dev/server';
import { startTestDevServer } from './support/test-dev-server';
import { REFERENCE_PAGE_CSP } from '../../dev/reference-page/reference-page';

const SWAGGER_UI_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
};

let server: DevServer;

beforeAll(async () => {
  server = await startTestDevServer('reference-page', { output: new PassThrough() });
});

afterAll(async () => {
  await server?.stop();
});

/** The src, href and data-*-url attributes of a page. */
const referencesOf = (html: string) => [...html.matchAll(/\s(?:src|href|data-[\w-]+-url)="([^"]*)"/g)].map((m) => m[1]);

describe('GET /docs', () => {
  test('answers the page as HTML without a key, allowed to load only from this server', async () => {
    const res = await fetch(`${server.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(REFERENCE_PAGE_CSP);
    expect(REFERENCE_PAGE_CSP).toMatch(/^default-src 'none'; /);
    for (const directive of REFERENCE_PAGE_CSP.split('; ')) {
      expect(directive).toMatch(/^[a-z-]+ ('none'|'self'( 'unsafe-inline')?( data:)?)$/);
    }
    const html = await res.text();
    expect(html).not.toMatch(/https?:|\/\//);
    expect(referencesOf(html).sort()).toEqual([
      '/docs/favicon-32x32.png',
      '/docs/start-swagger-ui.js',
      '/docs/swagger-ui-bundle.js',
      '/docs/swagger-ui.css',
      '/openapi.json',
    ]);
  });

  test('every asset the page names is served with its content type, the package files byte for byte', async () => {
    const html = await (await fetch(`${server.url}/docs`)).text();
    const assets = referencesOf(html).filter((ref) => ref.startsWith('/docs/'));
    for (const asset of assets) {
      const res = await fetch(`${server.url}${asset}`);
      const body = Buffer.from(await res.arrayBuffer());
      expect([asset, res.status, res.headers.get('content-type')]).toEqual([
        asset,
        200,
        CONTENT_TYPES[path.extname(asset)],
      ]);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const name = path.basename(asset);
      const source =
        name === 'start-swagger-ui.js'
          ? path.resolve(__dirname, '../../dev/reference-page', name)
          : path.join(SWAGGER_UI_DIR, name);
      expect(body.equals(readFileSync(source))).toBe(true);
    }
  });

  test('the page script and the stylesheet load nothing from another host', async () => {
    const script = await (await fetch(`${server.url}/docs/start-swagger-ui.js`)).text();
    expect(script).not.toMatch(/https?:\/\//);
    const css = await (await fetch(`${server.url}/docs/swagger-ui.css`)).text();
    const cssUrls = [...css.matchAll(/url\(\s*["']?([^"')]*)/g)].map((m) => m[1]);
    expect(cssUrls.length).toBeGreaterThan(0);
    expect(cssUrls.filter((url) => !url.startsWith('data:'))).toEqual([]);
    expect(css).not.toMatch(/@import/);
  });

  test('the document the page reads is the served OpenAPI document, with both security schemes', async () => {
    const html = await (await fetch(`${server.url}/docs`)).text();
    const documentPath = /data-openapi-url="([^"]+)"/.exec(html)?.[1];
    const res = await fetch(`${server.url}${documentPath}`);
    expect(res.status).toBe(200);
    const document = (await res.json()) as { components: { securitySchemes: Record<string, unknown> } };
    expect(document.components.securitySchemes).toMatchObject({
      apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
      bearerToken: { type: 'http', scheme: 'bearer' },
    });
  });

  test('a path beside the assets is not served: 403 without a key, as any unknown path', async () => {
    for (const missing of ['/docs/index.html', '/docs/swagger-initializer.js', '/docs/../package.json']) {
      const res = await fetch(`${server.url}${missing}`);
      expect([missing, res.status]).toEqual([missing, 403]);
    }
  });
});
