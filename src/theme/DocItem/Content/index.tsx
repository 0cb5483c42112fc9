/**
 * Wraps (does not eject) the docs page content: runbooks get their header, rendered from the
 * frontmatter and the service catalog, above the Markdown.
 */
import type { ReactNode } from 'react';
import Content from '@theme-original/DocItem/Content';
import type ContentType from '@theme/DocItem/Content';
import type { WrapperProps } from '@docusaurus/types';
import { useDoc } from '@docusaurus/plugin-content-docs/client';
import RunbookHeader, { type RunbookFrontMatter } from '@site/src/components/RunbookHeader';
import PrintButton from '@site/src/components/PrintButton';

type Props = WrapperProps<typeof ContentType>;

export default function ContentWrapper(props: Props): ReactNode {
  const { frontMatter } = useDoc();
  const fm = frontMatter as Record<string, unknown>;
  return (
    <>
      {fm['type'] === 'runbook' && <RunbookHeader frontMatter={fm as RunbookFrontMatter} />}
      {fm['type'] === 'reference-card' && <PrintButton />}
      <Content {...props} />
    </>
  );
}
