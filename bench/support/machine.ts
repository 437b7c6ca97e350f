import os from "node:os";

/** Node version, CPUs and load: what a reader needs to weigh a run's figures. */
export function machineLine(): string {
  const cpus = os.cpus();
  return `node ${process.version}, ${cpus.length} cpus (${cpus[0]?.model.trim() ?? "?"}), ${loadLine()}`;
}

/** The 1, 5 and 15 minute load averages; above the CPU count, other work competed with the run. */
export function loadLine(): string {
  return `load average ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(" ")}`;
}
