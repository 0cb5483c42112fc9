/**
 * The page behind a stable permalink (`/rb/RB-007`, `/alerts/<AlertName>`) under `npm start`: a
 * client-side redirect and a visible link meanwhile. A build writes static redirect pages instead
 * (src/plugins/permalinks/redirect-page.ts), which are not React routes.
 */
import React, { useEffect } from 'react';
import Head from '@docusaurus/Head';
import Link from '@docusaurus/Link';
import { useHistory } from '@docusaurus/router';
import Layout from '@theme/Layout';

interface Props {
  to: string;
  title: string;
  from: string;
}

export default function PermalinkRedirect({ to, title, from }: Props): React.JSX.Element {
  const history = useHistory();
  useEffect(() => {
    history.replace(`${to}${window.location.hash}`);
  }, [history, to]);
  return (
    <Layout title={title} noFooter>
      <Head>
        <meta httpEquiv="refresh" content={`0; url=${to}`} />
        <meta name="robots" content="noindex" />
        <link rel="canonical" href={to} />
      </Head>
      <main className="container margin-vert--xl">
        <p>
          <code>{from}</code> leads to <Link to={to}>{title}</Link>.
        </p>
      </main>
    </Layout>
  );
}
