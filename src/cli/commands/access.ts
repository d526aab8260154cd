import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Option, type Command } from 'commander';
import { AccordError } from '../../core/errors.js';
import { ROLES } from '../../core/policy.js';
import { cliActor } from '../../services/context.js';
import type { Io } from '../io.js';
import { formatTable } from '../output.js';
import { openWorkspace } from '../workspace.js';

const actor = () => cliActor(userInfo().username);

function readPassword(): string {
  const text = readFileSync(0, 'utf8');
  const password = text.replace(/\r?\n$/, '');
  if (password === '')
    throw new AccordError('VALIDATION_FAILED', 'password: nothing was read from standard input');
  return password;
}

export function userCommand(program: Command, io: Io): void {
  const user = program.command('user').description('accounts: create, list, disable, enable');

  user
    .command('create')
    .description(
      'create an account; give it a password (--password-stdin) and/or an API token (--token)',
    )
    .argument('<name>', 'account name: lower-case letters, digits, dots, dashes')
    .addOption(
      new Option('--role <role>', 'what the account may do (see docs/access.md)')
        .choices(ROLES)
        .makeOptionMandatory(),
    )
    .option('--member <iso2>', 'for a delegation: the member it speaks for (PL)')
    .option('--candidate <iso2>', 'for a candidate account: the candidate (UA)')
    .option('--password-stdin', 'read the password from standard input (at least 12 characters)')
    .option('--token [label]', 'also create an API token (shown once)')
    .option('--json', 'machine-readable output')
    .action(
      async (
        name: string,
        opts: {
          role: string;
          member?: string;
          candidate?: string;
          passwordStdin?: boolean;
          token?: string | boolean;
          json?: boolean;
        },
      ) => {
        if (opts.passwordStdin !== true && opts.token === undefined) {
          throw new AccordError(
            'VALIDATION_FAILED',
            '--password-stdin or --token: an account needs a password to sign in or a token for scripts',
          );
        }
        const password = opts.passwordStdin === true ? readPassword() : undefined;
        const ws = await openWorkspace();
        try {
          const created = await ws.services.access.createUser(actor(), {
            name,
            role: opts.role,
            member: opts.member?.toUpperCase(),
            candidate: opts.candidate?.toUpperCase(),
            password,
          });
          const token =
            opts.token === undefined
              ? undefined
              : await ws.services.access.createToken(
                  actor(),
                  name,
                  typeof opts.token === 'string' ? opts.token : 'cli',
                );
          if (opts.json === true) io.out(JSON.stringify({ user: created, token }, null, 2));
          else {
            const bound = created.member ?? created.candidate;
            io.out(
              `created ${created.name} (${created.role}${bound === null ? '' : ` for ${bound}`})`,
            );
            if (token !== undefined) io.out(`API token (shown once, keep it safe): ${token.token}`);
          }
        } finally {
          await ws.close();
        }
      },
    );

  user
    .command('list')
    .description('the accounts')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const ws = await openWorkspace();
      try {
        const users = await ws.services.access.listUsers(actor());
        io.out(
          opts.json === true
            ? JSON.stringify({ users }, null, 2)
            : users.length === 0
              ? 'No accounts yet. Create the first admin: accord user create <name> --role admin --password-stdin'
              : formatTable(
                  ['name', 'role', 'bound to', 'status', 'created'],
                  users.map((u) => [
                    u.name,
                    u.role,
                    u.member ?? u.candidate ?? '-',
                    u.disabled ? 'disabled' : 'active',
                    u.createdAt,
                  ]),
                ),
        );
      } finally {
        await ws.close();
      }
    });

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(verb)
      .description(
        `${verb} an account${disabled ? ' (ends its sessions; its tokens stop working)' : ''}`,
      )
      .argument('<name>', 'account name')
      .action(async (name: string) => {
        const ws = await openWorkspace();
        try {
          await ws.services.access.setDisabled(actor(), name, disabled);
          io.out(`${name} ${disabled ? 'disabled' : 'enabled'}`);
        } finally {
          await ws.close();
        }
      });
  }
}

export function tokenCommand(program: Command, io: Io): void {
  const token = program.command('token').description('API tokens for scripts and the CLI');

  token
    .command('create')
    .description('create an API token for an account (shown once; only its hash is stored)')
    .requiredOption('--user <name>', 'the account the token acts as')
    .option('--label <label>', 'what the token is for', 'cli')
    .option('--json', 'machine-readable output')
    .action(async (opts: { user: string; label: string; json?: boolean }) => {
      const ws = await openWorkspace();
      try {
        const issued = await ws.services.access.createToken(actor(), opts.user, opts.label);
        io.out(
          opts.json === true
            ? JSON.stringify(issued, null, 2)
            : `token ${issued.id} for ${issued.user}: ${issued.token}`,
        );
      } finally {
        await ws.close();
      }
    });

  token
    .command('list')
    .description('tokens (never their secrets)')
    .option('--user <name>', 'only this account')
    .option('--json', 'machine-readable output')
    .action(async (opts: { user?: string; json?: boolean }) => {
      const ws = await openWorkspace();
      try {
        const tokens = await ws.services.access.listTokens(actor(), opts.user);
        io.out(
          opts.json === true
            ? JSON.stringify({ tokens }, null, 2)
            : formatTable(
                ['id', 'label', 'created', 'last used', 'revoked'],
                tokens.map((t) => [
                  t.id,
                  t.label,
                  t.createdAt,
                  t.lastUsedAt ?? '-',
                  t.revokedAt ?? '-',
                ]),
              ),
        );
      } finally {
        await ws.close();
      }
    });

  token
    .command('revoke')
    .description('revoke a token at once')
    .argument('<id>', 'the token id (accord token list)')
    .action(async (id: string) => {
      const ws = await openWorkspace();
      try {
        await ws.services.access.revokeToken(actor(), id);
        io.out(`token ${id} revoked`);
      } finally {
        await ws.close();
      }
    });
}
