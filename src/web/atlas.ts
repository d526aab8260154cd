/**
 * The map's shapes, drawn at build time by scripts/atlas-plugin.ts (d3-geo over world-atlas):
 * SVG paths keyed by ISO alpha-2. Fetched once per page load; main.tsx starts the fetch early on
 * the overview so it travels alongside the API's answers.
 */
export interface Atlas {
  readonly width: number;
  readonly height: number;
  readonly countries: readonly { readonly id: string; readonly name: string; readonly d: string }[];
}

let atlasPromise: Promise<Atlas> | undefined;

export function loadAtlas(): Promise<Atlas> {
  atlasPromise ??= fetch('/atlas-europe.json').then(async (res) => {
    if (!res.ok) throw new Error(`the map shapes did not load (${res.status})`);
    // Built by scripts/atlas-plugin.ts in exactly this shape.
    return (await res.json()) as Atlas;
  });
  return atlasPromise;
}
