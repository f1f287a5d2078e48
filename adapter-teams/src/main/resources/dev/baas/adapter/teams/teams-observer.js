// Reads the Teams web client for the bot and reports through window.__baasMedia.report:
//   'snapshot' {screen, modal, joinEnabled, host, participants:[{name, speaking}]} whenever it changes;
//   'chat'     {author|null, previousAuthor|null, text} once per new chat message.
// Screens: sign-in, lobby, denied, removed, ended, sign-in-required, captcha, bad-url, in-call, prejoin, launcher,
// loading. The order matters: the lobby keeps call controls and a disabled Join button on screen, so lobby copy is
// read first and admission needs the hang-up button plus another in-call sign. Notifications ([role=alert], chat,
// tiles) are never read as a state. Selectors and copy come from TeamsPage.java.
(() => {
  if (window.top !== window) return;
  const C = __TEAMS__;
  const media = window.__baasMedia;
  const report = (kind, data) => media && media.report(kind, data);
  // Teams' mixed track is the meeting; the redundant tracks repeat speakers already in it
  if (media) media.acceptTrack = (track, stream) => track.kind !== 'audio'
    || [stream && stream.id, track.id].some((id) => typeof id === 'string' && id.startsWith(C.mainAudioPrefix));

  const norm = (s) => (s || '').replace(/[\u2018\u2019\u02bc]/g, '\'').replace(/\s+/g, ' ').trim().toLowerCase();
  const visible = (el) => !!el && (el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null);
  const anyVisible = (selectors) => selectors.some((s) => [...document.querySelectorAll(s)].some(visible));
  const notState = C.notState.join(',');

  // Visible text that can say what state the page is in: headings, status lines, dialogs — not notifications.
  function stateText() {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.nodeValue.trim() || el.closest('script,style') || el.closest(notState) || !visible(el)) continue;
      out.push(n.nodeValue);
    }
    return norm(out.join(' '));
  }

  function buttonWithText(text) {
    const want = norm(text);
    return [...document.querySelectorAll('button, [role="button"]')].find((b) => visible(b) && norm(b.textContent) === want);
  }

  function screen(text) {
    const host = location.hostname.toLowerCase();
    if (C.signInHosts.some((h) => host === h || host.endsWith('.' + h)) || document.querySelector(C.signInForm)) return 'sign-in';
    const has = (list) => list.some((t) => text.includes(t));
    if (has(C.lobbyTexts)) return 'lobby';
    if (has(C.deniedTexts)) return 'denied';
    if (has(C.removedTexts)) return 'removed';
    if (has(C.endedTexts)) return 'ended';
    if (has(C.signInTexts)) return 'sign-in-required';
    if (has(C.captchaTexts)) return 'captcha';
    if (has(C.badUrlTexts)) return 'bad-url';
    const joinShown = [...document.querySelectorAll(C.joinButton)].some(visible);
    if (!joinShown && anyVisible(C.hangup) && anyVisible(C.inCallSigns)) return 'in-call';
    if ([...document.querySelectorAll(C.nameInput)].some(visible)) return 'prejoin';
    if (buttonWithText(C.continueInBrowser)) return 'launcher';
    return 'loading';
  }

  function participants() {
    const byName = new Map();
    for (const tile of document.querySelectorAll(C.tile)) {
      if (tile.closest(C.selfView)) continue;
      const name = (tile.getAttribute('data-tid') || '').trim();
      if (!name) continue;
      const speaking = C.speaking.some((s) => tile.querySelector(s));
      byName.set(name, {name, speaking: speaking || (byName.get(name) || {}).speaking || false});
    }
    for (const item of document.querySelectorAll(C.rosterParticipant)) {
      const name = (item.textContent || '').trim();
      if (!name || /\(you\)$/i.test(name) || byName.has(name)) continue;
      byName.set(name, {name, speaking: false});
    }
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  const seen = new WeakSet(), seenIds = new Set();
  function chat() {
    let previousAuthor = null;
    for (const m of document.querySelectorAll(C.chatMessage)) {
      const authorEl = m.querySelector(C.messageAuthor);
      const author = authorEl ? authorEl.textContent.trim() : null;
      const id = m.getAttribute('data-mid') || m.id || '';
      const isNew = id ? !seenIds.has(id) : !seen.has(m);
      if (isNew) {
        const body = m.querySelector(C.messageBody);
        const text = body ? body.textContent.trim() : '';
        if (text) {
          if (id) seenIds.add(id); else seen.add(m);
          report('chat', {author, previousAuthor, text});
        }
      }
      if (author) previousAuthor = author;
    }
  }

  let last = '', timer = null, lastScan = 0;
  function scan() {
    timer = null;
    lastScan = performance.now();
    if (!document.body) return;
    const text = stateText();
    const s = screen(text);
    const joinButton = document.querySelector(C.joinButton);
    const snapshot = {
      screen: s,
      modal: !!buttonWithText(C.avModalContinue),
      joinEnabled: !!joinButton && visible(joinButton) && !joinButton.disabled,
      host: location.hostname,
      participants: s === 'in-call' ? participants() : []
    };
    const json = JSON.stringify(snapshot);
    if (json !== last) { last = json; report('snapshot', snapshot); }
    if (s === 'in-call') chat();
  }
  // at most one scan per 100 ms, however busy the DOM
  const schedule = () => {
    if (timer) return;
    timer = setTimeout(scan, Math.max(0, 100 - (performance.now() - lastScan)));
  };
  new MutationObserver(schedule).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  document.addEventListener('DOMContentLoaded', schedule);
  setInterval(schedule, 1000);
})();
