/**
 * Accounts, API tokens and web sessions. Passwords are hashed with scrypt; tokens and session
 * ids are random and stored only as SHA-256 hashes, so a copy of the database reveals no secret.
 */
import { randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { isCountryCode } from '../core/countries.js';
import { AccordError } from '../core/errors.js';
import { ROLES, type Principal, type Role } from '../core/policy.js';
import {
  countUsers,
  deleteSession,
  deleteSessionsOf,
  findLiveToken,
  findSession,
  findToken,
  findUserById,
  findUserByName,
  insertSession,
  insertToken,
  insertUser,
  listTokens,
  listUsers,
  revokeToken,
  setUserDisabled,
  touchToken,
  type TokenRow,
} from '../db/access-repository.js';
import type { UserRow } from '../db/schema.js';
import { sha256 } from './audit.js';
import type { Actor, ServiceDeps } from './context.js';
import { requireAllowed, runWrite } from './write.js';

export interface User {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly member: string | null;
  readonly candidate: string | null;
  readonly disabled: boolean;
  readonly createdAt: string;
}

export interface NewAccount {
  readonly name: string;
  readonly role: string;
  readonly member?: string | undefined;
  readonly candidate?: string | undefined;
  readonly password?: string | undefined;
}

export interface IssuedToken {
  readonly id: string;
  /** Shown once; only its hash is stored. */
  readonly token: string;
  readonly label: string;
  readonly user: string;
}

export interface SessionInfo {
  /** The cookie value; only its hash is stored. */
  readonly sessionId: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
  readonly user: User;
}

export interface Authenticated {
  readonly principal: Principal;
  /** For cookie sessions: the CSRF token unsafe requests must echo in `x-csrf-token`. */
  readonly csrfToken?: string | undefined;
  readonly via: 'token' | 'session';
}

export interface AccessService {
  hasAccounts(): Promise<boolean>;
  createUser(actor: Actor, account: NewAccount): Promise<User>;
  listUsers(actor: Actor): Promise<User[]>;
  setDisabled(actor: Actor, name: string, disabled: boolean): Promise<User>;
  createToken(actor: Actor, userName: string, label: string): Promise<IssuedToken>;
  listTokens(actor: Actor, userName?: string): Promise<TokenRow[]>;
  revokeToken(actor: Actor, tokenId: string): Promise<void>;
  signIn(name: string, password: string): Promise<SessionInfo>;
  signOut(sessionId: string): Promise<void>;
  authenticateToken(token: string): Promise<Authenticated>;
  authenticateSession(sessionId: string): Promise<Authenticated | undefined>;
}

const NAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const MIN_PASSWORD = 12;
export const SESSION_HOURS = 12;

/** scrypt parameters: N=2^15 costs ~50 ms here, enough to slow guessing, not sign-in. */
const SCRYPT = { N: 32768, r: 8, p: 1, keylen: 32, maxmem: 64 * 1024 * 1024 } as const;

function scryptAsync(
  password: string,
  salt: Buffer,
  n: number,
  r: number,
  p: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, SCRYPT.keylen, { N: n, r, p, maxmem: SCRYPT.maxmem }, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || salt === undefined || key === undefined) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(
    password,
    Buffer.from(salt, 'base64'),
    Number(n),
    Number(r),
    Number(p),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role, // checked against ROLES when the account was created
    member: row.member,
    candidate: row.candidate,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
  };
}

export function principalOf(user: User): Principal {
  return {
    kind: 'user',
    id: user.id,
    name: user.name,
    role: user.role,
    member: user.member ?? undefined,
    candidate: user.candidate ?? undefined,
  };
}

function invalid(field: string, message: string): AccordError {
  return new AccordError('VALIDATION_FAILED', `${field}: ${message}`, { field });
}

function checkAccount(a: NewAccount): void {
  if (!NAME.test(a.name)) {
    throw invalid('name', 'must be 2–64 lower-case letters, digits, dots, dashes or underscores');
  }
  if (!(ROLES as readonly string[]).includes(a.role)) {
    throw invalid('role', `must be one of ${ROLES.join(', ')}`);
  }
  if (a.role === 'delegation') {
    if (a.member === undefined)
      throw invalid('member', 'a delegation account needs the member it speaks for');
    if (!isCountryCode(a.member))
      throw invalid('member', `'${a.member}' is not an ISO 3166-1 alpha-2 code`);
  } else if (a.member !== undefined) {
    throw invalid('member', 'only a delegation account is bound to a member');
  }
  if (a.role === 'candidate') {
    if (a.candidate === undefined)
      throw invalid('candidate', 'a candidate account needs its candidate');
    if (!isCountryCode(a.candidate))
      throw invalid('candidate', `'${a.candidate}' is not an ISO 3166-1 alpha-2 code`);
  } else if (a.candidate !== undefined) {
    throw invalid('candidate', 'only a candidate account is bound to a candidate');
  }
  if (a.password !== undefined && a.password.length < MIN_PASSWORD) {
    throw invalid('password', `must be at least ${MIN_PASSWORD} characters`);
  }
}

function newToken(): string {
  return `acc_${randomBytes(32).toString('base64url')}`;
}

const unauthenticated = (message: string) => new AccordError('UNAUTHENTICATED', message);

