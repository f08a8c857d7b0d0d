// Editor support, proved with the real yaml-language-server over LSP stdio: the generated values.yaml and
// the stack file point at their JSON schemas, so an editor completes keys, shows descriptions on hover
// and underlines values the schema rejects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import { REPO_ROOT } from '../../../tools/testkit/helm.js';
import { tempDir } from '../../../tools/testkit/temp.js';

interface Diagnostic {
  message: string;
  severity?: number;
  range: { start: { line: number; character: number } };
}

const require = createRequire(import.meta.url);
const SERVER = join(require.resolve('yaml-language-server/package.json'), '..', 'bin', 'yaml-language-server');
const SETTINGS = { yaml: { validate: true, hover: true, completion: true, format: { enable: false }, schemaStore: { enable: false } } };

let server: ChildProcess;
let lsp: MessageConnection;
const diagnostics = new Map<string, Diagnostic[]>();
const waiters: (() => void)[] = [];

beforeAll(async () => {
  server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  lsp = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  lsp.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
    diagnostics.set(p.uri, p.diagnostics);
    waiters.splice(0).forEach((w) => w());
  });
  lsp.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => SETTINGS.yaml));
  lsp.onRequest('client/registerCapability', () => null);
  lsp.onRequest('window/workDoneProgress/create', () => null);
  lsp.listen();
  await lsp.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(REPO_ROOT).href, capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } }, hover: { contentFormat: ['markdown', 'plaintext'] } }, workspace: { configuration: true } } });
  await lsp.sendNotification('initialized', {});
  await lsp.sendNotification('workspace/didChangeConfiguration', { settings: SETTINGS });
});

afterAll(() => {
  lsp?.dispose();
  server?.kill();
});

/**
 * Opens a document and waits until the server has published diagnostics for it: a real publishDiagnostics message,
 * or the test fails (an empty list after a timeout would pass "opens clean" with a server that never answers).
 */
async function open(file: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = pathToFileURL(file).href;
  diagnostics.delete(uri);
  await lsp.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const deadline = Date.now() + 60_000;
  while (!diagnostics.has(uri) && Date.now() < deadline) await new Promise<void>((resolve) => waiters.push(resolve) && setTimeout(resolve, 500));
  const published = diagnostics.get(uri);
  if (published === undefined) throw new Error(`yaml-language-server published no diagnostics for ${uri} within 60 s`);
  return { uri, diagnostics: published };
}

/** A copy of the generated umbrella chart, so the test can edit its values.yaml. */
function chartCopy(): string {
  const dir = join(tempDir('editor'), 'platform');
  cpSync(join(REPO_ROOT, 'charts', 'platform'), dir, { recursive: true });
  return dir;
}

describe('yaml-language-server with the generated schemas', () => {
  it('accepts the generated values.yaml as it is', async () => {
    const dir = chartCopy();
    const { diagnostics } = await open(join(dir, 'values.yaml'), readFileSync(join(dir, 'values.yaml'), 'utf8'));
    expect(diagnostics).toEqual([]);
  });

  it('underlines a value that breaks the schema, on its line', async () => {
    const dir = chartCopy();
    const text = readFileSync(join(dir, 'values.yaml'), 'utf8').replace(/^(web:\n(?:.*\n)*?  replicaCount: )2$/m, '$1two');
    const line = text.split('\n').findIndex((l) => l === '  replicaCount: two');
    expect(line).toBeGreaterThan(0);
    const { diagnostics } = await open(join(dir, 'values.yaml'), text);
    expect(diagnostics.map((d) => d.range.start.line)).toContain(line);
    expect(diagnostics.find((d) => d.range.start.line === line)?.message).toMatch(/integer/i);
  });

  it('shows the schema description on hover and completes keys of an app section', async () => {
    const dir = chartCopy();
    const text = readFileSync(join(dir, 'values.yaml'), 'utf8');
    const { uri } = await open(join(dir, 'values.yaml'), text);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l === '  replicaCount: 2');
    const hover = (await lsp.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 4 } })) as { contents: { value: string } | string };
    expect(JSON.stringify(hover.contents)).toMatch(/Replicas when autoscaling is off/);
    const completion = (await lsp.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: line + 1, character: 2 } })) as { items: { label: string }[] } | { label: string }[];
    const labels = (Array.isArray(completion) ? completion : completion.items).map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['readinessProbe', 'livenessProbe', 'strategy']));
  });

  it('checks the stack file against schemas/helmforge.schema.json', async () => {
    const dir = tempDir('editor');
    cpSync(join(REPO_ROOT, 'schemas'), join(dir, 'schemas'), { recursive: true });
    const stack = readFileSync(join(REPO_ROOT, 'helmforge.yaml'), 'utf8');
    expect((await open(join(dir, 'helmforge.yaml'), stack)).diagnostics).toEqual([]);
    const broken = stack.replace('  version: 0.1.0', '  version: 0.1.0\n  colour: blue');
    const { diagnostics } = await open(join(dir, 'broken.yaml'), broken);
    expect(diagnostics.map((d) => d.message).join('\n')).toMatch(/colour/);
  });
});
