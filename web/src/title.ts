import { useEffect } from 'preact/hooks';

// The document title: the page's own title, then the product's name.
export function useTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · BioBridge` : 'BioBridge';
  }, [title]);
}
