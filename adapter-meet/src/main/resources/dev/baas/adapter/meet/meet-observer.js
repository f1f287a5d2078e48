// Reads Google Meet's web client for the bot: which screen it shows (checked in a fixed order, the waiting room
// before any sign of being in the call, since the lobby also renders the call controls), the pre-join form, late
// dialogs, the participant tiles and who speaks, and new chat lines; and listens on the `collections` data channel
// for which participant each audio slot carries. Everything goes to Java through window.__baasMedia.report.
// Selectors and copy come from MeetPage as __MEET_DOM__.
(() => {
  if (window.top !== window) return;
  const DOM = __MEET_DOM__;
  const report = (kind, data) => window.__baasMedia && window.__baasMedia.report(kind, data);
  let timer = 0;
  const schedule = () => { if (!timer) timer = setTimeout(scan, 100); };

  const connections = new Set();
  // Whether the bot's microphone reaches the call: a connected peer connection that sends audio.
  const microphoneUp = () => [...connections].some((pc) => pc.connectionState === 'connected'
    && pc.getSenders().some((s) => s.track && s.track.kind === 'audio'));

  // ---- which participant each audio slot carries --------------------------------------------------------------
  const NativePC = window.RTCPeerConnection;
  if (NativePC) {
    const watch = (channel) => {
      if (channel.label !== DOM.slotChannel) return;
      channel.addEventListener('message', (e) => {
        if (typeof e.data !== 'string') return;
        try {
          const m = JSON.parse(e.data);
          if (Array.isArray(m.slots)) report('slots', {slots: m.slots});
        } catch (err) { /* not a slot table */ }
      });
    };
    class SlotWatchingPeerConnection extends NativePC {
      constructor(...args) {
        super(...args);
        connections.add(this);
        this.addEventListener('datachannel', (e) => watch(e.channel));
        this.addEventListener('connectionstatechange', () => schedule());
      }
      createDataChannel(...args) {
        const channel = super.createDataChannel(...args);
        watch(channel);
        return channel;
      }
    }
    window.RTCPeerConnection = SlotWatchingPeerConnection;
  }

  // ---- the DOM --------------------------------------------------------------------------------------------------
  const norm = (s) => (s || '').replace(/[\u2018\u2019]/g, '\'').replace(/\u2026/g, '...').replace(/\s+/g, ' ').trim();
  const texts = (list) => list.map(norm);
  const T = {};
  for (const k of Object.keys(DOM.texts)) T[k] = texts(DOM.texts[k]);
  const visible = (e) => !!e && (typeof e.checkVisibility === 'function' ? e.checkVisibility() : e.offsetParent !== null);
  const all = (sel, root) => [...(root || document).querySelectorAll(sel)];
  const found = (page, list) => list.find((t) => page.includes(t)) || '';

  function signInWall() {
    return all('h1').some((h) => norm(h.textContent) === DOM.signIn.heading && h.parentElement
      && norm(h.parentElement.textContent).includes(DOM.signIn.context));
  }

  function admittedSigns() {
    if (all(DOM.selfName).some(visible)) return true;
    if (all(DOM.shareButtons).some(visible)) return true;
    return tiles().length > 0;
  }

  function tiles() {
    return all(DOM.tile).filter((t) => visible(t) && !t.matches(DOM.selfName) && !t.querySelector(DOM.selfPreviewMark)
      && !t.closest(DOM.selfName)).map((t) => {
      const nameEl = t.querySelector(DOM.tileName);
      const speaking = DOM.speakingClasses.some((c) => t.querySelector('.' + c) || t.classList.contains(c))
        || all(DOM.audioLevel, t).some((l) => { const v = l.getAttribute('data-audio-level'); return v && v !== '0'; });
      return {id: t.getAttribute('data-participant-id'), name: nameEl ? norm(nameEl.textContent) : '', speaking};
    }).filter((t) => t.id && t.name);
  }

  function dialogs() {
    return all(DOM.dialog).filter(visible);
  }

  function screen(page) {
    if (signInWall()) return ['signin', DOM.signIn.heading];
    let t;
    if ((t = found(page, T.notFound))) return ['not-found', t];
    if ((t = found(page, T.blocked))) return ['blocked', t];
    if ((t = found(page, T.denied))) return ['denied', t];
    if ((t = found(page, T.removed))) return ['removed', t];
    if ((t = found(page, T.ended))) return ['ended', t];
    if ((t = found(page, T.left))) return ['left', t];
    if ((t = found(page, T.waiting))) return ['waiting', t];
    if (admittedSigns()) return ['in-call', ''];
    if (all(DOM.nameInput).some(visible)) return ['prejoin', ''];
    return ['', ''];
  }

  function joinButton() {
    for (const b of all('button')) {
      if (b.hasAttribute('aria-label') || !visible(b)) continue;
      const label = norm(b.textContent);
      if (T.joinButtons.includes(label))
        return {text: label, enabled: !b.disabled && b.getAttribute('aria-disabled') !== 'true'};
    }
    return {text: '', enabled: false};
  }

  function microphone() {
    if (all(DOM.micOff).some(visible)) return 'off';
    if (all(DOM.micOn).some(visible)) return 'on';
    return '';
  }

  let last = '';
  const seenMessages = new Set();
  function scan() {
    timer = 0;
    if (!document.body) return;
    // What people write in the chat must not read as the client's own status copy.
    let page = document.body.innerText;
    for (const m of all(DOM.chatMessage)) if (m.innerText) page = page.split(m.innerText).join(' ');
    page = norm(page);
    const [state, text] = screen(page);
    const open = dialogs();
    const input = all(DOM.nameInput).find(visible);
    const snapshot = {
      screen: state, text,
      consent: open.some((d) => d.querySelector(DOM.consentConfirm)),
      prompt: open.some((d) => !d.querySelector(DOM.consentConfirm)
        && all('button, [role=button]', d).some((b) => T.promptButtons.includes(norm(b.textContent)))),
      name: input ? input.value : '',
      join: joinButton(),
      microphone: microphone(),
      sending: microphoneUp(),
      chatOpen: all(DOM.chatInput).some(visible),
      tiles: state === 'in-call' ? tiles() : []
    };
    const json = JSON.stringify(snapshot);
    if (json !== last) { last = json; report('snapshot', snapshot); }
    for (const m of all(DOM.chatMessage)) {
      const id = m.getAttribute(DOM.chatMessageIdAttribute);
      if (!id || seenMessages.has(id)) continue;
      seenMessages.add(id);
      const group = m.closest(DOM.chatGroup);
      const senderEl = group && group.querySelector(DOM.chatSender);
      const sender = senderEl ? norm(senderEl.textContent) : '';
      const textEl = m.querySelector(DOM.chatText) || m;
      report('chat', {sender, self: DOM.chatSelfSenders.includes(sender), text: textEl.textContent.trim()});
    }
  }
  // Scans at most every 100 ms while the page changes, and once a second in any case.
  new MutationObserver(schedule).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  document.addEventListener('DOMContentLoaded', scan);
  setInterval(schedule, 1000);
})();
