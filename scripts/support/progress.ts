/**
 * A progress line on stderr for long scripts: a bar, counts, rate and time left, redrawn in place on
 * a terminal and printed every tenth of the way otherwise (CI logs). Hand-written because it is
 * twenty lines and a library would add a dependency for what one `\r` does.
 */
export function progress(label: string, total: number): { tick: (done: number) => void; end: () => void } {
  const started = performance.now();
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  let lastDraw = 0;
  const line = (done: number) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = done / Math.max(seconds, 1e-3);
    const share = total > 0 ? done / total : 1;
    const bar = "#".repeat(Math.round(share * 30)).padEnd(30, ".");
    const left = rate > 0 ? Math.max(0, (total - done) / rate) : Number.NaN;
    return `${label} [${bar}] ${(share * 100).toFixed(0).padStart(3)}% ${done.toLocaleString("en")}/${total.toLocaleString("en")} · ${Math.round(rate).toLocaleString("en")}/s · ${Number.isFinite(left) ? `${left.toFixed(0)} s left` : "…"}`;
  };
  return {
    tick(done) {
      if (tty) {
        if (performance.now() - lastDraw < 100 && done < total) return;
        lastDraw = performance.now();
        process.stderr.write(`\r${line(done)}`);
        return;
      }
      const tenth = Math.floor((done / Math.max(total, 1)) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        process.stderr.write(`${line(done)}\n`);
      }
    },
    end() {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stderr.write(`${tty ? "\r\x1b[K" : ""}${label}: done in ${seconds} s\n`);
    },
  };
}
