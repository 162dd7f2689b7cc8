import { useEffect, useState } from 'react';

export type Theme = 'light' | 'dark';
const KEY = 'kro-designer.theme';

function initialTheme(): Theme {
  const url = new URLSearchParams(location.search).get('theme');
  if (url === 'light' || url === 'dark') return url;
  const stored = localStorage.getItem(KEY);
  if (stored === 'light' || stored === 'dark') return stored;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Light or dark, from `?theme=`, the last choice, or the system preference. */
export function useTheme(): [Theme, () => void] {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const toggle = () =>
    setTheme((t) => {
      const next = t === 'dark' ? 'light' : 'dark';
      localStorage.setItem(KEY, next);
      return next;
    });
  return [theme, toggle];
}
