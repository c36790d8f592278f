// Every page is prerendered; pages for sets that exist only on a device (authored or
// imported) are served by the SPA fallback and load their data in the browser.
export const prerender = true;
export const trailingSlash = 'always';
