/** Ids in URLs are checked before they reach a `uuid` column, so garbage answers 404, not 500. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Is `id` a UUID in canonical text form? */
export function isUuid(id: unknown): id is string {
  return typeof id === 'string' && UUID.test(id);
}
