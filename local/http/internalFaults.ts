// The emulator's own faults: a bug in the emulator or broken local plumbing, never an answer AWS
// would give. Every local server reports them through one sink (stderr unless the stack is given
// another), so none is swallowed, and the client gets that service's generic 500 instead of an
// answer that looks like the API's.

/** One internal fault. */
export interface InternalFault {
  /** The part of the emulator: 'AppSync', 'AppSync real-time', 'HTTP API', 'Lambda Invoke'. */
  component: string;
  /** What it was doing, e.g. "POST /graphql" or "delivering to subscription 3". */
  activity: string;
  error: unknown;
}

/** Where internal faults go. */
export type InternalFaultSink = (fault: InternalFault) => void;

/** A sink writing one line per fault, with the error's stack, to `write` (stderr by default). */
export function writeFaults(write: (text: string) => void = (text) => process.stderr.write(text)): InternalFaultSink {
  return ({ component, activity, error }) => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    write(`local ${component}: internal error while ${activity}: ${detail}\n`);
  };
}

/** The default sink: stderr. */
export const stderrFaults: InternalFaultSink = writeFaults();

/** The error's message, for the 500 body a client receives. */
export function faultMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
