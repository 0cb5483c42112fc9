/**
 * The light code theme: prism-react-renderer's `github` with its low-contrast token colours darkened
 * to WCAG AA (4.5:1 or more on the code background #f6f8fa); Lighthouse flagged variables and
 * numbers (#36acaa, 2.6:1), functions (#d73a49) and strings (#e3116c). Same hues, darker.
 */
import { themes, type PrismTheme } from 'prism-react-renderer';

const DARKER: Record<string, string> = {
  '#36acaa': '#00727a', // 5.3:1
  '#d73a49': '#b31d28', // 6.3:1
  '#e3116c': '#c4154f', // 5.5:1
  '#999988': '#6b6b5c', // comments
};

export const lightCodeTheme: PrismTheme = {
  ...themes.github,
  styles: themes.github.styles.map((entry) => {
    const color = entry.style.color && DARKER[entry.style.color.toLowerCase()];
    return color ? { ...entry, style: { ...entry.style, color } } : entry;
  }),
};
