// Replaces theme-classic's client module prism-include-languages (see index.ts): nothing to load at start.
export {};
