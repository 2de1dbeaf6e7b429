/**
 * The JSON Schema form, loaded when a worker first opens an event's form rather than with the
 * Work area: it is the largest part of the area's JavaScript (the form library and its
 * validator), and most events on a phone (a delivery, an arrival) have no form. Once the
 * worklist is on screen, `warmJsonForm` fetches it while the phone is idle, so the service worker
 * keeps it and a form still opens with no network.
 */
import { lazy } from 'react';

const loadJsonForm = () => import('../forms/JsonForm.js');

/** The form component, fetched on first use. */
export const LazyJsonForm = lazy(() => loadJsonForm().then((m) => ({ default: m.JsonForm })));

/** Fetch the form's code in the background (idle time, or after a second without one). */
export function warmJsonForm(): Promise<void> {
  return new Promise((done) => {
    const load = () =>
      void loadJsonForm().then(
        () => done(),
        () => done(),
      );
    if (typeof window.requestIdleCallback === 'function')
      window.requestIdleCallback(load, { timeout: 3_000 });
    else window.setTimeout(load, 1_000);
  });
}
