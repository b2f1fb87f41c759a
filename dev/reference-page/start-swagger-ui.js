// Starts Swagger UI on the reference page of `npm run dev` (./reference-page.ts). "Try it" is sent
// to this page's own origin, whatever the document's `servers` say, so it reaches the server that
// served the page on any port and host name, as a same-origin request (the local API sends no
// CORS headers), and the page never calls another host.
(async () => {
  const root = document.getElementById('swagger-ui');
  try {
    const response = await fetch(root.dataset.openapiUrl);
    if (!response.ok) throw new Error(`GET ${root.dataset.openapiUrl} answered ${response.status}`);
    const spec = await response.json();
    spec.servers = [{ url: window.location.origin, description: 'this npm run dev server' }];
    window.ui = SwaggerUIBundle({
      spec,
      domNode: root,
      deepLinking: true,
      tryItOutEnabled: true,
      displayRequestDuration: true,
      // Swagger UI's default would send the document to an online validator for its badge.
      validatorUrl: null,
    });
  } catch (error) {
    root.textContent = `The API reference could not start: ${error.message}`;
  }
})();
