// Test kit: the real yaml-language-server over LSP stdio, as an editor drives it: a workspace root, the YAML
// extension's settings, documents opened and their published diagnostics, hover and completion requests.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

export interface Diagnostic {
  message: string;
  severity?: number;
  range: { start: { line: number; character: number } };
}

export interface LanguageServer {
  /** Opens a document and resolves with the diagnostics the server publishes for it (rejects when none come in 60 s). */
  open(file: string, text: string): Promise<Diagnostic[]>;
  /** Completion labels at a position. */
  complete(file: string, line: number, character: number): Promise<string[]>;
  /** Hover text at a position. */
  hover(file: string, line: number, character: number): Promise<string>;
  stop(): void;
}

const require = createRequire(import.meta.url);
const SERVER = join(require.resolve('yaml-language-server/package.json'), '..', 'bin', 'yaml-language-server');

/** `yaml` settings as the VS Code YAML extension sends them; `schemas` is the `yaml.schemas` setting. */
export async function startLanguageServer(root: string, schemas: Record<string, string[] | string> = {}): Promise<LanguageServer> {
  const settings = { validate: true, hover: true, completion: true, format: { enable: false }, schemaStore: { enable: false }, schemas };
  const server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lsp = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  const waiting = new Map<string, (diagnostics: Diagnostic[]) => void>();
  lsp.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => waiting.get(p.uri)?.(p.diagnostics));
  lsp.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  lsp.onRequest('client/registerCapability', () => null);
  lsp.onRequest('window/workDoneProgress/create', () => null);
  lsp.listen();
  const rootUri = pathToFileURL(root).href;
  await lsp.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } }, hover: { contentFormat: ['markdown', 'plaintext'] } }, workspace: { configuration: true } },
  });
  await lsp.sendNotification('initialized', {});
  await lsp.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: settings } });
  const uriOf = (file: string) => pathToFileURL(file).href;
  let version = 0;
  return {
    open: (file, text) =>
      new Promise<Diagnostic[]>((resolve, reject) => {
        const uri = uriOf(file);
        const timer = setTimeout(() => reject(new Error(`no diagnostics published for ${file} in 60 s`)), 60_000);
        waiting.set(uri, (diagnostics) => {
          clearTimeout(timer);
          waiting.delete(uri);
          resolve(diagnostics);
        });
        void lsp.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: ++version, text } });
      }),
    complete: async (file, line, character) => {
      const r = (await lsp.sendRequest('textDocument/completion', { textDocument: { uri: uriOf(file) }, position: { line, character } })) as { items: { label: string }[] } | { label: string }[];
      return (Array.isArray(r) ? r : r.items).map((i) => i.label);
    },
    hover: async (file, line, character) => {
      const r = (await lsp.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(file) }, position: { line, character } })) as { contents: { value: string } | string } | null;
      return r ? (typeof r.contents === 'string' ? r.contents : r.contents.value) : '';
    },
    stop: () => {
      lsp.dispose();
      server.kill();
    },
  };
}
