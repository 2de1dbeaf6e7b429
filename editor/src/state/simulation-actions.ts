/** The simulator's actions on the store: start with sample data, send, advance the clock, reset. */
import type { EditorStore } from './editor-store.js';
import { advanceClock, sendSimEvent, startSimulation } from '../model/index.js';

/** Bind the simulator to a store. */
export function createSimulationActions(store: EditorStore) {
  return {
    /** Start a case; needs a template without errors. */
    start: (data: Record<string, unknown>, params: Record<string, unknown>, now = new Date()) => {
      const { validation, set } = store.getState();
      if (!validation.template) return;
      set({ sim: startSimulation(validation.template, data, params, now), diff: undefined });
    },
    /** Send as `role` (any role when undefined); returns the log entry it made. */
    send: (type: string, payload: Record<string, unknown> = {}, role?: string) => {
      const { sim, set } = store.getState();
      if (!sim) return undefined;
      const next = sendSimEvent(sim, type, payload, role);
      set({ sim: next });
      return next.log.at(-1);
    },
    advance: (ms: number) => {
      const { sim, set } = store.getState();
      if (sim) set({ sim: advanceClock(sim, ms) });
    },
    /** Jump to the next pending timer and fire it. */
    nextTimer: () => {
      const { sim, set } = store.getState();
      const due = sim ? Math.min(...sim.timers.map((t) => t.dueAt.getTime())) : Infinity;
      if (sim && Number.isFinite(due))
        set({ sim: advanceClock(sim, Math.max(0, due - sim.now.getTime())) });
    },
    reset: () => {
      store.getState().set({ sim: undefined });
    },
  };
}

/** The actions' type. */
export type SimulationActions = ReturnType<typeof createSimulationActions>;
