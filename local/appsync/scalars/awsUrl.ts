// AppSync's AWSURL description: any scheme, local URLs allowed; no scheme ("amazon.com") is
// invalid, and so is a double slash in the path. mailto: and other opaque URLs are accepted.
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const FORBIDDEN = /[\s\u0000-\u001f\u007f<>"{}|\\^`]/;

/** Whether a string is a valid AWSURL: a scheme, a parseable URL, and no '//' in its path. */
export function isAwsUrl(value: string): boolean {
  if (!SCHEME.test(value) || FORBIDDEN.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return !url.pathname.includes('//');
}
