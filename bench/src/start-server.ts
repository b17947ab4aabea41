import { type ChildProcess, fork } from 'node:child_process';

/** Starts the benchmark's JSON server in a child process. */
export async function startJsonServer(): Promise<{ origin: string; child: ChildProcess }> {
  const child = fork(new URL('./json-server.ts', import.meta.url), { stdio: 'inherit' });
  const port = await new Promise<number>((resolve) =>
    child.once('message', (message) => resolve((message as { port: number }).port)),
  );
  return { origin: `http://127.0.0.1:${port}`, child };
}
