// RFC 822 addr-spec, reduced to what mail actually uses: a dot-atom or quoted-string local part,
// '@', and a dot-atom domain or a [domain-literal]. AppSync accepts single-label domains ("a@b"):
// Amplify DataStore aligned its client-side check with AppSync on exactly that (amplify-js#7717).
const ATEXT = String.raw`[A-Za-z0-9!#$%&'*+/=?^_\`{|}~-]`;
const DOT_ATOM = String.raw`${ATEXT}+(?:\.${ATEXT}+)*`;
const QUOTED = String.raw`"(?:[^"\\\r\n]|\\.)*"`;
const LABEL = String.raw`[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?`;
const DOMAIN = String.raw`(?:${LABEL}(?:\.${LABEL})*|\[[^\[\]\\\s]*\])`;
const EMAIL = new RegExp(String.raw`^(?:${DOT_ATOM}|${QUOTED})@${DOMAIN}$`);

/** Whether a string is a valid AWSEmail (local-part@domain-part, RFC 822). */
export function isAwsEmail(value: string): boolean {
  return EMAIL.test(value);
}
