import type { z } from 'zod';
import { AccordError } from '../core/errors.js';

/**
 * Validate a use case's input with its zod schema (the services' first step, whoever calls:
 * HTTP, CLI or a test). Every problem is named by its field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
        : issue.message;
    return { path, message };
  });
  throw new AccordError(
    'VALIDATION_FAILED',
    problems.map((p) => (p.path === '' ? p.message : `${p.path}: ${p.message}`)).join('; '),
    { problems },
  );
}
