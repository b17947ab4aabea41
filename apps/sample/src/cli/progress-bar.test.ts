import { describe, expect, it } from 'vitest';
import { ProgressBar, renderProgress } from './progress-bar.js';

describe('renderProgress', () => {
  it('shows counts, percentage, failures, rate and time left', () => {
    expect(renderProgress({ done: 50, failed: 2, total: 100 }, 4000, 10)).toBe(
      '[#####·····]  50/100  50%  2 failed  12.5/s  eta 4s',
    );
    expect(renderProgress({ done: 0, failed: 0, total: 3 }, 0, 4)).toBe('[····]  0/3  0%  0 failed  0.0/s');
    expect(renderProgress({ done: 1, failed: 0, total: 200 }, 1000, 4)).toBe(
      '[····]  1/200  0%  0 failed  1.0/s  eta 3m19s',
    );
  });
});

describe('ProgressBar', () => {
  it('redraws one line on a terminal', () => {
    let output = '';
    let now = 0;
    const bar = new ProgressBar({ write: (text: string) => (output += text), isTTY: true }, 2, () => now);
    now = 1000;
    bar.update(1, 0);
    bar.update(2, 1);
    bar.finish();
    expect(output).toBe(
      '\r\x1b[2K[##########··········]  1/2  50%  0 failed  1.0/s  eta 1s' +
        '\r\x1b[2K[####################]  2/2  100%  1 failed  2.0/s\n',
    );
  });

  it('prints a line per tenth elsewhere', () => {
    const lines: string[] = [];
    const bar = new ProgressBar({ write: (text: string) => lines.push(text) }, 100, () => 0);
    for (let done = 0; done <= 100; done++) bar.update(done, 0);
    bar.finish();
    expect(lines).toHaveLength(11);
    expect(lines.every((line) => line.endsWith('\n'))).toBe(true);
  });
});
