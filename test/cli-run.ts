/** Run the `accord` CLI in-process with captured output, as the CLI tests do. */
import type { Io } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';

export async function runCli(
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (t) => {
      out += t.endsWith('\n') ? t : `${t}\n`;
    },
    err: (t) => {
      err += t.endsWith('\n') ? t : `${t}\n`;
    },
  };
  const code = await main(['node', 'accord', ...args], io);
  return { code, out, err };
}
