import { describe, expect, it } from 'vitest';
import { chars, parseValid, rejectedPaths, validationError } from './__fixtures__/validation.js';
import {
  type Template,
  type TemplateDefinition,
  templateDefinitionSchema,
  templatePlaceholders,
  templateSchema,
} from './template.js';

describe('templatePlaceholders', () => {
  it.each([
    ['Hi {{1}}, order {{2}} has shipped', ['1', '2']],
    ['Hi {{first_name}}, order {{order_id}}', ['first_name', 'order_id']],
    ['{{1}} and again {{1}}', ['1']],
    ['{{2}} before {{1}}', ['2', '1']],
    ['spaces {{ 1 }} inside', ['1']],
    ['No placeholders here', []],
    ['empty {{}} and single {braces}', []],
    ['', []],
    ['https://example.com/track/{{1}}', ['1']],
  ])('finds the placeholders of %j', (text, expected) => {
    expect(templatePlaceholders(text)).toEqual(expected);
  });

  it('can be called repeatedly (no global regex state leaks between calls)', () => {
    expect(templatePlaceholders('{{1}}')).toEqual(['1']);
    expect(templatePlaceholders('{{1}}')).toEqual(['1']);
  });
});

const base = { name: 'order_update', language: 'en_US', category: 'utility' } as const;

describe('templateDefinitionSchema', () => {
  it('accepts a body without placeholders and without examples', () => {
    const definition = { ...base, body: { text: 'Your order has shipped.' } } satisfies TemplateDefinition;
    expect(parseValid(templateDefinitionSchema, definition)).toEqual(definition);
  });

  it('accepts positional placeholders with an example each', () => {
    const definition = {
      ...base,
      body: { text: 'Hi {{1}}, order {{2}} has shipped.', examples: ['Ada', 'A-1042'] },
    } satisfies TemplateDefinition;
    expect(parseValid(templateDefinitionSchema, definition)).toEqual(definition);
  });

  it('accepts named placeholders with an example each', () => {
    const definition = {
      ...base,
      body: {
        text: 'Hi {{first_name}}, order {{order_id}}.',
        examples: { first_name: 'Ada', order_id: 'A-1042' },
      },
    } satisfies TemplateDefinition;
    expect(parseValid(templateDefinitionSchema, definition)).toEqual(definition);
  });

  it('accepts a complete marketing template with header, footer and every button kind', () => {
    const definition = {
      name: 'spring_sale_2025',
      language: 'en',
      category: 'marketing',
      allowCategoryChange: true,
      header: { format: 'text', text: 'Hi {{1}}', example: 'Ada' },
      body: { text: 'Take {{1}} off with code {{2}}.', examples: ['20%', 'SPRING'] },
      footer: { text: chars(60) },
      buttons: [
        {
          type: 'url',
          text: 'Shop',
          url: 'https://shop.example.com/{{1}}',
          example: 'https://shop.example.com/spring',
        },
        { type: 'url', text: 'Home', url: 'https://shop.example.com' },
        { type: 'phone_number', text: 'Call us', phoneNumber: '+14155551234' },
        { type: 'quick_reply', text: chars(25) },
        { type: 'copy_code', example: chars(15) },
      ],
    } satisfies TemplateDefinition;
    expect(parseValid(templateDefinitionSchema, definition)).toEqual(definition);
  });

  it.each([
    ['image', { format: 'image', exampleHandle: '4::aW1hZ2U=' }],
    ['location', { format: 'location' }],
  ])('accepts a %s header', (_label, header) => {
    expect(parseValid(templateDefinitionSchema, { ...base, header, body: { text: 'b' } })).toMatchObject({
      header,
    });
  });

  it('requires an example for each placeholder, naming the missing ones', () => {
    const error = validationError(templateDefinitionSchema, {
      ...base,
      body: { text: 'Hi {{1}}, order {{2}}' },
    });
    expect(error.issues).toEqual([
      { path: 'body.examples', message: expect.stringContaining('{{1}}, {{2}}') },
    ]);
  });

  it('reports placeholders beyond the given positional examples', () => {
    const error = validationError(templateDefinitionSchema, {
      ...base,
      body: { text: 'Hi {{1}}, order {{2}}', examples: ['Ada'] },
    });
    expect(error.issues).toEqual([
      { path: 'body.examples', message: expect.stringContaining('missing: {{2}}') },
    ]);
  });

  it('reports a named placeholder without an example', () => {
    const error = validationError(templateDefinitionSchema, {
      ...base,
      body: { text: 'Hi {{first_name}}, order {{order_id}}', examples: { first_name: 'Ada' } },
    });
    expect(error.issues).toEqual([
      { path: 'body.examples', message: expect.stringContaining('{{order_id}}') },
    ]);
  });

  it('rejects an empty example value', () => {
    const definition = { ...base, body: { text: 'Hi {{1}}', examples: [''] } };
    expect(rejectedPaths(templateDefinitionSchema, definition)).toContain('body.examples.0');
  });

  it.each([
    ['a gap', 'Hi {{1}}, order {{3}}', ['Ada', 'x', 'y']],
    ['the wrong order', 'Order {{2}} for {{1}}', ['Ada', 'A-1']],
    ['a start other than 1', 'Hi {{2}}', ['x', 'y']],
    ['a zero', 'Hi {{0}}', ['x']],
  ])('rejects positional placeholders with %s on body.text', (_label, text, examples) => {
    const error = validationError(templateDefinitionSchema, { ...base, body: { text, examples } });
    expect(error.issues).toEqual([
      { path: 'body.text', message: expect.stringContaining('in order without gaps') },
    ]);
  });

  it('rejects mixing positional and named placeholders on body.text', () => {
    const error = validationError(templateDefinitionSchema, {
      ...base,
      body: { text: 'Hi {{1}}, order {{order_id}}', examples: ['Ada', 'A-1'] },
    });
    expect(error.issues).toEqual([{ path: 'body.text', message: expect.stringContaining('all positional') }]);
  });

  it('rejects a named placeholder that is not lowercase snake_case on body.text', () => {
    const error = validationError(templateDefinitionSchema, {
      ...base,
      body: { text: 'Hi {{FirstName}}', examples: { FirstName: 'Ada' } },
    });
    expect(error.issues).toEqual([{ path: 'body.text', message: expect.stringContaining('lowercase') }]);
  });

  it('requires an example for a header placeholder', () => {
    const definition = { ...base, header: { format: 'text', text: 'Hello {{1}}' }, body: { text: 'b' } };
    const error = validationError(templateDefinitionSchema, definition);
    expect(error.issues).toEqual([
      { path: 'header.example', message: 'the header placeholder needs an example' },
    ]);
  });

  it('accepts a text header without a placeholder and without an example', () => {
    const definition = { ...base, header: { format: 'text', text: 'Hello' }, body: { text: 'b' } };
    expect(parseValid(templateDefinitionSchema, definition)).toEqual(definition);
  });

  it('requires exampleHandle for a media header', () => {
    const definition = { ...base, header: { format: 'video' }, body: { text: 'b' } };
    expect(rejectedPaths(templateDefinitionSchema, definition)).toEqual(['header.exampleHandle']);
  });

  it('requires an example for a URL button with a {{1}} suffix, on that button', () => {
    const definition = {
      ...base,
      body: { text: 'b' },
      buttons: [
        { type: 'quick_reply', text: 'Stop' },
        { type: 'url', text: 'Track', url: 'https://example.com/track/{{1}}' },
      ],
    };
    const error = validationError(templateDefinitionSchema, definition);
    expect(error.issues).toEqual([{ path: 'buttons.1.example', message: expect.stringContaining('{{1}}') }]);
  });

  it.each([
    ['name', { name: 'Order Update' }],
    ['language', { language: 'en-US' }],
    ['category', { category: 'promotional' }],
    ['body.text', { body: { text: '' } }],
    ['body.text', { body: { text: chars(1025) } }],
    ['body', { body: undefined }],
    ['footer.text', { footer: { text: chars(61) } }],
    ['header.text', { header: { format: 'text', text: chars(61) } }],
    ['header.format', { header: { format: 'audio' } }],
    ['buttons.0.text', { buttons: [{ type: 'quick_reply', text: chars(26) }] }],
    ['buttons.0.example', { buttons: [{ type: 'copy_code', example: chars(16) }] }],
    ['buttons.0.phoneNumber', { buttons: [{ type: 'phone_number', text: 'Call' }] }],
    ['buttons', { buttons: Array.from({ length: 11 }, () => ({ type: 'quick_reply', text: 'x' })) }],
    ['', { status: 'approved' }],
  ])('rejects an invalid %s', (path, override) => {
    const definition = { ...base, body: { text: 'Body' }, ...override };
    expect(rejectedPaths(templateDefinitionSchema, definition)).toEqual([path]);
  });
});

