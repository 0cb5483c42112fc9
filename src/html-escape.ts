/**
 * Text as HTML element content: `&`, `<` and `>` escaped (quotes are left as they are: this is not
 * for attribute values). Imports nothing, so the browser bundle and the build share it.
 */
export const escapeHtmlText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