export function createAccessService(deps: ServiceDeps): AccessService {
  const now = () => deps.clock().toISOString();

  async function userByName(name: string): Promise<UserRow> {
    const row = await findUserByName(deps.db, name);
    if (row === undefined) {
      throw new AccordError('NOT_FOUND', `user '${name}' does not exist`, {
        field: 'user',
        value: name,
      });
    }
    return row;
  }

  return {
    async hasAccounts() {
      return (await countUsers(deps.db)) > 0;
    },

    async createUser(actor, account) {
      checkAccount(account);
      const passwordHash =
        account.password === undefined ? null : await hashPassword(account.password);
      return runWrite(deps, actor, 'user.manage', {}, async (trx, at) => {
        if ((await findUserByName(trx, account.name)) !== undefined) {
          throw new AccordError('ALREADY_EXISTS', `name: user '${account.name}' already exists`, {
            field: 'name',
          });
        }
        const id = randomUUID();
        await insertUser(trx, {
          id,
          name: account.name,
          role: account.role,
          member: account.member ?? null,
          candidate: account.candidate ?? null,
          passwordHash,
          createdAt: at,
        });
        const row = await findUserById(trx, id);
        if (row === undefined)
          throw new AccordError('INTERNAL', 'the new account could not be read back');
        const user = toUser(row);
        return { entity: { type: 'user', id: user.name }, before: null, after: user, result: user };
      });
    },

    async listUsers(actor) {
      requireAllowed(actor, 'user.manage');
      return (await listUsers(deps.db)).map(toUser);
    },

    async setDisabled(actor, name, disabled) {
      return runWrite(deps, actor, 'user.manage', {}, async (trx) => {
        const before = await findUserByName(trx, name);
        if (before === undefined) {
          throw new AccordError('NOT_FOUND', `user '${name}' does not exist`, {
            field: 'user',
            value: name,
          });
        }
        await setUserDisabled(trx, before.id, disabled);
        if (disabled) await deleteSessionsOf(trx, before.id);
        const after = await findUserById(trx, before.id);
        if (after === undefined)
          throw new AccordError('INTERNAL', 'the account could not be read back');
        return {
          entity: { type: 'user', id: name },
          before: toUser(before),
          after: toUser(after),
          result: toUser(after),
        };
      });
    },

    async createToken(actor, userName, label) {
      const owner = await userByName(userName);
      const own = actor.kind === 'user' && actor.id === owner.id;
      requireAllowed(actor, own ? 'token.own' : 'user.manage');
      if (owner.disabled === 1) throw invalid('user', `'${userName}' is disabled`);
      const token = newToken();
      const id = randomBytes(6).toString('hex');
      return runWrite(deps, actor, own ? 'token.own' : 'user.manage', {}, async (trx, at) => {
        await insertToken(trx, {
          id,
          userId: owner.id,
          tokenHash: sha256(token),
          label,
          createdAt: at,
        });
        return {
          entity: { type: 'token', id },
          before: null,
          // The audit log records that a token exists, never the token.
          after: { id, user: owner.name, label },
          result: { id, token, label, user: owner.name },
        };
      });
    },

    async listTokens(actor, userName) {
      if (userName === undefined) {
        requireAllowed(actor, 'user.manage');
        return listTokens(deps.db);
      }
      const owner = await userByName(userName);
      const own = actor.kind === 'user' && actor.id === owner.id;
      requireAllowed(actor, own ? 'token.own' : 'user.manage');
      return listTokens(deps.db, owner.id);
    },

    async revokeToken(actor, tokenId) {
      const token = await findToken(deps.db, tokenId);
      if (token === undefined) {
        throw new AccordError('NOT_FOUND', `token '${tokenId}' does not exist`, {
          field: 'token',
          value: tokenId,
        });
      }
      const own = actor.kind === 'user' && actor.id === token.userId;
      await runWrite(deps, actor, own ? 'token.own' : 'user.manage', {}, async (trx, at) => {
        const revoked = await revokeToken(trx, tokenId, at);
        if (!revoked)
          throw new AccordError('CONFLICT', `token '${tokenId}' is already revoked`, {
            field: 'token',
          });
        return {
          entity: { type: 'token', id: tokenId },
          before: { revokedAt: null },
          after: { revokedAt: at },
          result: undefined,
        };
      });
    },

    async signIn(name, password) {
      const row = await findUserByName(deps.db, name);
      // The same answer and about the same work whether the name exists or not.
      const ok =
        row?.password_hash !== null && row?.password_hash !== undefined
          ? await verifyPassword(password, row.password_hash)
          : (await hashPassword(password), false);
      if (row === undefined || !ok || row.disabled === 1) {
        throw unauthenticated('sign-in failed: unknown name, wrong password or disabled account');
      }
      const sessionId = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      const createdAt = now();
      const expiresAt = new Date(deps.clock().getTime() + SESSION_HOURS * 3600_000).toISOString();
      await insertSession(deps.db, {
        idHash: sha256(sessionId),
        userId: row.id,
        csrfToken,
        createdAt,
        expiresAt,
      });
      return { sessionId, csrfToken, expiresAt, user: toUser(row) };
    },

    async signOut(sessionId) {
      await deleteSession(deps.db, sha256(sessionId));
    },

    async authenticateToken(token) {
      const found = await findLiveToken(deps.db, sha256(token));
      if (found === undefined) throw unauthenticated('the API token is unknown or revoked');
      if (found.user.disabled === 1)
        throw unauthenticated('the account behind this token is disabled');
      // Record use at most once a minute: a busy script should not turn every read into a write.
      const at = now();
      if (found.lastUsedAt === null || Date.parse(at) - Date.parse(found.lastUsedAt) > 60_000) {
        await touchToken(deps.db, found.tokenId, at);
      }
      return { principal: principalOf(toUser(found.user)), via: 'token' };
    },

    async authenticateSession(sessionId) {
      const found = await findSession(deps.db, sha256(sessionId), now());
      if (found === undefined || found.user.disabled === 1) return undefined;
      return {
        principal: principalOf(toUser(found.user)),
        csrfToken: found.csrfToken,
        via: 'session',
      };
    },
  };
}
