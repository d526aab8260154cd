/**
 * JSON columns hold values written by this layer from validated input; reading one back names
 * the type it was written as. The type parameter exists only to say that.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function parseJson<T>(text: string): T {
  const value: unknown = JSON.parse(text);
  return value as T;
}
