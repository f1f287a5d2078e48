// The sandbox page's DOM, read for the bot: the page state, the tiles (who is in, who speaks) and new chat lines,
// reported to Java through window.__baasMedia.report. All of the sandbox's selectors live here and in SandboxPage.
(() => {
  if (window.top !== window) return;
  const report = (kind, data) => window.__baasMedia && window.__baasMedia.report(kind, data);
  let last = '', chatSeen = 0, queued = false;
  function scan() {
    queued = false;
    const body = document.body;
    if (!body) return;
    const tiles = [...document.querySelectorAll('#tiles .tile')].map((t) => ({
      id: t.dataset.peerId, name: t.dataset.name, streamId: t.dataset.streamId,
      self: t.dataset.self === 'true', speaking: t.dataset.speaking === 'true'}));
    const snapshot = JSON.stringify({state: body.dataset.state || '', tiles});
    if (snapshot !== last) { last = snapshot; report('snapshot', JSON.parse(snapshot)); }
    const lines = document.querySelectorAll('#chat .msg');
    if (lines.length < chatSeen) chatSeen = 0;
    for (; chatSeen < lines.length; chatSeen++) {
      const m = lines[chatSeen];
      report('chat', {sender: m.dataset.sender, self: m.dataset.self === 'true',
        text: (m.querySelector('.text') || m).textContent});
    }
  }
  const schedule = () => { if (!queued) { queued = true; queueMicrotask(scan); } };
  new MutationObserver(schedule).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  document.addEventListener('DOMContentLoaded', scan);
})();
