/**
 * Cuts the countries the dashboard draws (Europe and its neighbourhood) out of world-atlas's
 * 1:50m topology at build time and emits them as `atlas-europe.json`: GeoJSON features keyed by
 * ISO 3166-1 alpha-2 (world-atlas uses the numeric code; Kosovo has none, so XK by name), coordinates rounded to 0.01° (about 1 km, finer than the map's pixels).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { ISO_NUMERIC_TO_ALPHA2 } from './iso-numeric.js';

const BOX = { west: -32, east: 50, south: 33, north: 72 };

type Ring = [number, number][];

function roundRing(ring: readonly (readonly number[])[]): Ring {
  const out: Ring = [];
  for (const point of ring) {
    const x = Math.round((point[0] ?? 0) * 100) / 100;
    const y = Math.round((point[1] ?? 0) * 100) / 100;
    const last = out[out.length - 1];
    if (last === undefined || last[0] !== x || last[1] !== y) out.push([x, y]);
  }
  return out;
}

function ringInBox(ring: readonly (readonly number[])[]): boolean {
  return ring.some(
    ([x = 0, y = 0]) => x >= BOX.west && x <= BOX.east && y >= BOX.south && y <= BOX.north,
  );
}

export function buildEuropeAtlas(): string {
  const require = createRequire(import.meta.url);
  const file = require.resolve('world-atlas/countries-50m.json');
  // world-atlas ships a TopoJSON topology with one `countries` object.
  const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const collection = feature(topology, topology.objects.countries);
  const features = [];
  for (const f of collection.features) {
    const g = f.geometry;
    const iso2 =
      f.id === undefined
        ? f.properties.name === 'Kosovo'
          ? 'XK'
          : undefined
        : ISO_NUMERIC_TO_ALPHA2[String(f.id)];
    if (g === null || iso2 === undefined) continue;
    const polygons =
      g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    // Keep only the polygons that reach into the box: Russia's Far East and overseas
    // territories would cost bytes and never be seen.
    const kept = polygons
      .filter((poly) => poly[0] !== undefined && ringInBox(poly[0]))
      .map((poly) => poly.map(roundRing).filter((ring) => ring.length >= 4));
    if (kept.length === 0) continue;
    features.push({
      type: 'Feature',
      id: iso2,
      properties: { name: f.properties.name },
      geometry: { type: 'MultiPolygon', coordinates: kept },
    });
  }
  return JSON.stringify({ type: 'FeatureCollection', features });
}

export function atlasPlugin(): Plugin {
  let atlas: string | undefined;
  const get = (): string => (atlas ??= buildEuropeAtlas());
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
