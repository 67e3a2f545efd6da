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
  it('is a standalone SVG that scales to its container: a viewBox 480 wide, 320 + 2 key rows × 18 + 4 = 360 high, width 100%', () => {
    expect(chart).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 480 360" width="100%"/);
    expect(chart).toContain('aria-labelledby="mem-title mem-desc"');
    expect(chart).toContain('<title id="mem-title">Memory &lt;per GPU&gt; &amp; context</title>');
    expect(chart).toContain('<desc id="mem-desc">Computed by &quot;versus fit&quot;</desc>');
  });

  it('escapes every label and has no style attribute or script', () => {
    expect(chart).toContain('Small &lt;model&gt;');
    expect(chart).toContain('Huge &amp; wide ↑'); // 500e9 is above the axis top: marked as off the scale
    expect(chart).not.toMatch(/<script|style=|<model>/);
  });

  it('scales y to 1.5 × the largest capacity (80e9 × 1.5 = 120e9 → nice 200e9): the 80 GB line sits at 276 − 80/200 × 260 = 172', () => {
    expect(chart).toContain('<line x1="56" y1="172.0" x2="460" y2="172.0" stroke="#1b1f24" stroke-dasharray="6 4"/>');
  });

  it('puts contexts on a log scale: 1,024 at x = 56, 4,096 at x = 460 (the ends of the plot)', () => {
    // Small: 10e9 → y = 276 − 10/200 × 260 = 263; 20e9 → 250.
    expect(chart).toContain('<polyline points="56.0,263.0 460.0,250.0"');
  });

  it('names each line in a key below the plot and numbers its end: Small ends at (460, 250) → "1" at x 465, y 254', () => {
    expect(chart).toContain('<text x="465.0" y="254.0" font-weight="700" fill="#0a58ca">1</text>');
    // Key rows at 320 + 6 + i × 18: text baselines 330 and 348.
    expect(chart).toMatch(/<text x="56" y="330" fill="#1b1f24">Small &lt;model&gt;<\/text>/);
    expect(chart).toMatch(/<text x="56" y="348" fill="#1b1f24">Huge &amp; wide ↑<\/text>/);
  });

  it('rounds axis tops to 1, 2 or 5 × a power of ten', () => {
    expect([niceCeil(120e9), niceCeil(0.3), niceCeil(5e9), niceCeil(51)]).toEqual([200e9, 0.5, 5e9, 100]);
  });
});
