import { defineCheck } from '../engine/check.ts';
import { tagsOf } from '../security/html.ts';

/** `onclick`, `onerror`, JSX `onClick`: any attribute the browser or React runs as code. */
const HANDLER = /^on[a-z]/i;

export default defineCheck({
  id: 'security/event-handler',
  description: 'No event-handler attributes (`onerror`, `onload`, `onclick`, JSX `onClick`, …) on any HTML or JSX element.',
  severity: 'error',
  local: true,
  messages: {
    eventHandler: '`{attribute}` on `<{tag}>` is an event handler: it runs script in every reader\'s browser. Remove it',
  },
  docs: {
    why:
      'An event handler is a script: `<img src="x" onerror="…">` runs as soon as the page loads, in the browser ' +
      'of every reader, without any `<script>` tag. Reviewers rarely read attributes of an image.',
    fix:
      'Remove the attribute. Images and links need no script. Interactive behaviour belongs in a React component ' +
      'in `src/components/`, reviewed as code.',
    good: [
      {
        title: 'Attributes that are not handlers',
        source: '# Diagram\n\n<img src="/img/topology.png" alt="Topology" width="600" />\n\n<abbr title="one-time">OTP</abbr>\n',
      },
    ],
    bad: [
      {
        title: 'onerror on an image and onclick in a list',
        source:
          '# Diagram\n\n<img src="x" onerror="alert(document.domain)">\n\n- Click <a href="#" ONCLICK="steal()">here</a>\n',
        problems: [
          { at: '3:14', message: '`onerror`' },
          { at: '5:21', message: '`ONCLICK`' },
        ],
      },
      {
        title: 'A JSX handler in an .mdx page',
        path: 'docs/example.mdx',
        source: '# Button\n\n:::tip\n\n<button onClick={() => fetch("https://evil.example.com")}>Copy</button>\n\n:::\n',
        problems: [{ at: '5:9', message: '`onClick`' }],
      },
    ],
  },
  checkFile(file, project, report) {
    if (file.status !== 'ok') return;
    for (const tag of tagsOf(file, project)) {
      for (const a of tag.attributes) {
        if (!HANDLER.test(a.name)) continue;
        report(file, { offset: a.start }, 'eventHandler', { attribute: a.name, tag: tag.name });
      }
    }
  },
});
