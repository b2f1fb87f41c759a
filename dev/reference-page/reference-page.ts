/**
 * The API reference of `npm run dev` at /docs: Swagger UI (the swagger-ui-dist package, served
 * from node_modules by the dev server itself) over the server's own OpenAPI document, with
 * "Authorize" for both security schemes and "Try it out" against the same server. Local only: no
 * Lambda bundle holds it.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { LocalFile } from '../local/api-gateway';

export const REFERENCE_PAGE_PATH = '/docs';

const SWAGGER_UI_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));

/**
 * What the page may load: only this server. Swagger UI sets inline styles, and draws some icons
 * as data: URLs; nothing else is allowed, so a dependency that tried to reach a CDN, a font host
 * or an online validator would be blocked (and reported in the browser's console).
 */
export const REFERENCE_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const fromDisk = (file: string, contentType: string): LocalFile => ({ contentType, load: () => readFile(file) });

const page = (openApiPath: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Appointments API reference (npm run dev)</title>
    <link rel="icon" type="image/png" href="${REFERENCE_PAGE_PATH}/favicon-32x32.png" />
    <link rel="stylesheet" href="${REFERENCE_PAGE_PATH}/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui" data-openapi-url="${openApiPath}"></div>
    <script src="${REFERENCE_PAGE_PATH}/swagger-ui-bundle.js"></script>
    <script src="${REFERENCE_PAGE_PATH}/start-swagger-ui.js"></script>
  </body>
</html>
`;

/** The page and its assets by path, for attachLocalApi's `files`; `openApiPath` is where the same server serves the document. */
export function referencePageFiles(options: { readonly openApiPath: string }): Record<string, LocalFile> {
  const html: LocalFile = {
    contentType: 'text/html; charset=utf-8',
    headers: { 'Content-Security-Policy': REFERENCE_PAGE_CSP },
    load: async () => page(options.openApiPath),
  };
  const swaggerUi = (name: string, contentType: string) => ({
    [`${REFERENCE_PAGE_PATH}/${name}`]: fromDisk(path.join(SWAGGER_UI_DIR, name), contentType),
  });
  return {
    [REFERENCE_PAGE_PATH]: html,
    [`${REFERENCE_PAGE_PATH}/`]: html,
    ...swaggerUi('swagger-ui.css', 'text/css; charset=utf-8'),
    ...swaggerUi('swagger-ui.css.map', 'application/json'),
    ...swaggerUi('swagger-ui-bundle.js', 'text/javascript; charset=utf-8'),
    ...swaggerUi('swagger-ui-bundle.js.map', 'application/json'),
    ...swaggerUi('favicon-32x32.png', 'image/png'),
    [`${REFERENCE_PAGE_PATH}/start-swagger-ui.js`]: fromDisk(
      path.join(__dirname, 'start-swagger-ui.js'),
      'text/javascript; charset=utf-8',
    ),
  };
}
