/** Accounts, API tokens and web sessions. Secrets are stored only as hashes. */
import type { Kysely } from 'kysely';
import type { Database, UserRow } from './schema.js';

type Db = Kysely<Database>;

export interface NewUser {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly member: string | null;
  readonly candidate: string | null;
  readonly passwordHash: string | null;
  readonly createdAt: string;
}

export async function insertUser(db: Db, u: NewUser): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: u.id,
      name: u.name,
      role: u.role,
      member: u.member,
      candidate: u.candidate,
      password_hash: u.passwordHash,
      disabled: 0,
      created_at: u.createdAt,
    })
    .execute();
}

export async function findUserByName(db: Db, name: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('name').execute();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  // PostgreSQL returns count(*) as a string.
  return Number(row?.n ?? 0);
}

export async function setUserDisabled(db: Db, id: string, disabled: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ disabled: disabled ? 1 : 0, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function setUserPassword(db: Db, id: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ password_hash: passwordHash, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export interface TokenRow {
  readonly id: string;
  readonly userId: string;
  readonly label: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export async function insertToken(
  db: Db,
  t: { id: string; userId: string; tokenHash: string; label: string; createdAt: string },
): Promise<void> {
  await db
    .insertInto('tokens')
    .values({
      id: t.id,
      user_id: t.userId,
      token_hash: t.tokenHash,
      label: t.label,
      created_at: t.createdAt,
    })
    .execute();
}

/** The live (unrevoked) token with this hash and its user. */
export async function findLiveToken(
  db: Db,
  tokenHash: string,
): Promise<{ tokenId: string; lastUsedAt: string | null; user: UserRow } | undefined> {
  const row = await db
    .selectFrom('tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .selectAll('u')
    .select(['t.id as token_id', 't.last_used_at as token_last_used_at'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const { token_id, token_last_used_at, ...user } = row;
  return { tokenId: token_id, lastUsedAt: token_last_used_at, user };
}

export async function touchToken(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function findToken(db: Db, id: string): Promise<TokenRow | undefined> {
  const r = await db.selectFrom('tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return r === undefined ? undefined : tokenFromRow(r);
}

export async function listTokens(db: Db, userId?: string): Promise<TokenRow[]> {
  let q = db.selectFrom('tokens').selectAll().orderBy('created_at');
  if (userId !== undefined) q = q.where('user_id', '=', userId);
  return (await q.execute()).map(tokenFromRow);
}

function tokenFromRow(r: {
  id: string;
  user_id: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}): TokenRow {
  return {
    id: r.id,
    userId: r.user_id,
    label: r.label,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}

export async function revokeToken(db: Db, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function insertSession(
  db: Db,
  s: { idHash: string; userId: string; csrfToken: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: s.idHash,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.createdAt,
      expires_at: s.expiresAt,
    })
    .execute();
}

/** The unexpired session with this hash and its user. */
export async function findSession(
  db: Db,
  idHash: string,
  now: string,
): Promise<{ csrfToken: string; user: UserRow } | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('u')
    .select('s.csrf_token')
    .where('s.id_hash', '=', idHash)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const { csrf_token, ...user } = row;
  return { csrfToken: csrf_token, user };
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOf(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
