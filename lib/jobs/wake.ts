import { EventEmitter } from "node:events";

// In-process signal from ingest to the worker so a new issue is analysed at once instead of at the
// next poll. Workers in other processes still find the job by polling.
const holder = globalThis as unknown as { __siftWake?: EventEmitter };
holder.__siftWake ??= new EventEmitter().setMaxListeners(50);
const emitter = holder.__siftWake;

export function wakeWorkers(): void {
  emitter.emit("wake");
}

export function onWake(listener: () => void): () => void {
  emitter.on("wake", listener);
  return () => emitter.off("wake", listener);
}
