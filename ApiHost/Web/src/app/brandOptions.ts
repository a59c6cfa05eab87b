// The tenant's active brands for a select: read when the form opens, never remembered between screens.
import { query, type ApiResult, type ConsoleApi, type Page } from "./api";
import type { BrandEntry } from "./model";

export async function activeBrands(api: ConsoleApi): Promise<[string, string][]> {
  const brands: [string, string][] = [];
  let after: string | null = null;
  do {
    const page: ApiResult<Page<BrandEntry>> = await api.get<Page<BrandEntry>>(`/api/brands${query({ status: "active", after, limit: 100 })}`);
    if (!page.ok) break;
    for (const brand of page.value.items) brands.push([brand.id, brand.name]);
    after = page.value.next ?? null;
  } while (after !== null && brands.length < 1000);
  return brands;
}
