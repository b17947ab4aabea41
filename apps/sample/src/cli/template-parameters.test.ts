import { describe, expect, it } from 'vitest';
import { parseTemplateParameters } from './template-parameters.js';

describe('parseTemplateParameters', () => {
  it('makes numbered keys positional and names a record', () => {
    expect(parseTemplateParameters(['2=42', '1=Ada'], 'send')).toStrictEqual(['Ada', '42']);
    expect(parseTemplateParameters(['name=Ada', 'order=a=b'], 'send')).toStrictEqual({
      name: 'Ada',
      order: 'a=b',
    });
    expect(parseTemplateParameters([], 'send')).toBeUndefined();
  });

  it.each([
    [['Ada'], '--param expects key=value (e.g. --param 1=Ada or --param name=Ada), got "Ada"'],
    [['name=a', 'name=b'], '--param name is given twice'],
    [['1=a', 'name=b'], '--param keys must be all numbers ({{1}}, {{2}}) or all names ({{name}}), not a mix'],
    [['1=a', '3=c'], '--param numbers must run 1, 2, 3… without gaps: 2 is missing'],
  ])('rejects %j', (pairs, message) => {
    expect(() => parseTemplateParameters(pairs, 'send')).toThrow(message);
  });
});
