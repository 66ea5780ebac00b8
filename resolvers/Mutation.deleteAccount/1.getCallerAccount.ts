export { request, response } from '../functions/getCallerAccount.ts';
