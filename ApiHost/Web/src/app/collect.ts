// Reads every page of a small list (agents, numbers) for a form's choices, following the API's cursors.
import { query, type ApiResult, type ConsoleApi, type Page } from "./api";

export async function allPages<T>(api: ConsoleApi, path: string, params: Record<string, string | null> = {}, cap = 1000): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  do {
    const page: ApiResult<Page<T>> = await api.get<Page<T>>(`${path}${query({ ...params, after, limit: 100 })}`);
    if (!page.ok) break;
    items.push(...page.value.items);
    after = page.value.next ?? null;
  } while (after !== null && items.length < cap);
  return items;
}
