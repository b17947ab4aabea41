import { describe, expect, it } from 'vitest';
import { RecordedRequest } from './recorded-request.js';

function recorded(body: string, contentType?: string): RecordedRequest {
  const headers = new Headers();
  if (contentType !== undefined) headers.set('content-type', contentType);
  return new RecordedRequest({
    method: 'POST',
    url: 'http://127.0.0.1:1234/v1/messages?mode=test',
    headers,
    body: new TextEncoder().encode(body),
  });
}

describe('RecordedRequest', () => {
  it('splits the URL into path and query', () => {
    const request = recorded('');
    expect(request.path).toBe('/v1/messages');
    expect(request.query.get('mode')).toBe('test');
    expect(request.describe()).toBe('POST /v1/messages?mode=test');
  });

  it('reports the media type without parameters, lower-cased', () => {
    expect(recorded('', 'Application/JSON; Charset=UTF-8').contentType).toBe('application/json');
    expect(recorded('').contentType).toBeUndefined();
  });

  it('json() names the request and quotes the body when it is not JSON', () => {
    expect(() => recorded('<html>oops</html>', 'application/json').json()).toThrow(
      /Expected a JSON body in POST \/v1\/messages\?mode=test .*body: "<html>oops<\/html>"/,
    );
  });

  it('json() shortens long bodies in its error', () => {
    const error = (() => {
      try {
        recorded(`x${'y'.repeat(1_000)}`).json();
      } catch (caught) {
        return caught as Error;
      }
      return undefined;
    })();
    expect(error?.message).toContain('…');
    expect(error?.message.length).toBeLessThan(400);
  });

  it('form() refuses bodies that are not form-encoded', () => {
    expect(() => recorded('{"a":1}', 'application/json').form()).toThrow(
      /application\/x-www-form-urlencoded body .* got content-type "application\/json"/,
    );
    expect(() => recorded('a=1').form()).toThrow(/got content-type \(none\)/);
  });

  it('multipart() refuses bodies that are not multipart/form-data', async () => {
    await expect(recorded('a=1', 'application/x-www-form-urlencoded').multipart()).rejects.toThrow(
      /multipart\/form-data body/,
    );
  });

  it('multipart() parses a hand-written body with its boundary', async () => {
    const body = [
      '--XyZ',
      'Content-Disposition: form-data; name="caption"',
      '',
      'hello',
      '--XyZ',
      'Content-Disposition: form-data; name="file"; filename="a.txt"',
      'Content-Type: text/plain',
      '',
      'file contents',
      '--XyZ--',
      '',
    ].join('\r\n');

    const parts = await recorded(body, 'multipart/form-data; boundary=XyZ').multipart();

    expect(parts.get('caption')).toBe('hello');
    const file = parts.get('file') as File;
    expect(file.name).toBe('a.txt');
    expect(await file.text()).toBe('file contents');
  });
});
