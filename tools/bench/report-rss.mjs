// Preloaded with `node --import` by the benchmarks: writes the process's peak RSS (KiB) on exit.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.HELMFORGE_RSS_FILE) writeFileSync(process.env.HELMFORGE_RSS_FILE, String(process.resourceUsage().maxRSS));
});
