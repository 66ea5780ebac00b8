// Upload keys a profile may reference. Keys come from createUploadUrl and look like
// users/{sub}/{folder}/{uuid}.{ext}; a profile may only point at its owner's own prefix, and
// public URLs are derived here from the key — a URL sent by a client is never stored.

/** The storage folder for each kind of upload, and the extensions it may hold. */
export const ASSET_FOLDERS = {
  profile: ['png', 'jpg', 'jpeg', 'webp'],
  projects: ['png', 'jpg', 'jpeg', 'webp'],
  resume: ['pdf'],
};

export type AssetFolder = 'profile' | 'projects' | 'resume';

const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_';

/** Returns why `key` is not an acceptable upload key for `sub`'s `folder`, or null when it is. */
export function assetKeyProblem(key: string, sub: string, folder: AssetFolder): string | null {
  const prefix = `users/${sub}/${folder}/`;
  if (!key.startsWith(prefix)) {
    return `must be a key under ${prefix} (use createUploadUrl)`;
  }
  const file = key.slice(prefix.length);
  const dot = file.lastIndexOf('.');
  const name = dot > 0 ? file.slice(0, dot) : '';
  const ext = dot > 0 ? file.slice(dot + 1) : '';
  const nameOk = name.length > 0 && name.length <= 64 && name.split('').every((c) => NAME_CHARS.indexOf(c) >= 0);
  if (!nameOk || ASSET_FOLDERS[folder].indexOf(ext.toLowerCase()) < 0) {
    return `must name a ${ASSET_FOLDERS[folder].join('/')} file under ${prefix}`;
  }
  return null;
}

/** The public URL of an uploaded object, from the bucket's base URL (no trailing slash). */
export function assetUrl(baseUrl: string, key: string): string {
  return `${baseUrl}/${key}`;
}
