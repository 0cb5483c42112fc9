/**
 * Wraps (does not replace) the theme's MDX components: adds the placeholders form and the checklist
 * progress that the remark plugins place (src/remark/placeholder-form.ts, src/remark/checklists.ts), and
 * makes task-list checkboxes tickable on the pages where the build keyed them.
 */
import type { ComponentProps, ReactNode } from 'react';
import MDXComponents from '@theme-original/MDXComponents';
import PlaceholderForm from '@site/src/components/PlaceholderForm';
import ChecklistProgress from '@site/src/components/ChecklistProgress';
import TaskCheckbox, { TaskListItem } from '@site/src/components/TaskCheckbox';

const Li = MDXComponents['li'] as (props: ComponentProps<'li'>) => ReactNode;

export default {
  ...MDXComponents,
  li: (props: ComponentProps<typeof TaskListItem>) => <TaskListItem {...props} Li={Li} />,
  input: TaskCheckbox,
  PlaceholderForm,
  ChecklistProgress,
};