describe('templateSchema', () => {
  const listed = {
    id: '1192837465',
    name: 'order_shipped',
    language: 'en_US',
    category: 'utility',
    status: 'approved',
    parameterFormat: 'positional',
    parameterNames: ['1', '2'],
    components: [
      { type: 'header', format: 'image' },
      { type: 'body', text: 'Hi {{1}}, your order {{2}} has shipped.' },
      { type: 'footer', text: 'Reply STOP to opt out' },
      {
        type: 'buttons',
        buttons: [
          { type: 'url', text: 'Track', url: 'https://example.com/t/{{1}}' },
          { type: 'phone_number', text: 'Call', phoneNumber: '+14155551234' },
          { type: 'quick_reply', text: 'Stop' },
        ],
      },
    ],
    raw: { id: '1192837465', status: 'APPROVED' },
  } satisfies Template;

  it('accepts a realistic listed template', () => {
    expect(templateSchema.parse(listed)).toEqual(listed);
  });

  it('accepts a named template whose category the provider did not report', () => {
    const named = {
      ...listed,
      id: undefined,
      category: 'unknown',
      parameterFormat: 'named',
      parameterNames: ['name'],
    };
    expect(templateSchema.parse(named)).toMatchObject({ category: 'unknown', parameterFormat: 'named' });
  });

  it.each([
    ['status', { status: 'APPROVED' }],
    ['category', { category: 'transactional' }],
    ['parameterFormat', { parameterFormat: 'mixed' }],
    ['components.0.type', { components: [{ type: 'carousel' }] }],
    [
      'components.0.buttons.0.type',
      { components: [{ type: 'buttons', buttons: [{ type: 'call', text: 'x' }] }] },
    ],
  ])('rejects an unknown %s', (path, override) => {
    expect(rejectedPaths(templateSchema, { ...listed, ...override })).toEqual([path]);
  });
});
