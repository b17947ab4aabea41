// Preloaded (`node --import`) into every README example the tests run: a connection to anything
// but this machine fails at once, so an example that would reach a real API fails the test instead.
import net from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const connect = net.Socket.prototype.connect;

net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const first = args[0];
  const options = (typeof first === 'object' && first !== null ? first : { port: first, host: args[1] }) as {
    host?: unknown;
    path?: unknown;
  };
  const host = typeof options.host === 'string' ? options.host : 'localhost';
  if (options.path === undefined && !LOOPBACK.has(host)) {
    process.nextTick(() =>
      this.destroy(new Error(`README example tried to reach ${host}: only loopback is allowed`)),
    );
    return this;
  }
  return (connect as (...args: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
