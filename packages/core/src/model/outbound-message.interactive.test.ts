import { describe, expect, it } from 'vitest';
import { chars, parseValid, rejectedPaths, validationError } from './__fixtures__/validation.js';
import { MESSAGE_LIMITS, type OutboundMessage, outboundMessageSchema } from './outbound-message.js';

const to = '+44 (0)20 7946 0958';
const L = MESSAGE_LIMITS;

function buttons(...titles: string[]) {
  return titles.map((title, index) => ({ id: `b${index}`, title }));
}

function rows(count: number, prefix = 'r') {
  return Array.from({ length: count }, (_, index) => ({ id: `${prefix}${index}`, title: `Row ${index}` }));
}

describe('buttons messages', () => {
  it('accepts a minimal message with one button and normalizes `to`', () => {
    const message = {
      type: 'buttons',
      to,
      body: 'Pick one',
      buttons: [{ id: 'yes', title: 'Yes' }],
    } satisfies OutboundMessage;
    expect(parseValid(outboundMessageSchema, message)).toEqual({ ...message, to: '442079460958' });
  });

  it('accepts a maximal message at every limit', () => {
    const message = {
      type: 'buttons',
      to,
      replyTo: 'wamid.9',
      header: chars(L.interactiveHeaderMaxLength),
      body: chars(L.interactiveBodyMaxLength),
      footer: chars(L.interactiveFooterMaxLength),
      buttons: [
        { id: chars(L.buttonIdMaxLength, 'a'), title: chars(L.buttonTitleMaxLength, 'A') },
        { id: 'b', title: chars(L.buttonTitleMaxLength, 'B') },
        { id: 'c', title: chars(L.buttonTitleMaxLength, 'C') },
      ],
    } satisfies OutboundMessage;
    expect(parseValid(outboundMessageSchema, message)).toEqual({ ...message, to: '442079460958' });
  });

  it('rejects no buttons on `buttons`', () => {
    expect(rejectedPaths(outboundMessageSchema, { type: 'buttons', to, body: 'b', buttons: [] })).toEqual([
      'buttons',
    ]);
  });

  it('rejects a fourth button on `buttons`', () => {
    const message = { type: 'buttons', to, body: 'b', buttons: buttons('a', 'b', 'c', 'd') };
    expect(rejectedPaths(outboundMessageSchema, message)).toEqual(['buttons']);
  });

  it('rejects a 21-character title on that button', () => {
    const message = { type: 'buttons', to, body: 'b', buttons: buttons('ok', chars(21)) };
    expect(rejectedPaths(outboundMessageSchema, message)).toEqual(['buttons.1.title']);
  });

  it('rejects an empty title and an empty id', () => {
    const message = { type: 'buttons', to, body: 'b', buttons: [{ id: '', title: '' }] };
    expect(rejectedPaths(outboundMessageSchema, message).sort()).toEqual(['buttons.0.id', 'buttons.0.title']);
  });

  it('rejects a 257-character id', () => {
    const message = { type: 'buttons', to, body: 'b', buttons: [{ id: chars(257), title: 'ok' }] };
    expect(rejectedPaths(outboundMessageSchema, message)).toEqual(['buttons.0.id']);
  });

  it('rejects a duplicate id on the later button', () => {
    const message = {
      type: 'buttons',
      to,
      body: 'b',
      buttons: [
        { id: 'same', title: 'One' },
        { id: 'other', title: 'Two' },
        { id: 'same', title: 'Three' },
      ],
    };
    const error = validationError(outboundMessageSchema, message);
    expect(error.issues).toEqual([{ path: 'buttons.2.id', message: 'ids must be unique' }]);
  });

  it('rejects a duplicate title, since providers without ids match replies by title', () => {
    const message = {
      type: 'buttons',
      to,
      body: 'b',
      buttons: [
        { id: 'a', title: 'Same' },
        { id: 'b', title: 'Same' },
      ],
    };
    const error = validationError(outboundMessageSchema, message);
    expect(error.issues).toEqual([{ path: 'buttons.1.title', message: 'titles must be unique' }]);
  });

  it('treats titles differing only in case as distinct', () => {
    const message = { type: 'buttons', to, body: 'b', buttons: buttons('Yes', 'yes') };
    expect(parseValid(outboundMessageSchema, message)).toMatchObject({ buttons: message.buttons });
  });

  it.each([
    ['body', { body: chars(1025) }],
    ['body', { body: '' }],
    ['header', { body: 'b', header: chars(61) }],
    ['header', { body: 'b', header: '' }],
    ['footer', { body: 'b', footer: chars(61) }],
  ])('rejects an out-of-range %s', (field, text) => {
    const message = { type: 'buttons', to, buttons: buttons('ok'), ...text };
    expect(rejectedPaths(outboundMessageSchema, message)).toEqual([field]);
  });

  it('requires a body', () => {
    expect(rejectedPaths(outboundMessageSchema, { type: 'buttons', to, buttons: buttons('ok') })).toEqual([
      'body',
    ]);
  });

  it('rejects unknown keys on a button', () => {
    const message = {
      type: 'buttons',
      to,
      body: 'b',
      buttons: [{ id: 'a', title: 'A', url: 'https://x.y' }],
    };
    expect(rejectedPaths(outboundMessageSchema, message)).toEqual(['buttons.0']);
  });
});

