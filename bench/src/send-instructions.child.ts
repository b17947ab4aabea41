// Sends `count` texts through one provider (argv: cloud|wati, count), eight at a time, through a
// dispatcher that answers each request in a microtask: no sockets and no server, so what runs per
// send is Switchboard's own code (validation, mapping, the transport, response validation) and
// zod's. `instructions.bench.ts` counts it under callgrind at two counts and takes the difference.
import { createWati } from '@switchboard/provider-wati';
import { createWhatsAppCloud } from '@switchboard/provider-whatsapp-cloud';
import type { Dispatcher } from 'undici';
import { graphSend, watiSend } from './send-answers.ts';

const [provider, countArgument] = process.argv.slice(2);
const count = Number(countArgument);
if ((provider !== 'cloud' && provider !== 'wati') || !Number.isInteger(count) || count < 1) {
  throw new Error('usage: send-instructions.child.ts cloud|wati <count>');
}

const graphAnswer = Buffer.from(graphSend);
const watiAnswer = Buffer.from(watiSend);

/** Answers 200 with the provider's send response, in a microtask, through undici's handler API. */
const answering = {
  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const controller = { aborted: false, paused: false, reason: null, abort() {}, pause() {}, resume() {} };
    const body = String(options.path).includes('/api/v1/') ? watiAnswer : graphAnswer;
    handler.onRequestStart?.(controller, {});
    queueMicrotask(() => {
      handler.onResponseStart?.(
        controller,
        200,
        { 'content-type': 'application/json', 'content-length': String(body.length) },
        'OK',
      );
      handler.onResponseData?.(controller, body);
      handler.onResponseEnd?.(controller, {});
    });
    return true;
  },
} as unknown as Dispatcher;

const common = { dispatcher: answering, retry: false as const, rateLimit: false as const };
const client =
  provider === 'cloud'
    ? createWhatsAppCloud({
        transport: 'direct',
        baseUrl: 'http://127.0.0.1:9',
        accessToken: 'bench-token-123456',
        phoneNumberId: '106540352242922',
        ...common,
      })
    : createWati({
        transport: 'direct',
        baseUrl: 'http://127.0.0.1:9/123456',
        token: 'bench-token-123456',
        ...common,
      });

let left = count;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (left-- > 0) {
      const result = await client.send({
        type: 'text',
        to: '+1 (650) 555-1234',
        text: 'Hello from the benchmark',
      });
      if (result.status !== 'accepted') throw new Error(`a send was not accepted: ${JSON.stringify(result)}`);
    }
  }),
);
await client.close();
