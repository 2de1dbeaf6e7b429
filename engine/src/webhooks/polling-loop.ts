/**
 * The loop both outbound senders run: a round, then, when the round found nothing to do, a pause
 * that `stop` cuts short. A round that fails is reported and the loop goes on.
 */
export interface PollingLoop {
  start(): void;
  /** Stop after the round in progress. */
  stop(): Promise<void>;
}

/** Run `round` until stopped; it resolves to how much it did (0: pause `intervalMs`). */
export function createPollingLoop(
  round: () => Promise<number>,
  intervalMs: number,
  onError: ((error: unknown) => void) | undefined,
): PollingLoop {
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  async function run(): Promise<void> {
    while (running) {
      let done = 0;
      try {
        done = await round();
      } catch (error) {
        onError?.(error);
      }
      if (done === 0 && running)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, intervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
