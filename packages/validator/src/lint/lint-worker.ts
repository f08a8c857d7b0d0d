// The lint thread of a large manifests run (see manifests.ts): parses each input as it arrives, runs the object-scoped
// rules on its objects and finds their positions in its own lines; at the end, the rules that need the whole release.
import { parentPort, workerData } from 'node:worker_threads';
import type { DocumentLines } from '@helmforge/lint';
import { ReleaseCollector } from './collect.js';
import type { FromLintThread, LintThreadData, ToLintThread } from './manifests.js';
import { LintSession } from './session.js';

const port = parentPort;
if (port === null) throw new Error('lint-worker.js must run in a worker thread');
const data = workerData as LintThreadData;
const session = new LintSession(data.configs, data.options);
const collector = new ReleaseCollector(data.maxDocumentBytes !== undefined ? { maxDocumentBytes: data.maxDocumentBytes } : {});

port.on('message', (m: ToLintThread) => {
  if (m.type === 'end') {
    session.lint({ objects: collector.objects, kubernetesVersion: data.kubernetesVersion }, (f) => collector.linesOf(f), undefined, 'release');
    port.postMessage({ type: 'findings', findings: session.made } satisfies FromLintThread);
    return;
  }
  const before = collector.objects.length;
  const input = 'doc' in m.input ? { doc: m.input.doc } : { filename: m.input.filename, data: Buffer.from(m.input.data.buffer, m.input.data.byteOffset, m.input.data.byteLength) };
  collector.addInput(input);
  // an input's findings are located in its own text: a whole file's bytes, or one streamed document
  let lines: string[] | undefined;
  const linesOf = (f: Parameters<typeof collector.linesOf>[0]): DocumentLines | undefined => {
    if (input.doc === undefined) return { lines: (lines ??= input.data.toString('utf8').split('\n')), first: f.line - 1 };
    if (input.doc.text === undefined) return undefined;
    return { lines: (lines ??= input.doc.text.split('\n')), first: 0, offset: input.doc.line - 1 };
  };
  session.lint({ objects: collector.objects.slice(before), kubernetesVersion: data.kubernetesVersion }, linesOf, undefined, 'object');
});
