// AppSync validates AWSPhone with libphonenumber (default region US); we cannot ship that, so this
// is a documented approximation of it:
// - digit groups separated by single spaces or hyphens; the first group after the country code
//   may be parenthesised ("(555) 764-4377");
// - with a leading '+': a 1–3 digit country code, 7–15 digits in total (E.164);
//   "+1" numbers must also be valid NANP numbers (below);
// - without '+': a US/NANP number — 10 digits, or 11 starting with the trunk prefix 1 — whose
//   area code and exchange start with 2–9. That is why AppSync rejects "1110004444" (recorded in
//   aws-amplify/amplify-flutter#822: "Unable to parse `1110004444` as a valid phone number.").
const SHAPE = /^(\+)?(?:\d+[ -]?)?(?:\(\d+\)[ -]?)?\d+(?:[ -]\d+)*$/;

function isNanp(digits: string): boolean {
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(national);
}

/** Whether a string is a valid AWSPhone (see the rule above). */
export function isAwsPhone(value: string): boolean {
  const match = SHAPE.exec(value);
  if (!match) return false;
  const digits = value.replace(/\D/g, '');
  if (match[1] !== '+') return isNanp(digits);
  if (digits.length < 7 || digits.length > 15 || digits.startsWith('0')) return false;
  return digits.startsWith('1') ? isNanp(digits) : true;
}
