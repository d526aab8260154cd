import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { AccordError } from '../../core/errors.js';
import { extractFacts } from '../../core/extract/index.js';
import { IsoDateSchema } from '../../contracts/scenario-base.js';
import type { Io } from '../io.js';
import { formatTable } from '../output.js';

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

export function ingestCommand(program: Command, io: Io): void {
  program
    .command('ingest')
    .description(
      'propose sourced facts from briefings (file, folder or -), each with its text span',
    )
    .argument('<path>', 'a text file, a folder of them, or - for standard input')
    .option(
      '--published <date>',
      'the publication date relative dates are resolved against (YYYY-MM-DD)',
    )
    .option('--dry-run', 'only show the proposed facts; store nothing')
    .option(
      '--json',
      'machine-readable output: {"facts": [...]} (one object per file for a folder)',
    )
    .action((path: string, opts: { published?: string; dryRun?: boolean; json?: boolean }) => {
      if (opts.published !== undefined && !IsoDateSchema.safeParse(opts.published).success) {
        throw new AccordError(
          'VALIDATION_FAILED',
          `--published: '${opts.published}' is not a date written YYYY-MM-DD`,
          {
            field: 'published',
          },
        );
      }
      if (opts.dryRun !== true) {
        throw new AccordError(
          'VALIDATION_FAILED',
          '--dry-run: storing briefings and the review queue are not built yet; run with --dry-run to see the proposed facts',
          { field: 'dry-run' },
        );
      }
      const all = inputs(path);
      const results = all.map((i) => ({
        file: i.name,
        skipped: i.skipped,
        facts: i.text === undefined ? [] : extractFacts(i.text, { published: opts.published }),
      }));
      for (const r of results)
        if (r.skipped !== undefined) io.err(`skipped ${r.file}: ${r.skipped}`);
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
    });
}
