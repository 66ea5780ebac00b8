// POST /links body ⇄ GraphQL saveLink (docs/rest-contract.md "Links Endpoints").
import type { Link, LinkInput } from '../../../generated/graphql.ts';
import type { JsonObject } from './requestBody.ts';
import { copyIfPresent, requireFields } from './requestBody.ts';

/** The Link fields the REST answer reads (what SAVE_LINK_MUTATION selects). */
export type LinkFields = Pick<Link, 'linkId' | 'title' | 'url' | 'order' | 'isDeleted' | 'createdAt' | 'updatedAt'>;

/** Maps a POST /links body to saveLink's input; 400 when title or url is missing (seed). */
export function toLinkInput(body: JsonObject): LinkInput {
  requireFields(body, ['title', 'url']);
  const input: Record<string, unknown> = { title: body.title, url: body.url };
  // A null or empty link_id means "a new link", as in the seed (docs/rest-contract.md "POST /links").
  if (body.link_id !== undefined && body.link_id !== null && body.link_id !== '') input.linkId = body.link_id;
  copyIfPresent(body, 'order', input, 'order');
  return input as LinkInput;
}

/** The seed's link JSON; `userId` is the caller's sub (the links table's partition key). */
export function toLinkJson(link: LinkFields, userId: string | null): Record<string, unknown> {
  return {
    user_id: userId,
    link_id: link.linkId,
    title: link.title,
    url: link.url,
    order: link.order,
    is_deleted: link.isDeleted,
    created_at: link.createdAt,
    updated_at: link.updatedAt,
  };
}
