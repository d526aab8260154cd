import type { ReactNode } from 'react';
import { navigate } from '../router.ts';

/** Internal links: plain anchors (they work with a middle click) that navigate in place. */
export function Link({
  to,
  children,
  current,
}: {
  to: string;
  children: ReactNode;
  current?: boolean;
}) {
  return (
    <a
      href={to}
      aria-current={current === true ? 'page' : undefined}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
