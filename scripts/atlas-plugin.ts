/**
 * Draws the dashboard's map of Europe at build time: the countries of world-atlas's 1:50m
 * topology, projected with d3-geo (azimuthal equal-area centred on Europe, clipped to the view)
 * into SVG path strings with whole-pixel coordinates, emitted as `atlas-europe.json` and keyed by
 * ISO 3166-1 alpha-2 (world-atlas uses the numeric code, mapped with world-countries' ccn3 → cca2;
 * Kosovo has none, so XK by name). The
 * browser then only fills paths: no projection code, and a fraction of the bytes of the shapes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoAzimuthalEqualArea, geoPath } from 'd3-geo';
import type { FeatureCollection, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Plugin } from 'vite';
import type { Countries } from 'world-countries';

export const MAP_WIDTH = 640;
export const MAP_HEIGHT = 520;

/** Iceland to the Caucasus, Crete to the North Cape; clockwise, as d3-geo wants a box. */
const VIEW: FeatureCollection<Polygon> = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-25, 34],
            [-25, 71],
            [45, 71],
            [45, 34],
            [-25, 34],
          ],
        ],
      },
    },
  ],
};

export interface Atlas {
  readonly width: number;
  readonly height: number;
  readonly countries: readonly { readonly id: string; readonly name: string; readonly d: string }[];
}

/** Drop repeated points (whole pixels repeat a lot) and rings that shrink below a triangle. */
export function compactPath(d: string): string {
  const rings = d.split('M').filter((r) => r !== '');
  const out: string[] = [];
  for (const ring of rings) {
    const closed = ring.endsWith('Z');
    const points = (closed ? ring.slice(0, -1) : ring).split('L');
    const kept: string[] = [];
    for (const p of points) if (kept[kept.length - 1] !== p) kept.push(p);
    if (closed && kept.length > 1 && kept[0] === kept[kept.length - 1]) kept.pop();
    if (closed && new Set(kept).size < 3) continue;
    out.push(`M${kept.join('L')}${closed ? 'Z' : ''}`);
  }
  return out.join('');
}

export function buildEuropeAtlas(): Atlas {
  const require = createRequire(import.meta.url);
  const file = require.resolve('world-atlas/countries-50m.json');
  // The same data the briefing gazetteer reads (src/core/extract/gazetteer.ts).
  const countries = JSON.parse(
    readFileSync(require.resolve('world-countries/countries.json'), 'utf8'),
  ) as Countries; // world-countries ships exactly this array
  const alpha2 = new Map(countries.filter((c) => c.ccn3 !== '').map((c) => [c.ccn3, c.cca2]));
  // world-atlas ships a TopoJSON topology with one `countries` object.
  const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const projection = geoAzimuthalEqualArea()
    .rotate([-12, -53])
    .fitExtent(
      [
        [4, 4],
        [MAP_WIDTH - 4, MAP_HEIGHT - 4],
      ],
      VIEW,
    )
    .clipExtent([
      [0, 0],
      [MAP_WIDTH, MAP_HEIGHT],
    ]);
  const path = geoPath(projection).digits(0);
  const drawn = [];
  for (const f of feature(topology, topology.objects.countries).features) {
    const iso2 =
      f.id === undefined
        ? f.properties.name === 'Kosovo'
          ? 'XK'
          : undefined
        : alpha2.get(String(f.id));
    const d = path(f);
    // Countries wholly outside the view project to nothing (or to the clip edge only).
    if (iso2 === undefined || d === null || d === '' || !/\d/.test(d)) continue;
    const bounds = path.bounds(f);
    const [[x0, y0], [x1, y1]] = bounds;
    if (x1 - x0 < 1 && y1 - y0 < 1) continue;
    const compact = compactPath(d);
    if (compact !== '') drawn.push({ id: iso2, name: f.properties.name, d: compact });
  }
  return { width: MAP_WIDTH, height: MAP_HEIGHT, countries: drawn };
}

export function atlasPlugin(): Plugin {
  let atlas: string | undefined;
  const get = (): string => (atlas ??= JSON.stringify(buildEuropeAtlas()));
  return {
    name: 'accord-atlas',
    configureServer(server) {
      server.middlewares.use('/atlas-europe.json', (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(get());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'atlas-europe.json', source: get() });
    },
  };
}
