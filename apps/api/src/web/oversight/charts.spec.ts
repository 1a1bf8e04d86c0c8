import { barChartSvg, countBy, figure } from './charts';

describe('charts drawn on the server as SVG', () => {
  const chart = { id: 'c1', title: 'Overdue deadlines by deadline', description: '3 deadlines overdue.', bars: [{ label: 'Notice <served>', value: 2 }, { label: 'Report & "review"', value: 1 }], unit: ['day overdue', 'days overdue'] as const };

  it('is an image with a title and a description that screen readers announce', () => {
    const svg = barChartSvg(chart);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="c1-title c1-desc"/);
    expect(svg).toContain('<title id="c1-title">Overdue deadlines by deadline</title>');
    expect(svg).toContain('<desc id="c1-desc">3 deadlines overdue.</desc>');
  });

  it('draws each bar in proportion to the largest, with its label and value written beside it, escaped', () => {
    const svg = barChartSvg(chart);
    const widths = [...svg.matchAll(/<rect [^>]*width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[0]).toBe(2 * widths[1]);
    expect(svg).toContain('>Notice &lt;served&gt;</text>');
    expect(svg).toContain('>Report &amp; &quot;review&quot;</text>');
    expect(svg).toContain('>2 days overdue</text>');
    expect(svg).toContain('>1 day overdue</text>');
    expect(svg).not.toMatch(/<script|style=/);
  });

  it('draws zeros, negatives and nothing without failing', () => {
    const zeros = barChartSvg({ ...chart, bars: [{ label: 'a', value: 0 }, { label: 'b', value: -3 }, { label: 'c', value: Number.NaN }] });
    expect([...zeros.matchAll(/<rect [^>]*width="(\d+)"/g)].map((m) => m[1])).toEqual(['0', '0', '0']);
    expect(barChartSvg({ ...chart, bars: [] })).toContain('Nothing to show');
  });

  it('gives a tiny value a visible bar, and shortens a long label', () => {
    const svg = barChartSvg({ ...chart, bars: [{ label: 'x'.repeat(50), value: 1000 }, { label: 'y', value: 1 }] });
    expect([...svg.matchAll(/<rect [^>]*width="(\d+)"/g)].map((m) => Number(m[1]))[1]).toBeGreaterThan(0);
    expect(svg).toContain(`>${'x'.repeat(31)}…</text>`);
  });

  it('counts rows by a key, largest first, and writes figures to one decimal place', () => {
    expect(countBy(['a', 'b', 'b', 'c', 'b', 'a'], (s) => s)).toEqual([{ label: 'b', value: 3 }, { label: 'a', value: 2 }, { label: 'c', value: 1 }]);
    expect([figure(3), figure(2.25), figure(0.04)]).toEqual(['3', '2.3', '0.0']);
  });
});
