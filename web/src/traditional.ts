// Chinese in traditional characters, for readers who prefer them (a zh-TW,
// zh-HK or zh-Hant browser, ?lang=zh-Hant, or the switcher). BioBridge's
// Chinese is written in simplified characters; for these readers every text
// on the page is converted as it is shown, through OpenCC's dictionaries
// (opencc-js: phrases first, then characters, simplified to Taiwan's
// standard forms), loaded only for them. Only what is shown changes: form
// fields keep what was stored, so editing a record never rewrites it.
import type { ConverterFunction } from 'opencc-js/core';

let converter: Promise<ConverterFunction> | null = null;

export function loadTraditional(): Promise<ConverterFunction> {
  converter ??= Promise.all([import('opencc-js/core'), import('opencc-js/from/cn'), import('opencc-js/to/tw')]).then(
    ([core, from, to]) => core.ConverterFactory(from.default, to.default),
  );
  return converter;
}

const HAN = /[\u3400-\u9fff]/;
const ATTRIBUTES = ['placeholder', 'title', 'aria-label', 'alt'];
// What the person types or edits is theirs, and the language switcher names
// each script in itself: never converted.
const KEEP = 'input, textarea, [contenteditable], [data-keep-script]';

// Converts the text under `root` now and whenever it changes, until the
// returned function stops it (and puts the simplified text back).
export function showTraditional(root: HTMLElement, convert: ConverterFunction): () => void {
  const shown = new WeakMap<Node, string>();  // what we wrote, so our own writes are not converted again
  const originals = new Map<Text, string>();
  const convertText = (node: Text) => {
    const text = node.data;
    if (shown.get(node) === text || !HAN.test(text) || node.parentElement?.closest(KEEP)) return;
    const converted = convert(text);
    shown.set(node, converted);
    if (converted !== text) {
      originals.set(node, text);
      node.data = converted;
    }
  };
  const convertElement = (element: Element) => {
    if (element.closest(KEEP)) return;
    for (const name of ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value && HAN.test(value)) {
        const converted = convert(value);
        if (converted !== value) element.setAttribute(name, converted);
      }
    }
    const lang = element.getAttribute('lang');
    if (lang === 'zh' || lang === 'zh-Hans' || lang === 'zh-CN') element.setAttribute('lang', 'zh-Hant');
  };
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) return convertText(node as Text);
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    convertElement(node as Element);
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) convertText(n as Text);
      else convertElement(n as Element);
    }
  };
  const title = () => {
    const converted = convert(document.title);
    if (converted !== document.title) document.title = converted;
  };
  walk(root);
  title();
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'characterData') convertText(m.target as Text);
      else if (m.type === 'attributes') convertElement(m.target as Element);
      else m.addedNodes.forEach(walk);
    }
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: [...ATTRIBUTES, 'lang'] });
  const titleObserver = new MutationObserver(title);
  const head = document.querySelector('title');
  if (head) titleObserver.observe(head, { childList: true, characterData: true, subtree: true });
  return () => {
    observer.disconnect();
    titleObserver.disconnect();
    for (const [node, text] of originals) if (node.isConnected && node.data === shown.get(node)) node.data = text;
  };
}
