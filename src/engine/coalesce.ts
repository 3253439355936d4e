/** Runs `task` on demand; calls made while it runs fold into one more run afterwards. */
export function coalescing(task: () => Promise<unknown>, onError: (error: unknown) => void) {
  let running: Promise<void> | undefined;
  let isRequested = false;
  const kick = (): void => {
    if (running) {
      isRequested = true;
      return;
    }
    running = task()
      .then(() => undefined, onError)
      .finally(() => {
        running = undefined;
        if (isRequested) {
          isRequested = false;
          kick();
        }
      });
  };
  return {
    kick,
    async idle(): Promise<void> {
      while (running) await running;
    },
    get isBusy(): boolean {
      return running !== undefined;
    },
  };
}
