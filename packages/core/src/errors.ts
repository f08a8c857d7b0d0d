// A user-facing error: where it is (file, line, column, JSON pointer), what is wrong, and what to do.
export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  pointer?: string;
}

export interface Problem extends ErrorLocation {
  message: string;
  hint?: string;
}

export class HelmforgeError extends Error {
  readonly problems: Problem[];
  /** 1: a problem with the input or the files (the default); 2: the command line itself is wrong. */
  readonly exitCode: number;

  constructor(summary: string, problems: Problem[] = [], options: { exitCode?: number } = {}) {
    super(problems.length ? `${summary}\n${problems.map(formatProblem).join('\n')}` : summary);
    this.name = 'HelmforgeError';
    this.problems = problems;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** A command line that cannot work as given (exit code 2). */
export class UsageError extends HelmforgeError {
  constructor(message: string) {
    super(message, [], { exitCode: 2 });
    this.name = 'UsageError';
  }
}

/** `file:line:col: message (at /json/pointer)\n    hint` — the shape editors and CI logs link from. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line, p.line !== undefined ? p.column : undefined].filter((x) => x !== undefined).join(':');
  const pointer = p.pointer !== undefined ? ` (at ${p.pointer || '/'})` : '';
  const hint = p.hint ? `\n    ${p.hint}` : '';
  return `  ${where ? `${where}: ` : ''}${p.message}${pointer}${hint}`;
}
