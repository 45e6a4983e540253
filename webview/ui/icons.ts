// Codicon glyphs by name. Rendered as text in the `codicon` font, so the same table serves HTML
// (<Icon>) and SVG (<text class="codicon">) without loading the whole codicon.css.
export const CODICONS = {
  pause: '\uead1',
  play: '\uead3',
  stepOver: '\uead6',
  restart: '\uead2',
  lightbulb: '\uea61',
  goToFile: '\uea94',
  passFilled: '\uebb3',
  error: '\uea87',
  warning: '\uea6c',
  info: '\uea74',
  chevronRight: '\ueab6',
  chevronDown: '\ueab4',
  watch: '\ueb7c',
  pulse: '\ueb31',
  arrowRight: '\uea9c',
  arrowDown: '\uea9a',
  server: '\ueb50',
  listUnordered: '\ueb17',
  organization: '\uea7e',
  person: '\uea67',
  send: '\uec0f',
  circleOutline: '\uebb5',
} as const;

export type IconName = keyof typeof CODICONS;
