import { readdirSync, readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { AccordError } from '../../core/errors.js';
import { extractFacts } from '../../core/extract/index.js';
import { RELIABILITIES } from '../../core/types.js';
import { IsoDateSchema } from '../../contracts/scenario-base.js';
import { cliActor } from '../../services/context.js';
import type { Io } from '../io.js';
import { formatTable } from '../output.js';
import { progressBar } from '../progress.js';
import { openWorkspace, type Workspace } from '../workspace.js';

const MAX_BYTES = 5 * 1024 * 1024;

interface Input {
  readonly name: string;
  readonly text?: string | undefined;
  readonly skipped?: string | undefined;
}

/** Read one file as UTF-8 text, or say why it is skipped (binary, empty, not UTF-8, too large). */
function readText(name: string, bytes: Buffer): Input {
  if (bytes.length === 0) return { name, skipped: 'empty' };
  if (bytes.length > MAX_BYTES)
    return { name, skipped: `too large (over ${MAX_BYTES / 1024 / 1024} MB)` };
  if (bytes.includes(0)) return { name, skipped: 'binary (contains NUL bytes)' };
  try {
    return { name, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { name, skipped: 'not UTF-8 text' };
  }
}

function inputs(path: string): Input[] {
  if (path === '-') return [readText('<stdin>', readFileSync(0))];
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new AccordError('NOT_FOUND', `file: cannot read '${path}'`, { field: 'file' });
  }
  if (!stat.isDirectory()) return [readText(path, readFileSync(path))];
  return readdirSync(path)
    .sort()
    .map((f) => join(path, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => readText(f, readFileSync(f)));
}

interface IngestOptions {
  scenario?: string;
  published?: string;
  source?: string;
  reliability?: string;
  dryRun?: boolean;
  json?: boolean;
}

function dryRun(io: Io, all: Input[], opts: IngestOptions): void {
  const results = all.map((i) => ({
    file: i.name,
    skipped: i.skipped,
    facts: i.text === undefined ? [] : extractFacts(i.text, { published: opts.published }),
  }));
  if (opts.json === true) {
    const only = results.length === 1 ? results[0] : undefined;
    io.out(
      JSON.stringify(only === undefined ? { files: results } : { facts: only.facts }, null, 2),
    );
    return;
  }
  for (const r of results.filter((x) => x.skipped === undefined)) {
    io.out(`${r.file}: ${r.facts.length} proposed facts`);
    io.out(
      formatTable(
        ['kind', 'span', 'confidence', 'text'],
        r.facts.map((f) => [
          f.kind,
          `${f.span[0]}–${f.span[1]}`,
          f.confidence.toFixed(2),
          f.text.replace(/\s+/g, ' ').slice(0, 80),
        ]),
      ),
    );
  }
  io.out(
    `${results.filter((r) => r.skipped === undefined).length} read, ${results.filter((r) => r.skipped !== undefined).length} skipped`,
  );
}

/** The scenario to store into: the one named, or the only one there is. */
async function scenarioOf(ws: Workspace, named: string | undefined): Promise<string> {
  if (named !== undefined) return named;
  const list = await ws.services.scenarios.list();
  const only = list.length === 1 ? list[0] : undefined;
  if (only === undefined) {
    throw new AccordError(
      'VALIDATION_FAILED',
      `--scenario: which scenario the briefings belong to (one of ${list.map((s) => s.id).join(', ')})`,
      { field: 'scenario' },
    );
  }
  return only.id;
}

interface Stored {
  readonly file: string;
  readonly skipped?: string | undefined;
  readonly briefing?: string | undefined;
  readonly duplicate?: boolean | undefined;
  readonly facts?: number | undefined;
}

async function store(io: Io, all: Input[], opts: IngestOptions): Promise<void> {
  const ws = await openWorkspace();
  const results: Stored[] = [];
  const bar = all.length > 1 && opts.json !== true ? progressBar('ingest') : undefined;
  try {
    const scenario = await scenarioOf(ws, opts.scenario);
    const actor = cliActor(userInfo().username);
    for (const [n, i] of all.entries()) {
      bar?.update(n, all.length, basename(i.name));
      if (i.text === undefined) {
        results.push({ file: i.name, skipped: i.skipped });
        continue;
      }
      const r = await ws.services.briefings.ingest(actor, {
        scenario,
        text: i.text,
        title: basename(i.name),
        published: opts.published,
        source: opts.source,
        reliability: RELIABILITIES.find((g) => g === opts.reliability),
      });
      results.push({
        file: i.name,
        briefing: r.briefing.id,
        duplicate: r.duplicate,
        facts: r.facts.length,
      });
    }
    bar?.update(all.length, all.length, 'done');
  } finally {
    bar?.stop();
    await ws.close();
  }
  if (opts.json === true) {
    const only = results.length === 1 ? results[0] : undefined;
    io.out(JSON.stringify(only ?? { files: results }, null, 2));
    return;
  }
  for (const r of results) {
    if (r.briefing === undefined) continue;
    io.out(
      r.duplicate === true
        ? `${r.file}: duplicate of briefing ${r.briefing} (already stored; nothing new)`
        : `${r.file}: stored as briefing ${r.briefing}, ${r.facts ?? 0} proposed facts to review`,
    );
  }
  const stored = results.filter((r) => r.briefing !== undefined && r.duplicate !== true).length;
  const dup = results.filter((r) => r.duplicate === true).length;
  const skipped = results.filter((r) => r.skipped !== undefined).length;
  io.out(`${stored} stored, ${dup} duplicate, ${skipped} skipped`);
}

export function ingestCommand(program: Command, io: Io): void {
  program
    .command('ingest')
    .description(
      'store briefings (file, folder or -) and propose sourced facts for review, each with its text span',
    )
    .argument('<path>', 'a text file, a folder of them, or - for standard input')
    .option('-s, --scenario <id>', 'the scenario the briefings belong to (default: the only one)')
    .option(
      '--published <date>',
      'the publication date relative dates are resolved against (YYYY-MM-DD)',
    )
    .option('--source <name>', 'who published the briefings (needs --reliability)')
    .option('--reliability <grade>', "the source's Admiralty reliability, A (best) to F")
    .option('--dry-run', 'only show the proposed facts; store nothing')
    .option(
      '--json',
      'machine-readable output: {"facts": [...]} with --dry-run, else the stored briefing (one object per file for a folder)',
    )
    .action(async (path: string, opts: IngestOptions) => {
      if (opts.published !== undefined && !IsoDateSchema.safeParse(opts.published).success) {
        throw new AccordError(
          'VALIDATION_FAILED',
          `--published: '${opts.published}' is not a date written YYYY-MM-DD`,
          {
            field: 'published',
          },
        );
      }
      if (opts.reliability !== undefined && !/^[A-F]$/.test(opts.reliability)) {
        throw new AccordError(
          'VALIDATION_FAILED',
          `--reliability: '${opts.reliability}' is not an Admiralty reliability A–F`,
          { field: 'reliability' },
        );
      }
      if (opts.source !== undefined && opts.reliability === undefined) {
        throw new AccordError(
          'VALIDATION_FAILED',
          "--reliability: grade the source's reliability (A–F) when you name it with --source",
          { field: 'reliability' },
        );
      }
      const all = inputs(path);
      for (const i of all) if (i.skipped !== undefined) io.err(`skipped ${i.name}: ${i.skipped}`);
      if (opts.dryRun === true) {
        dryRun(io, all, opts);
        return;
      }
      await store(io, all, opts);
    });
}
