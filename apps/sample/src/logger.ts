import { SwitchboardError } from '@switchboard/core';

/** Where the app reports what it does. Never given secrets: config and errors are logged through `describe…` helpers and `toJSON()`. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Something with a `write(text)`, such as `process.stderr`. */
export interface TextSink {
  write(text: string): unknown;
}

/** A logger writing lines to `sink`; Switchboard errors are printed as their secret-free JSON. */
export function createLogger(sink: TextSink): Logger {
  return {
    info: (message) => sink.write(`${message}\n`),
    warn: (message) => sink.write(`warning: ${message}\n`),
    error: (message, error) =>
      sink.write(`error: ${message}${error === undefined ? '' : ` ${describeError(error)}`}\n`),
  };
}

/** A logger that drops everything, for tests. */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A log-safe rendering of an error. */
export function describeError(error: unknown): string {
  if (SwitchboardError.isInstance(error)) return JSON.stringify(error.toJSON());
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
