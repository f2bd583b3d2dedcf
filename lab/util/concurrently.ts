// Work on a list, a few items at a time, with the results in the list's order: used where each item is
// slow and independent (requests from distinct ports, negative controls each on its own fabric).

/**
 * Runs `work` on each item, at most `limit` at once, and resolves to the results in the items' order.
 * Example: mapConcurrently([20001, 20002], 16, (port) => httpGet(router0, url, port))
 */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index]!, index);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
