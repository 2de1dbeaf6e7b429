/**
 * The Content-Security-Policy of the web app's pages (the editor, the console and the Work area,
 * served from `editor/dist`). The app keeps no inline script and talks only to this server, so
 * scripts, connections, fonts and workers are this origin's alone, nothing may frame it, no plugin
 * runs, and no page turns text into code (`eval`, `new Function`): the forms validate with an
 * interpreting JSON Schema validator (`editor/src/forms/form-validator.ts`).
 *
 * `style-src 'unsafe-inline'`: React `style` attributes and the editor's code view (CodeMirror
 * injects its theme as `<style>` elements). Styles cannot run code.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
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

/**
 * The designer's pages (`/design`) alone keep `script-src 'unsafe-eval'`: the template editor runs
 * the engine itself on the template being typed (`validateTemplate`, the simulator's
 * `validateCaseData`…), and the engine's ajv compiles the schemas the designer is writing with
 * `new Function`; they exist only as they are typed, so they cannot be compiled ahead. The app
 * crosses between the designer and the other areas with full page loads, so a console or Work
 * page never runs under this policy.
 */
export const DESIGN_AREA_CSP = WEB_APP_CSP.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-eval'",
);

/** The policy for a page path. */
export function webAppCsp(path: string): string {
  return path === '/design' || path.startsWith('/design/') ? DESIGN_AREA_CSP : WEB_APP_CSP;
}
