// Entry point of widget.js, the one-tag embed:
//   <script src="https://HOST/widget.js" data-aicc-lang="ko" async></script>
// Reads the tag's data attributes and mounts the widget in a shadow root on the host page.
import { pickLanguage } from '../shared/i18n';
import { ChatWidget } from './widget';

function ownScript(): HTMLScriptElement | null {
  // currentScript is null when the bundle runs as a module or from a loader; fall back
  // to the tag that loaded a widget.js.
  const cur = document.currentScript;
  if (cur instanceof HTMLScriptElement) return cur;
  const tags = Array.from(document.querySelectorAll<HTMLScriptElement>('script[src]'));
  return tags.find((s) => /\/widget\.js(\?|$)/.test(s.src)) ?? null;
}

// Read while this script runs: currentScript is only set during its first execution.
const tag = ownScript();

function mount(): void {
  if (document.getElementById('aicc-widget')) return; // embedded twice: one widget
  const server = (tag?.dataset.aiccServer ?? (tag ? new URL(tag.src, location.href).origin : location.origin)).replace(
    /\/$/,
    '',
  );
  const lang = pickLanguage(tag?.dataset.aiccLang, navigator.languages ?? [navigator.language]);
  const host = document.createElement('div');
  host.id = 'aicc-widget';
  document.body.appendChild(host);
  new ChatWidget(host.attachShadow({ mode: 'open' }), {
    server,
    lang,
    openOnLoad: tag?.dataset.aiccOpen === 'true',
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
else mount();
