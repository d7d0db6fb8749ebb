/**
 * Undo steps run last-in first-out exactly once: on success, on failure and on Ctrl-C, so no
 * temp directory, PostgreSQL schema or server process outlives the benchmark.
 */
export class Cleanup {
  private readonly steps: { what: string; run: () => Promise<void> | void }[] = [];
  private running: Promise<void> | null = null;

  add(what: string, run: () => Promise<void> | void): void {
    this.steps.push({ what, run });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.run();
        } catch (e) {
          console.error(`bench: cleanup (${step.what}) failed: ${(e as Error).message}`);
        }
      }
    })();
    return this.running;
  }

  /** Ctrl-C or a kill: clean up, then leave with the conventional 128+signal code. */
  onSignals(): void {
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      process.once(signal, () => {
        console.error(`\nbench: ${signal}: cleaning up`);
        void this.run().finally(() => process.exit(code));
      });
    }
  }
}
