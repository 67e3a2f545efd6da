// The memory-vs-context SVG: accessible, escaped, and drawn to scale.
import { describe, expect, it } from 'vitest';
import { memoryChart, niceCeil } from '../../src/render/charts/memory.js';

const chart = memoryChart({
  id: 'mem',
  title: 'Memory <per GPU> & context',
  description: 'Computed by "versus fit"',
  series: [
    { label: 'Small <model>', points: [{ context: 1024, bytes: 10e9 }, { context: 4096, bytes: 20e9 }] },
    { label: 'Huge & wide', points: [{ context: 1024, bytes: 50e9 }, { context: 4096, bytes: 500e9 }] },
  ],
  capacities: [{ label: 'GPU 100 GB × 0.8', bytes: 80e9 }],
});

describe('memoryChart', () => {
  it('is a standalone SVG with a viewBox, a title and a description it is labelled by', () => {
    expect(chart).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 720 360"/);
    expect(chart).toContain('aria-labelledby="mem-title mem-desc"');
    expect(chart).toContain('<title id="mem-title">Memory &lt;per GPU&gt; &amp; context</title>');
    expect(chart).toContain('<desc id="mem-desc">Computed by &quot;versus fit&quot;</desc>');
  });

  it('escapes every label and has no style attribute or script', () => {
    expect(chart).toContain('Small &lt;model&gt;');
    expect(chart).toContain('Huge &amp; wide ↑'); // 500e9 is above the axis top: marked as off the scale
    expect(chart).not.toMatch(/<script|style=|<model>/);
  });

  it('scales y to 1.5 × the largest capacity (80e9 × 1.5 = 120e9 → nice 200e9): the 80 GB line sits at 316 − 80/200 × 300 = 196', () => {
    expect(chart).toContain('<line x1="64" y1="196.0" x2="500" y2="196.0" stroke="#1b1f24" stroke-dasharray="6 4"/>');
  });

  it('puts contexts on a log scale: 1,024 at x = 64, 4,096 at x = 500 (the ends of the plot)', () => {
    // Small: 10e9 → y = 316 − 10/200 × 300 = 301; 20e9 → 286.
    expect(chart).toContain('<polyline points="64.0,301.0 500.0,286.0"');
  });

  it('rounds axis tops to 1, 2 or 5 × a power of ten', () => {
    expect([niceCeil(120e9), niceCeil(0.3), niceCeil(5e9), niceCeil(51)]).toEqual([200e9, 0.5, 5e9, 100]);
  });
});
