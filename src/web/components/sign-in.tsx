/**
 * Sign-in and sign-out. The session is an httpOnly cookie; the CSRF token the server returns is
 * kept in memory and sent with every write. Reads work without signing in when they are public.
 */
import { useEffect, useId, useState } from 'react';
import { ApiError, invalidateAll, request, setCsrfToken } from '../api.ts';
import type { SessionInfo } from '../types.ts';

export function SignIn() {
  const [me, setMe] = useState<SessionInfo | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const nameId = useId();
  const passwordId = useId();
  const refresh = () => {
    request<SessionInfo>('GET', '/api/v1/auth/me').then(
      (info) => {
        setCsrfToken(info.csrfToken ?? undefined);
        setMe(info);
      },
      () => {
        setMe(undefined);
      },
    );
  };
  useEffect(refresh, []);
  if (me === undefined) return null;
  if (me.principal !== null) {
    return (
      <div className="session">
        <span>
          Signed in as <strong>{me.principal.name}</strong> ({me.principal.role})
        </span>{' '}
        <button
          type="button"
          onClick={() => {
            request<null>('POST', '/api/v1/auth/sign-out').then(
              () => {
                setCsrfToken(undefined);
                invalidateAll();
                refresh();
              },
              (e: unknown) => {
                setError(e instanceof ApiError ? e.message : String(e));
              },
            );
          }}
        >
          Sign out
        </button>
      </div>
    );
  }
  if (!me.accounts) {
    return (
      <p
        className="session muted"
        title="Create the first admin with: npx accord user create <name> --role admin --password-stdin"
      >
        Reading without an account
      </p>
    );
  }
  return (
    <div className="session">
      {!open ? (
        <button
          type="button"
          onClick={() => {
            setOpen(true);
          }}
        >
          Sign in
        </button>
      ) : (
        <form
          className="sign-in"
          aria-label="Sign in"
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            const name = data.get('name');
            const password = data.get('password');
            request<{ csrfToken: string }>('POST', '/api/v1/auth/sign-in', {
              name: typeof name === 'string' ? name : '',
              password: typeof password === 'string' ? password : '',
            }).then(
              (res) => {
                setCsrfToken(res.csrfToken);
                setError(undefined);
                setOpen(false);
                invalidateAll();
                refresh();
              },
              (err: unknown) => {
                setError(err instanceof ApiError ? err.message : String(err));
              },
            );
          }}
        >
          <label htmlFor={nameId}>Name</label>
          <input id={nameId} name="name" autoComplete="username" required />
          <label htmlFor={passwordId}>Password</label>
          <input
            id={passwordId}
            name="password"
            type="password"
            autoComplete="current-password"
            required
          />
          <button type="submit">Sign in</button>
        </form>
      )}
      {error !== undefined ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
