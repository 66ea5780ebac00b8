// util.str: only normalize exists in APPSYNC_JS (docs/appsync-facts.md §1.5).

const FORMS: Record<string, 'NFC' | 'NFD' | 'NFKC' | 'NFKD'> = { nfc: 'NFC', nfd: 'NFD', nfkc: 'NFKC', nfkd: 'NFKD' };

/** Creates util.str. */
export function createStrUtils(): Record<string, unknown> {
  return {
    normalize(value: string, normalizationType: string): string {
      const form = FORMS[String(normalizationType).toLowerCase()];
      if (!form)
        throw new Error(
          `util.str.normalize: unknown normalization type ${JSON.stringify(normalizationType)} (use nfc, nfd, nfkc or nfkd)`,
        );
      return String(value).normalize(form);
    },
  };
}
