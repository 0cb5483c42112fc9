/**
 * Markdown links to permalinks (`[RB-007](/rb/RB-007)`, `[the alert](/alerts/PodHighMemory)`,
 * also the ones the catalog directives render) become plain links (`pathname:///rb/RB-007`): a
 * permalink is a static redirect page of the build, not a route (src/plugins/permalinks), so the
 * client router must not handle it; in the same tab (`target="_self"`, see links.ts). Runs after
 * the plugins that render links.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { SITE_SETTINGS } from '../../core/site/settings.ts';
import { permalinkHref } from '../plugins/permalinks/links.ts';

const PREFIXES = [SITE_SETTINGS.runbookPermalink(''), SITE_SETTINGS.alertPermalink('')];

/** Whether a link's URL is a permalink path (`/rb/RB-007`, `/alerts/X#fragment`). */
export const isPermalinkPath = (url: string): boolean => PREFIXES.some((prefix) => url.startsWith(prefix) && url.length > prefix.length);

/** Same tab: `<Link>` opens a `pathname://` link in a new one otherwise. */
const SAME_TAB = { target: '_self' };

export default function remarkPermalinkLinks() {
  return (tree: Root): void => {
    const permalinkDefinitions = new Set<string>();
    visit(tree, 'definition', (node) => {
      if (!isPermalinkPath(node.url)) return;
      node.url = permalinkHref(node.url);
      permalinkDefinitions.add(node.identifier);
    });
    visit(tree, (node) => {
      const isLink = node.type === 'link' && isPermalinkPath(node.url);
      if (isLink) node.url = permalinkHref(node.url);
      if (isLink || (node.type === 'linkReference' && permalinkDefinitions.has(node.identifier))) {
        node.data = { ...node.data, hProperties: { ...node.data?.hProperties, ...SAME_TAB } };
      }
    });
  };
}
