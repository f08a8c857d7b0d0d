// Every error a user sees is one line: what failed, the path, what to do. A file-system error is worded from its code;
// anything unexpected gives its message and points at --debug, which adds the stack.
import { HelmforgeError } from '@helmforge/core';
import { relative } from 'node:path';

/** What an error code means and what to do about it. */
const FILE_SYSTEM: Record<string, { what: string; remedy: string }> = {
  ENOENT: { what: 'no such file or directory', remedy: 'check the path' },
  ENOTDIR: { what: 'a part of the path is a file, not a directory', remedy: 'check the path' },
  EACCES: { what: 'permission denied', remedy: 'check the permissions of the path and of its directories, or run as a user who may use it' },
  EPERM: { what: 'operation not permitted', remedy: "check the file's attributes (lsattr) and the mount, or run as a user who may change it" },
  EEXIST: { what: 'something else is already there', remedy: 'move it away or choose another path' },
  EISDIR: { what: 'it is a directory, where a file is expected', remedy: 'give the path of a file' },
  ENOTEMPTY: { what: 'the directory is not empty', remedy: 'look at what is in it, then move it away or remove it' },
  ENOSPC: { what: 'no space left on the device', remedy: 'free some space (df -h shows where) and run it again' },
  EDQUOT: { what: 'disk quota exceeded', remedy: 'free some space and run it again' },
  EROFS: { what: 'read-only file system', remedy: 'choose a writable location' },
  EMFILE: { what: 'too many open files', remedy: 'raise the limit (ulimit -n) and run it again' },
  ELOOP: { what: 'too many symbolic links', remedy: 'check for a link that points to itself' },
  ENAMETOOLONG: { what: 'the name is too long', remedy: 'choose a shorter path' },
};

const ACTIONS: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the directory',
  rmdir: 'remove the directory',
  rm: 'remove',
  unlink: 'remove',
  rename: 'move',
  scandir: 'list',
  lstat: 'look at',
  stat: 'look at',
  copyfile: 'copy',
  utime: 'touch',
};

/** A path as messages show it: relative to the current directory. */
export const show = (p: string): string => relative(process.cwd(), p) || '.';

/** The one line for an error (without the command's name), and the exit code it means. */
export function describeError(error: unknown): { line: string; code: number } {
  if (error instanceof HelmforgeError) return { line: error.message, code: error.exitCode };
  const e = error as NodeJS.ErrnoException & { dest?: string };
  const known = typeof e?.code === 'string' ? FILE_SYSTEM[e.code] : undefined;
  if (known !== undefined) {
    const action = ACTIONS[e.syscall ?? ''] ?? e.syscall ?? 'use';
    const where = e.path !== undefined ? ` ${show(e.path)}${e.dest !== undefined ? ` to ${show(e.dest)}` : ''}` : '';
    return { line: `cannot ${action}${where}: ${known.what} (${e.code}); ${known.remedy}`, code: 1 };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { line: `${message.split('\n')[0]} (run with --debug for details)`, code: 1 };
}

/** The text to print for an error: its line, and with --debug its stack. */
export function errorText(command: string, error: unknown, debug: boolean): { text: string; code: number } {
  const { line, code } = describeError(error);
  const stack = debug && error instanceof Error && error.stack !== undefined ? `\n${error.stack}` : '';
  return { text: `helmforge${command ? ` ${command}` : ''}: ${line}${stack}\n`, code };
}
