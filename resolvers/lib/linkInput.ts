// Validates a LinkInput into the stored link attributes.
import type { LinkInput } from '../../generated/graphql.ts';
import * as L from './limits.ts';
import type { Checked } from './problems.ts';
import { refuse } from './problems.ts';
import { isHttpUrl, isSafeId } from './text.ts';

/** The attributes a saveLink call writes (title, url, and order when given). */
export interface LinkPlan {
  linkId: string | null;
  title: string;
  url: string;
  order: number | null;
}

/** Validates a LinkInput, or names the first bad field. */
export function planLink(input: LinkInput): Checked<LinkPlan> {
  const linkId = input.linkId ?? null;
  const title = input.title.trim();
  const url = input.url.trim();
  const order = input.order ?? null;
  if (linkId !== null && !isSafeId(linkId, L.ID_MAX)) {
    return refuse('input.linkId', `a link id has 1 to ${L.ID_MAX} letters, digits, "-" or "_"`);
  }
  if (title.length === 0 || title.length > L.LINK_TITLE_MAX) {
    return refuse('input.title', `a title has 1 to ${L.LINK_TITLE_MAX} characters`);
  }
  if (!isHttpUrl(url, L.URL_MAX)) {
    return refuse('input.url', 'must be an http(s) URL');
  }
  if (order !== null && (order < 0 || order > L.ORDER_MAX)) {
    return refuse('input.order', `must be between 0 and ${L.ORDER_MAX}`);
  }
  return { ok: true, value: { linkId, title, url, order } };
}
