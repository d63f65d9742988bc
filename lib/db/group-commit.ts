/**
 * Group commit: writes that arrive while earlier ones are in flight are sent together, as one
 * statement and one commit, instead of one round trip and one commit each. Under a burst of
 * webhooks the round trip — the socket write, the reply's parsing, PostgreSQL's per-transaction
 * work — is most of what a delivery costs besides its HTTP handling; alone, a call goes out at once,
 * so a quiet server adds no wait. Every caller still resolves only after its batch has committed.
 */
export type GroupCommitOptions = {
  /** Items per statement at most. */
  maxBatch: number;
  /** Statements in flight at once; items arriving meanwhile wait for the next free one. */
  maxInFlight: number;
  /**
   * Whether a batch that failed with `error` is retried item by item, so that one item's fault
   * (a constraint, a value the server refuses) fails only its own caller. Not for an outage: every
   * item would fail again, each after its own timeout.
   */
  retryAlone: (error: unknown) => boolean;
};

type Waiting<T, R> = { item: T; resolve: (result: R) => void; reject: (error: unknown) => void };

/** `run` writes its items atomically and returns one result per item, in order. */
export function groupCommit<T, R>(
  run: (items: T[]) => Promise<R[]>,
  options: GroupCommitOptions,
): (item: T) => Promise<R> {
  const queue: Waiting<T, R>[] = [];
  let inFlight = 0;

  const runAlone = async (waiting: Waiting<T, R>) => {
    try {
      const [result] = await run([waiting.item]);
      waiting.resolve(result as R);
    } catch (error) {
      waiting.reject(error);
    }
  };

  const settle = async (batch: Waiting<T, R>[]) => {
    try {
      const results = await run(batch.map((waiting) => waiting.item));
      for (const [index, waiting] of batch.entries()) waiting.resolve(results[index] as R);
    } catch (error) {
      if (batch.length > 1 && options.retryAlone(error)) await Promise.all(batch.map(runAlone));
      else for (const waiting of batch) waiting.reject(error);
    }
  };

  const pump = () => {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      inFlight++;
      void settle(queue.splice(0, options.maxBatch)).finally(() => {
        inFlight--;
        pump();
      });
    }
  };

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      pump();
    });
}
