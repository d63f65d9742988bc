import { readFileSync } from "node:fs";

// Linux reports CPU time in clock ticks of 10 ms (USER_HZ is 100 on every common build).
const MS_PER_TICK = 10;

/** CPU time (user + system) each process has used so far, in ms; processes already gone are left out. */
export function cpuTimes(pids: number[]): Map<number, number> {
  const times = new Map<number, number>();
  for (const pid of pids) {
    try {
      // Fields after the command name, which is in parentheses and may hold spaces.
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      times.set(pid, (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK);
    } catch {}
  }
  return times;
}

/** CPU used between two readings; a process that started in between counts from zero. */
export function cpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let spent = 0;
  for (const [pid, ms] of after) spent += ms - (before.get(pid) ?? 0);
  return spent;
}