describe('list messages', () => {
  it('accepts a minimal list (one untitled section, one row) and normalizes `to`', () => {
    const message = {
      type: 'list',
      to,
      body: 'Choose',
      buttonText: 'Menu',
      sections: [{ rows: [{ id: 'r1', title: 'One' }] }],
    } satisfies OutboundMessage;
    expect(parseValid(outboundMessageSchema, message)).toEqual({ ...message, to: '442079460958' });
  });

  it('accepts a maximal list: 10 titled sections, 10 rows in all, every text at its limit', () => {
    const message = {
      type: 'list',
      to,
      replyTo: 'wamid.4',
      header: chars(60),
      body: chars(1024),
      footer: chars(60),
      buttonText: chars(L.listButtonTextMaxLength),
      sections: Array.from({ length: L.listSectionsMax }, (_, index) => ({
        title: chars(L.listSectionTitleMaxLength - 1) + index,
        rows: [
          {
            id: chars(L.listRowIdMaxLength - 1) + index,
            title: chars(L.listRowTitleMaxLength),
            description: chars(L.listRowDescriptionMaxLength),
          },
        ],
      })),
    } satisfies OutboundMessage;
    expect(parseValid(outboundMessageSchema, message)).toEqual({ ...message, to: '442079460958' });
  });

  it('accepts 10 rows in a single section', () => {
    const message = { type: 'list', to, body: 'b', buttonText: 'Menu', sections: [{ rows: rows(10) }] };
    expect(parseValid(outboundMessageSchema, message)).toMatchObject({ sections: [{ rows: rows(10) }] });
  });

  it('rejects 11 rows in a single section on `sections`', () => {
    const message = { type: 'list', to, body: 'b', buttonText: 'Menu', sections: [{ rows: rows(11) }] };
    const error = validationError(outboundMessageSchema, message);
    expect(error.issues).toEqual([{ path: 'sections', message: expect.stringContaining('at most 10 rows') }]);
  });

  it('counts rows across sections: 5 + 6 is rejected', () => {
    const message = {
      type: 'list',
      to,
      body: 'b',
      buttonText: 'Menu',
      sections: [
        { title: 'A', rows: rows(5, 'a') },
        { title: 'B', rows: rows(6, 'b') },
      ],
    };
    const error = validationError(outboundMessageSchema, message);
    expect(error.issues).toEqual([{ path: 'sections', message: expect.stringContaining('(got 11)') }]);
  });

  it('rejects an 11th section', () => {
    const sections = Array.from({ length: 11 }, (_, index) => ({
      title: `S${index}`,
      rows: rows(1, `s${index}-`),
    }));
    const message = { type: 'list', to, body: 'b', buttonText: 'Menu', sections };
    expect(rejectedPaths(outboundMessageSchema, message)).toContain('sections');
  });

  it('rejects a 25-character row title on that row', () => {
    const sectionRows = rows(4);
    sectionRows[3] = { id: 'r3', title: chars(25) };
    const message = { type: 'list', to, body: 'b', buttonText: 'Menu', sections: [{ rows: sectionRows }] };
    expect(rejectedPaths(outboundMessageSchema, message)).toEqual(['sections.0.rows.3.title']);
  });

  it('rejects a 73-character row description and a 201-character row id', () => {
    const message = {
      type: 'list',
      to,
      body: 'b',
      buttonText: 'Menu',
      sections: [
        { title: 'A', rows: [{ id: 'a', title: 'A' }] },
        { title: 'B', rows: [{ id: chars(201), title: 'B', description: chars(73) }] },
      ],
    };
    expect(rejectedPaths(outboundMessageSchema, message).sort()).toEqual([
      'sections.1.rows.0.description',
      'sections.1.rows.0.id',
    ]);
  });

  it('rejects a 25-character section title', () => {
    const message = {
      type: 'list',
      to,
      body: 'b',
      buttonText: 'Menu',
      sections: [{ title: chars(25), rows: rows(1) }],
    };
    expect(rejectedPaths(outboundMessageSchema, message)).toEqual(['sections.0.title']);
  });

  it('requires a title on every section when there are several', () => {
    const message = {
      type: 'list',
      to,
      body: 'b',
      buttonText: 'Menu',
      sections: [{ title: 'Drinks', rows: rows(1, 'd') }, { rows: rows(1, 'f') }],
    };
    const error = validationError(outboundMessageSchema, message);
    expect(error.issues).toEqual([
      { path: 'sections.1.title', message: expect.stringContaining('needs a title') },
    ]);
  });

  it('rejects a row id repeated in another section', () => {
    const message = {
      type: 'list',
      to,
      body: 'b',
      buttonText: 'Menu',
      sections: [
        { title: 'A', rows: [{ id: 'dup', title: 'One' }] },
        { title: 'B', rows: [{ id: 'dup', title: 'Two' }] },
      ],
    };
    expect(rejectedPaths(outboundMessageSchema, message)).toEqual(['sections.1.rows.0.id']);
  });

  it.each([
    ['buttonText', { buttonText: chars(21) }],
    ['buttonText', { buttonText: '' }],
    ['sections', { sections: [] }],
    ['sections.0.rows', { sections: [{ title: 'Empty', rows: [] }] }],
  ])('rejects an invalid %s', (path, override) => {
    const message = {
      type: 'list',
      to,
      body: 'b',
      buttonText: 'Menu',
      sections: [{ rows: rows(1) }],
      ...override,
    };
    expect(rejectedPaths(outboundMessageSchema, message)).toEqual([path]);
  });

  it('requires buttonText and sections', () => {
    expect(rejectedPaths(outboundMessageSchema, { type: 'list', to, body: 'b' }).sort()).toEqual([
      'buttonText',
      'sections',
    ]);
  });
});
