import { Worker } from 'node:worker_threads';
const t = performance.now();
const w = new Worker('process.exit(0)', { eval: true });
w.on('exit', () => console.log('bare worker', (performance.now()-t).toFixed(1)));
