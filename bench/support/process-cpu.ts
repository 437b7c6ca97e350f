/** CPU time of a process from /proc (Linux), to tell how much of the machine the server used. */
import { readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of `pid` (and its finished children), or NaN off Linux. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const [utime, stime, cutime, cstime] = [fields[11], fields[12], fields[13], fields[14]].map(Number);
    return (utime! + stime! + cutime! + cstime!) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}
