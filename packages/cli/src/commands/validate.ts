import type { Command } from 'commander';
import type { Io } from '../program.js';

// Wired to @helmforge/validator once it lands.
export function validateCommand(_program: Command, _io: Io, _setExit: (code: number) => void): void {}
