export { request, response } from '../functions/getOwnProfile.ts';
