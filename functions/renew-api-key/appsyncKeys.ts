// ApiKeyOperations on the real AppSync control plane (ListApiKeys, UpdateApiKey).
import type { AppSyncClient } from '@aws-sdk/client-appsync';
import { ListApiKeysCommand, UpdateApiKeyCommand } from '@aws-sdk/client-appsync';
import type { ApiKeyOperations, ApiKeyState } from './renewKeys.ts';

/** The key operations through `client`. */
export function appSyncKeyOperations(client: AppSyncClient): ApiKeyOperations {
  return {
    async list(apiId) {
      const keys: ApiKeyState[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(new ListApiKeysCommand({ apiId, nextToken }));
        for (const key of page.apiKeys ?? []) {
          if (key.id) keys.push({ id: key.id, expires: Number(key.expires ?? 0) });
        }
        nextToken = page.nextToken;
      } while (nextToken);
      return keys;
    },
    async update(apiId, id, expires) {
      const { apiKey } = await client.send(new UpdateApiKeyCommand({ apiId, id, expires }));
      return Number(apiKey?.expires ?? expires);
    },
  };
}
