import { describe, expect, it } from 'vitest';
import { recipientsFromCsv, refuseUnaddressableRecipients } from './bulk-recipients.js';
import { parseCsv } from './csv.js';

describe('recipientsFromCsv', () => {
  it('reads numbered columns as positional parameters in order', () => {
    expect(recipientsFromCsv(parseCsv('2,Phone,1\n42,+44 7700 900123,Ada\n'), 'c.csv')).toStrictEqual([
      { line: 2, to: '447700900123', parameters: ['Ada', '42'] },
    ]);
  });

  it('reads named columns as named parameters, and no columns as none', () => {
    expect(recipientsFromCsv(parseCsv('phone,name\n14155550142,Grace\n'), 'c.csv')).toStrictEqual([
      { line: 2, to: '14155550142', parameters: { name: 'Grace' } },
    ]);
    expect(recipientsFromCsv(parseCsv('phone\n14155550142\n'), 'c.csv')).toStrictEqual([
      { line: 2, to: '14155550142' },
    ]);
  });

  it('says so when the file is separated by semicolons, as spreadsheets in many locales save it', () => {
    expect(() => recipientsFromCsv(parseCsv('phone;1;2\n447700900123;Ada;1\n'), 'c.csv')).toThrow(
      'c.csv needs a "phone" column (found: phone;1;2): it looks separated by semicolons; save it as comma-separated CSV',
    );
  });

  it('checks every row first and lists the problems by line', () => {
    expect(() =>
      recipientsFromCsv(
        parseCsv('phone,name\n020 7946 0958,Ada\n14155550142,\n447700900456,Alan\n'),
        'c.csv',
      ),
    ).toThrow(
      [
        'c.csv has 2 problem(s); nothing was sent:',
        '  line 2: phone: phone number must start with its country code (e.g. +44 20 7946 0958, not 020 7946 0958)',
        '  line 3: column "name" is empty',
      ].join('\n'),
    );
  });

  it.each([
    ['name\nAda\n', 'c.csv needs a "phone" column (found: name)'],
    ['phone,1,3\n447700900123,a,b\n', 'c.csv: numbered columns must be 1, 2, 3… without gaps (found 1, 3)'],
    [
      'phone,1,name\n447700900123,a,b\n',
      'c.csv: parameter columns must be all numbers or all names, not a mix',
    ],
    ['phone\n', 'c.csv has no recipients below its header'],
  ])('rejects %j', (text, message) => {
    expect(() => recipientsFromCsv(parseCsv(text), 'c.csv')).toThrow(message);
  });
});

describe('business-scoped user ids in the phone column', () => {
  const csv =
    'phone,name\n US.13491208655302741918 ,Ada\n+1 415 555 0142,Grace\nUS.ENT.11815799212886844830,Alan\n';

  it('keeps them as written (trimmed) beside normalized numbers', () => {
    expect(recipientsFromCsv(parseCsv(csv), 'c.csv').map((recipient) => recipient.to)).toStrictEqual([
      'US.13491208655302741918',
      '14155550142',
      'US.ENT.11815799212886844830',
    ]);
  });

  it('are refused by line, before anything is sent, for a provider that cannot address them', () => {
    const recipients = recipientsFromCsv(parseCsv(csv), 'c.csv');
    const legacyWati = { id: 'wati', capabilities: new Set(['send.bulk', 'send.template']) };
    expect(() => refuseUnaddressableRecipients(recipients, legacyWati, 'c.csv')).toThrow(
      "c.csv: 2 row(s) address a business-scoped user id, which wati cannot send to here (line 2, 4); nothing was sent. Use phone numbers, or WATI's api: 'v3'",
    );
    const cloud = {
      id: 'whatsapp-cloud',
      capabilities: new Set(['send.bulk', 'send.template', 'send.to.userId']),
    };
    expect(() => refuseUnaddressableRecipients(recipients, cloud, 'c.csv')).not.toThrow();
    const phonesOnly = recipients.filter((recipient) => recipient.to === '14155550142');
    expect(() => refuseUnaddressableRecipients(phonesOnly, legacyWati, 'c.csv')).not.toThrow();
  });
});
