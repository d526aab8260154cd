/**
 * Hosts an Observable Plot chart in React: Plot builds an SVG element, React owns its container.
 * Charts are rebuilt when their inputs change (they are small, and Plot is fast).
 */
import { useEffect, useRef } from 'react';

export function PlotFigure({
  build,
  deps,
  label,
}: {
  build: () => Element;
  deps: readonly unknown[];
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const chart = build();
    // The container carries the chart's accessible name (role="img"); Plot's own aria-labels on
    // <g> groups are not allowed there, and the table beside each chart gives the same data.
    for (const g of chart.querySelectorAll('[aria-label]')) g.removeAttribute('aria-label');
    chart.setAttribute('aria-hidden', 'true');
    el.replaceChildren(chart);
    return () => {
      el.replaceChildren();
    };
    // The caller lists what the chart depends on; `build` is a fresh closure on every render.
  }, deps);
  return <div className="plot" ref={ref} role="img" aria-label={label} />;
}
