// Chart colours come from the VS Code theme. Canvas cannot read var(), so the --vscode-*
// values are read with getComputedStyle and re-read whenever VS Code switches theme (it toggles
// body classes and rewrites the CSS variables in <html style>).
import { useEffect, useState } from 'preact/hooks';

export type ChartColor = 'blue' | 'red' | 'green' | 'yellow' | 'orange' | 'purple';

/** Series colours in assignment order; green and red read as good and bad, so they come last. */
export const SERIES_PALETTE: readonly ChartColor[] = ['blue', 'orange', 'purple', 'yellow', 'green', 'red'];

export interface Theme {
  charts: Record<ChartColor, string>;
  foreground: string;
  muted: string;
  grid: string;
  fontFamily: string;
  fontSize: number;
}

// Used only until the real variables are readable (and in a bare browser preview).
const FALLBACK: Record<ChartColor, string> = {
  blue: '#3794ff',
  red: '#f14c4c',
  green: '#89d185',
  yellow: '#cca700',
  orange: '#d18616',
  purple: '#b180d7',
};

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const value = style.getPropertyValue(name).trim();
  return value || fallback;
}

export function readTheme(): Theme {
  const style = getComputedStyle(document.documentElement);
  const charts = {} as Record<ChartColor, string>;
  for (const color of Object.keys(FALLBACK) as ChartColor[]) {
    charts[color] = cssVar(style, `--vscode-charts-${color}`, FALLBACK[color]);
  }
  const foreground = cssVar(style, '--vscode-foreground', '#cccccc');
  return {
    charts,
    foreground,
    muted: cssVar(style, '--vscode-descriptionForeground', foreground),
    grid: withAlpha(cssVar(style, '--vscode-charts-lines', foreground), 0.18),
    fontFamily: cssVar(style, '--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: parseFloat(cssVar(style, '--vscode-font-size', '13px')) || 13,
  };
}

/** `color` at `alpha` opacity; accepts #rgb, #rrggbb, #rrggbbaa, rgb() and rgba(). */
export function withAlpha(color: string, alpha: number): string {
  const hex = color.match(/^#([0-9a-f]{3,8})$/i);
  if (hex) {
    let digits = hex[1];
    if (digits.length === 3 || digits.length === 4) digits = [...digits].map((d) => d + d).join('');
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16));
    const own = digits.length === 8 ? parseInt(digits.slice(6, 8), 16) / 255 : 1;
    return `rgba(${r}, ${g}, ${b}, ${round(own * alpha)})`;
  }
  const rgb = color.match(/^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i);
  if (rgb) {
    const own = rgb[4] === undefined ? 1 : rgb[4].endsWith('%') ? parseFloat(rgb[4]) / 100 : parseFloat(rgb[4]);
    return `rgba(${rgb[1]}, ${rgb[2]}, ${rgb[3]}, ${round(own * alpha)})`;
  }
  return color;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The current theme, re-read when VS Code changes it. */
export function useTheme(): Theme {
  const [theme, setTheme] = useState<Theme>(readTheme);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(readTheme()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, []);
  return theme;
}

/** True when VS Code (or the OS) asks for reduced motion: particles stop, the rest stays. */
export function prefersReducedMotion(): boolean {
  return document.body.classList.contains('vscode-reduce-motion') || matchMedia('(prefers-reduced-motion: reduce)').matches;
}
