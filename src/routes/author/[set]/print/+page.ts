// A printable worksheet and answer key; the set may live only on this device.
import type { PageLoad } from './$types';

export const prerender = false;

export const load: PageLoad = ({ params }) => ({ id: params.set });
