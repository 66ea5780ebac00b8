export { request, response } from '../functions/refuseDeletedAccount.ts';
