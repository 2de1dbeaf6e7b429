/**
 * The Content-Security-Policy of the web app's pages (the editor and the console, served from
 * `editor/dist`). The app keeps no inline script and talks only to this server, so scripts,
 * connections, fonts and workers are this origin's alone, nothing may frame it, and no plugin runs.
 *
 * Two exceptions, each the narrowest that works:
 * - `script-src 'unsafe-eval'`: ajv compiles JSON Schemas to functions with `new Function`, in the
 *   browser too. The template editor validates the template being typed (`validateTemplate`: the
 *   template schema and every schema the template embeds, which exist only as the designer writes
 *   them, so they cannot be compiled ahead), and the forms check their input with the same dialect
 *   (`@rjsf/validator-ajv8`). Without it the editor shows no findings and forms cannot submit.
 * - `style-src 'unsafe-inline'`: React `style` attributes and the editor's code view (CodeMirror
 *   injects its theme as `<style>` elements). Styles cannot run code.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');
