/**
 * Wraps (does not eject) the theme's copy button: it copies the code of the block without the
 * placeholder markers the CodeBlock wrapper puts in (so, the filled command).
 */
import { useMemo, type ReactNode } from 'react';
import CopyButton from '@theme-original/CodeBlock/Buttons/CopyButton';
import type CopyButtonType from '@theme/CodeBlock/Buttons/CopyButton';
import type { WrapperProps } from '@docusaurus/types';
import { CodeBlockContextProvider, useCodeBlockContext } from '@docusaurus/theme-common/internal';
import { stripMarkers } from '@site/src/placeholders/text.ts';

type Props = WrapperProps<typeof CopyButtonType>;

export default function CopyButtonWrapper(props: Props): ReactNode {
  const { metadata, wordWrap } = useCodeBlockContext();
  const code = stripMarkers(metadata.code);
  const stripped = useMemo(() => (code === metadata.code ? metadata : { ...metadata, code }), [metadata, code]);
  return (
    <CodeBlockContextProvider metadata={stripped} wordWrap={wordWrap}>
      <CopyButton {...props} />
    </CodeBlockContextProvider>
  );
}
