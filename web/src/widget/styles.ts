// The widget's CSS, scoped by its shadow root: the host page's styles cannot reach in,
// and these cannot leak out.
export const styles = `
:host { all: initial; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.root { font: 15px/1.45 system-ui, -apple-system, "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; color: #1b1f24; }
button { font: inherit; cursor: pointer; }
button:focus-visible, textarea:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; width: 60px; height: 60px;
  border-radius: 50%; border: none; background: #1f5eff; color: #fff; font-size: 28px;
  box-shadow: 0 4px 14px rgba(0,0,0,.25); }
.panel { position: fixed; right: 20px; bottom: 92px; z-index: 2147483000; width: 370px; height: 580px;
  max-height: calc(100vh - 112px); display: flex; flex-direction: column; background: #fff;
  border-radius: 14px; box-shadow: 0 8px 30px rgba(0,0,0,.25); overflow: hidden; }
.header { display: flex; align-items: center; justify-content: space-between; padding: 12px 16px;
  background: #1f5eff; color: #fff; }
.header h2 { margin: 0; font-size: 16px; font-weight: 600; }
.header button { background: transparent; border: none; color: #fff; font-size: 22px; line-height: 1;
  padding: 4px 8px; border-radius: 6px; }
.banner { padding: 8px 14px; font-size: 13px; background: #fff4d6; color: #5c4300; border-bottom: 1px solid #f0dca0; }
.banner.handoff { background: #e8f0ff; color: #123a8c; border-color: #c7d7fb; }
.banner strong { display: block; }
.scroll { flex: 1; overflow-y: auto; padding: 14px; display: flex; flex-direction: column; gap: 10px;
  background: #f6f7f9; }
.log { display: flex; flex-direction: column; gap: 10px; margin: 0; padding: 0; list-style: none; }
.msg { max-width: 84%; display: flex; flex-direction: column; gap: 6px; }
.msg.customer { align-self: flex-end; align-items: flex-end; }
.msg .who { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.msg.agent .who { position: static; width: auto; height: auto; clip: auto; font-size: 12px; color: #0b6b3a; font-weight: 600; }
.bubble { padding: 9px 12px; border-radius: 14px; white-space: pre-line; word-break: break-word;
  background: #fff; border: 1px solid #e1e4e8; }
.msg.customer .bubble { background: #1f5eff; color: #fff; border-color: #1f5eff; }
.msg.agent .bubble { background: #e9f8ef; border-color: #b9e4c9; }
.msg.system .bubble { background: transparent; border: none; color: #57606a; font-size: 13px; text-align: center; }
.msg.pending .bubble { opacity: .6; }
.msg.failed .bubble { background: #fff0f0; color: #8a1111; border-color: #f2b8b8; }
.failed-note { font-size: 12px; color: #8a1111; }
.failed-note button { background: none; border: none; color: #1f5eff; text-decoration: underline; padding: 0 4px; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; }
.chip { border: 1px solid #1f5eff; color: #1f5eff; background: #fff; border-radius: 16px; padding: 5px 12px; font-size: 14px; }
.chip:hover { background: #eef3ff; }
.progress { font-size: 12px; color: #57606a; display: flex; flex-direction: column; gap: 3px; }
.progress .bar { height: 6px; border-radius: 3px; background: #dde3ea; overflow: hidden; }
.progress .bar span { display: block; height: 100%; background: #27a35a; }
.feedback { font-size: 13px; color: #57606a; display: flex; align-items: center; gap: 6px; }
.feedback button { border: 1px solid #d0d7de; background: #fff; border-radius: 14px; padding: 2px 10px; font-size: 15px; }
.typing { align-self: flex-start; background: #fff; border: 1px solid #e1e4e8; border-radius: 14px; padding: 10px 14px; }
.typing .dot { display: inline-block; width: 7px; height: 7px; margin: 0 2px; border-radius: 50%; background: #8c959f;
  animation: blink 1.2s infinite both; }
.typing .dot:nth-child(3) { animation-delay: .2s; }
.typing .dot:nth-child(4) { animation-delay: .4s; }
@keyframes blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .typing .dot { animation: none; } }
.composer { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e1e4e8; background: #fff; }
.composer textarea { flex: 1; resize: none; border: 1px solid #d0d7de; border-radius: 10px; padding: 8px 10px;
  font: inherit; height: 42px; }
.composer button { border: none; background: #1f5eff; color: #fff; border-radius: 10px; padding: 0 16px; }
.composer button:disabled, .composer textarea:disabled { opacity: .5; cursor: default; }
.ended { padding: 10px; text-align: center; border-top: 1px solid #e1e4e8; background: #fff; }
.ended button { border: 1px solid #1f5eff; background: #fff; color: #1f5eff; border-radius: 10px; padding: 8px 14px; }
.banner .queue { display: flex; flex-wrap: wrap; gap: 2px 12px; margin-top: 4px; font-weight: 600; }
.banner .server-text { display: block; white-space: pre-line; margin: 4px 0; }
.banner .note { display: block; margin-top: 4px; font-style: italic; }
.banner button.cancel { display: block; margin-top: 6px; border: 1px solid #123a8c; background: #fff; color: #123a8c;
  border-radius: 8px; padding: 3px 10px; font-size: 13px; }
.callback { display: flex; flex-direction: column; gap: 4px; margin-top: 6px; }
.callback .row { display: flex; gap: 6px; }
.callback input { flex: 1; font: inherit; border: 1px solid #9fb5e6; border-radius: 8px; padding: 5px 8px; }
.callback input[aria-invalid="true"] { border-color: #c62828; }
.callback button { border: none; background: #1f5eff; color: #fff; border-radius: 8px; padding: 0 12px; }
.field-error { color: #b00020; font-size: 12px; margin: 0; }
.field-error:empty { display: none; }
input:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
.csat { margin-bottom: 10px; }
.csat p { margin: 0 0 6px; }
.stars { display: inline-flex; gap: 2px; }
.stars button { border: none; background: none; font-size: 28px; line-height: 1; color: #c9ced6; padding: 2px 4px; }
.stars:hover button, .stars:focus-within button { color: #f2b01e; }
.stars button:hover ~ button, .stars button:focus ~ button { color: #c9ced6; }
.stars button:disabled { cursor: default; opacity: .6; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 480px) {
  .panel { right: 0; bottom: 0; width: 100vw; height: 100%; max-height: none; border-radius: 0; }
  .launcher { right: 14px; bottom: 14px; }
  .root.open .launcher { display: none; }
}
`;
