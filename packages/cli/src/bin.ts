#!/usr/bin/env node
import { errorText } from './errors.js';
import { debugRequested, main } from './program.js';

const debug = debugRequested(process.argv);
/** An error that escaped every command (a stream, a timer): one line too, and exit 1. */
const fail = (error: unknown): void => {
  process.stderr.write(errorText('', error, debug).text);
  process.exit(1);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

// `helmforge … | head` closes the pipe early: that is not an error worth a message. Any other failure to write the
// output (a full disk, `> /dev/full`) is.
for (const [name, stream] of [['standard output', process.stdout], ['standard error', process.stderr]] as const) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream === process.stderr) process.exit(1); // nowhere left to say it
    fail(Object.assign(error, { path: name, syscall: 'write' })); // worded `cannot write standard output: …`
  });
}

process.exitCode = await main(process.argv);
