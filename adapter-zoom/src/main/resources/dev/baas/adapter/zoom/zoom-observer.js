// Reads Zoom's web client for the bot and reports through window.__baasMedia.report:
//   'snapshot' {state, prejoin, participants, speaking, shown}  whenever it changes
//   'chat'     {sender, text}                                    once per new chat row
// The selectors and texts come from ZoomPage (__ZOOM_DOM__). Structure is read regardless of visibility (the
// in-meeting footer hides itself after a few seconds), and in-meeting structure outranks lobby texts, because the
// waiting room is drawn inside the meeting shell and the meeting shows toasts that mention the waiting room.
(() => {
  if (window.top !== window) return;
  const dom = __ZOOM_DOM__;
  const report = (kind, data) => window.__baasMedia && window.__baasMedia.report(kind, data);
  const any = (selectors) => selectors.map((s) => document.querySelector(s)).find((e) => e) || null;
  const shown = (e) => !!e && e.getClientRects().length > 0;
  const norm = (s) => (s || '').replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim();
  const says = (text, phrases) => phrases.some((p) => text.includes(p));

  function buttonNamed(labels) {
    for (const b of document.querySelectorAll('button, [role="button"]'))
      if (labels.includes(norm(b.textContent)) && shown(b)) return b;
    return null;
  }

  function state(text) {
    const titles = [...document.querySelectorAll(dom.modalTitle)].map((e) => norm(e.textContent));
    if (titles.some((t) => says(t, dom.endedTexts))) return 'ended';
    if (titles.some((t) => says(t, dom.removedTexts))) return 'removed';
    if (says(text, dom.botWallTexts)) return 'bot-wall';
    const app = document.querySelector(dom.meetingApp);
    if (app && dom.inMeeting.some((s) => app.querySelector(s))) return 'in-meeting';
    if (says(text, dom.signInTexts) || shown(document.querySelector(dom.signInButton))) return 'sign-in';
    if (says(text, dom.hostAbsentTexts)) return 'host-absent';
    if (says(text, dom.invalidTexts)) return 'invalid';
    if (says(text, dom.waitingRoomTexts)) return 'waiting-room';
    if (says(text, dom.leftTexts)) return 'left';
    if (dom.prejoin.some((s) => document.querySelector(s))) return 'prejoin';
    return 'loading';
  }

  function prejoin(text) {
    const join = any(dom.joinButton);
    const passcode = any(dom.passcodeInput);
    const name = any(dom.nameInput);
    const mic = document.querySelector(dom.previewAudio);
    return {
      cookieBanner: shown(document.querySelector(dom.cookieAccept)),
      devicePrompt: !!buttonNamed(dom.allowButtonTexts),
      passcodeField: shown(passcode), passcodeFilled: !!passcode && passcode.value !== '',
      passcodeWrong: says(text, dom.passcodeWrongTexts),
      nameField: shown(name), name: name ? name.value : '',
      join: !!join, joinEnabled: !!join && !join.disabled && !join.classList.contains('disabled'),
      micMuted: !!mic && mic.getAttribute('aria-label') === dom.previewUnmuteLabel,
    };
  }

  // Notices and tips that sit over the client after joining (AI Companion, chatting as a guest): never the
  // meeting's end or the bot's removal, which are states.
  function nags() {
    const out = [];
    for (const m of document.querySelectorAll(dom.modal)) {
      const title = norm((m.querySelector(dom.modalTitle) || {}).textContent);
      if (says(title, dom.endedTexts) || says(title, dom.removedTexts)) continue;
      const b = [...m.querySelectorAll('button')].find((x) => dom.nagButtonTexts.includes(norm(x.textContent)));
      if (b) out.push(b);
    }
    for (const b of document.querySelectorAll('button'))
      if (norm(b.textContent) === dom.tipButtonText && shown(b) && !out.includes(b)) out.push(b);
    return out;
  }
  Object.defineProperty(window, '__baasZoom', {value: {dismissNags: () => nags().map((b) => b.click()).length}});

  function names(selector) {
    return [...document.querySelectorAll(selector)].map((e) => norm(e.textContent)).filter((n) => n);
  }

  // Null while the participants pane is closed: nothing to conclude about who is there.
  function participants() {
    const items = document.querySelectorAll(dom.participantItem);
    if (!document.querySelector(dom.participantsPane)) return null;
    const out = [];
    for (const item of items) {
      const name = norm((item.querySelector(dom.participantName) || item).textContent);
      const label = norm((item.querySelector(dom.participantLabel) || {}).textContent);
      if (name) out.push({name, self: dom.selfLabels.includes(label)});
    }
    return out;
  }

  let last = '';
  const seenRows = new Map();
  function chat() {
    const list = document.querySelector(dom.chatList);
    if (!list) return;
    const counts = new Map();
    for (const row of list.querySelectorAll(dom.chatRow)) {
      const label = row.getAttribute('aria-label') || '';
      const n = (counts.get(label) || 0) + 1;
      counts.set(label, n);
      if (n <= (seenRows.get(label) || 0)) continue;
      seenRows.set(label, n);
      const m = new RegExp(dom.chatRowPattern, 's').exec(norm(label));
      if (m) report('chat', {sender: m[1], text: m[2]});
    }
  }

  function scan() {
    if (!document.body) return;
    const text = norm(document.body.innerText);
    const s = state(text);
    const snapshot = JSON.stringify({
      state: s, title: document.title,
      prejoin: s === 'prejoin' ? prejoin(text) : null,
      participants: s === 'in-meeting' ? participants() : null,
      speaking: s === 'in-meeting' ? names(dom.speakingName) : [],
      shown: s === 'in-meeting' ? names(dom.shownSpeakerName)[0] || '' : '',
      nag: s === 'in-meeting' && nags().length > 0,
    });
    if (snapshot !== last) { last = snapshot; report('snapshot', JSON.parse(snapshot)); }
    if (s === 'in-meeting') chat();
  }

  let queued = 0;
  const schedule = () => { if (!queued) queued = setTimeout(() => { queued = 0; scan(); }, 50); };
  new MutationObserver(schedule).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  document.addEventListener('DOMContentLoaded', scan);
  // Styles and timers change what is shown without touching the DOM tree; a slow heartbeat catches those.
  setInterval(scan, 1000);
})();
