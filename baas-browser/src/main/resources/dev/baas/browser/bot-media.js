// Runs in every bot page before the platform's own scripts. It gives the page a fake camera (a canvas with the
// bot's name and picture) and microphone (PCM pushed from Java), and taps every remote audio track, streaming
// 16 kHz PCM frames to the runtime's local WebSocket. The config object below is filled in per bot.
(() => {
  if (window.top !== window || window.__baasMedia) return;
  const cfg = __BAAS_CONFIG__;
  const NativeWebSocket = window.WebSocket;
  const NativePC = window.RTCPeerConnection;
  const NativeAudioContext = window.AudioContext;
  const ownContexts = new WeakSet(); // the runtime's own audio contexts, never tapped as page playback
  const epochMicros = () => Math.round((performance.timeOrigin + performance.now()) * 1000);

  // ---- link to Java -------------------------------------------------------------------------------------------
  let socket = null, open = false;
  const pending = [];
  function send(message) {
    if (open) socket.send(message);
    else if (pending.length < 2000) pending.push(message);
  }
  function connect() {
    socket = new NativeWebSocket(cfg.ws);
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => { open = true; for (const m of pending.splice(0)) socket.send(m); };
    socket.onclose = () => { open = false; };
    socket.onmessage = (e) => { if (typeof e.data !== 'string') micChunk(e.data); };
  }
  connect();
  const report = (kind, data) => send(JSON.stringify({t: 'report', kind, at: epochMicros(), data: data ?? {}}));
  Object.defineProperty(window, '__baasMedia', {value: {report, epochMicros}, enumerable: false});

  // ---- worklets -----------------------------------------------------------------------------------------------
  const workletSource = `
    class BaasTap extends AudioWorkletProcessor {
      constructor(o) { super(); this.ch = o.processorOptions.ch; this.buf = new Int16Array(320); this.n = 0; this.start = 0; }
      process(inputs) {
        const input = inputs[0] && inputs[0][0];
        const len = 128;
        for (let i = 0; i < len; i++) {
          if (this.n === 0) this.start = currentFrame + i;
          const s = input ? Math.max(-1, Math.min(1, input[i])) : 0;
          this.buf[this.n++] = s < 0 ? s * 32768 : s * 32767;
          if (this.n === 320) {
            this.port.postMessage({ch: this.ch, start: this.start, end: currentFrame + i + 1, pcm: this.buf.buffer}, [this.buf.buffer]);
            this.buf = new Int16Array(320); this.n = 0;
          }
        }
        return true;
      }
    }
    registerProcessor('baas-tap', BaasTap);
    class BaasMic extends AudioWorkletProcessor {
      constructor() {
        super(); this.q = []; this.off = 0; this.queued = 0; this.ends = 0; this.playing = false; this.open = false;
        this.prebuffer = Math.round(sampleRate * 0.1);
        this.port.onmessage = (e) => { const m = e.data; if (m.gate !== undefined) { this.open = m.gate; return; } this.q.push(m); this.queued += m.data.length; if (m.last) this.ends++; };
      }
      process(inputs, outputs) {
        const out = outputs[0][0]; let i = 0;
        if (!this.playing && this.open && (this.queued >= this.prebuffer || this.ends > 0)) this.playing = true;
        if (this.playing) {
          while (i < out.length && this.q.length) {
            const c = this.q[0];
            if (this.off === 0 && c.first) this.port.postMessage({started: c.utt, frame: currentFrame + i});
            const n = Math.min(out.length - i, c.data.length - this.off);
            out.set(c.data.subarray(this.off, this.off + n), i);
            i += n; this.off += n; this.queued -= n;
            if (this.off >= c.data.length) { if (c.last) this.ends--; this.q.shift(); this.off = 0; }
          }
          if (i < out.length) this.playing = false; // underrun: wait for the prebuffer again
        }
        for (; i < out.length; i++) out[i] = 0;
        return true;
      }
    }
    registerProcessor('baas-mic', BaasMic);`;
  const workletUrl = URL.createObjectURL(new Blob([workletSource], {type: 'application/javascript'}));

  // ---- microphone ---------------------------------------------------------------------------------------------
  // What the bot says before its call's media connection is up reaches no one: speech waits until a connected peer
  // connection sends audio, or at most MIC_HOLD_MS (clients that carry audio some other way), then never again.
  const MIC_HOLD_MS = 3000;
  let gateOpen = !cfg.capture, holdTimer = null;
  const connections = new Set();
  function openGate() {
    if (gateOpen) return;
    gateOpen = true;
    if (holdTimer) clearTimeout(holdTimer);
    if (mic && mic.node) mic.node.port.postMessage({gate: true});
  }
  const gateWatch = setInterval(() => {
    if (gateOpen) { clearInterval(gateWatch); return; }
    for (const pc of connections) {
      if (pc.connectionState === 'closed') { connections.delete(pc); continue; }
      if (pc.connectionState === 'connected' && pc.getSenders().some((s) => s.track && s.track.kind === 'audio')) openGate();
    }
  }, 100);
  let mic = null;
  const micBacklog = [];
  function micContext() {
    if (mic) return mic.ready;
    const ctx = new NativeAudioContext({sampleRate: 48000});
    ownContexts.add(ctx);
    const dest = ctx.createMediaStreamDestination();
    mic = {ctx, dest, node: null, ready: null};
    mic.ready = ctx.audioWorklet.addModule(workletUrl).then(() => {
      const node = new AudioWorkletNode(ctx, 'baas-mic', {numberOfInputs: 0, outputChannelCount: [1]});
      node.connect(dest);
      node.port.onmessage = (e) => {
        const m = e.data;
        if (m.started !== undefined) {
          const lag = (ctx.currentTime - m.frame / ctx.sampleRate) * 1e6;
          send(JSON.stringify({t: 'mic-started', utt: m.started, at: Math.round(epochMicros() - Math.max(0, lag))}));
        }
      };
      mic.node = node;
      node.port.postMessage({gate: gateOpen});
      ctx.resume();
      for (const c of micBacklog.splice(0)) node.port.postMessage(c, [c.data.buffer]);
      return mic;
    });
    return mic.ready;
  }
  // Binary from Java: [u8 flags (1 first, 2 last)][u8][u16][u32 utterance id] then Int16 LE samples at 48 kHz.
  function micChunk(buffer) {
    const view = new DataView(buffer);
    const flags = view.getUint8(0), utt = view.getUint32(4, true);
    const pcm = new Int16Array(buffer, 8);
    const data = new Float32Array(pcm.length);
    for (let i = 0; i < pcm.length; i++) data[i] = pcm[i] / 32768;
    const chunk = {data, utt, first: (flags & 1) !== 0, last: (flags & 2) !== 0};
    if (!gateOpen && !holdTimer) holdTimer = setTimeout(openGate, MIC_HOLD_MS);
    if (mic && mic.node) mic.node.port.postMessage(chunk, [data.buffer]);
    else { micBacklog.push(chunk); micContext(); }
  }

  // ---- camera -------------------------------------------------------------------------------------------------
  let camera = null;
  function cameraTrack() {
    if (!camera) {
      const canvas = document.createElement('canvas');
      canvas.width = 640; canvas.height = 360;
      const g = canvas.getContext('2d');
      let picture = null;
      if (cfg.image) {
        const img = new Image();
        img.crossOrigin = 'anonymous';
        img.onload = () => { picture = img; };
        img.src = cfg.image;
      }
      let tick = 0;
      const draw = () => {
        g.fillStyle = '#1f2933'; g.fillRect(0, 0, 640, 360);
        if (picture) g.drawImage(picture, 220, 40, 200, 200);
        g.fillStyle = '#ffffff'; g.font = '32px sans-serif'; g.textAlign = 'center';
        g.fillText(cfg.name, 320, picture ? 300 : 190);
        g.fillStyle = (tick++ % 2) ? '#1f2933' : '#202a34'; g.fillRect(0, 0, 2, 2); // keeps frames flowing
      };
      draw();
      setInterval(draw, 200);
      camera = canvas.captureStream(10).getVideoTracks()[0];
    }
    return camera.clone();
  }

  MediaDevices.prototype.getUserMedia = async function (constraints) {
    const out = new MediaStream();
    if (constraints && constraints.audio) {
      const m = await micContext();
      out.addTrack(m.dest.stream.getAudioTracks()[0].clone());
    }
    if (constraints && constraints.video) out.addTrack(cameraTrack());
    return out;
  };
  MediaDevices.prototype.enumerateDevices = async function () {
    return [
      {deviceId: 'baas-microphone', kind: 'audioinput', label: 'Microphone', groupId: 'baas', toJSON() { return this; }},
      {deviceId: 'baas-camera', kind: 'videoinput', label: 'Camera', groupId: 'baas', toJSON() { return this; }},
      {deviceId: 'default', kind: 'audiooutput', label: 'Speaker', groupId: 'baas', toJSON() { return this; }}];
  };

  // ---- capture of remote audio --------------------------------------------------------------------------------
  if (!cfg.capture) return;
  let cap = null;
  let nextChannel = 1;
  const players = [];
  function captureContext() {
    if (cap) return cap.ready;
    const ctx = new NativeAudioContext({sampleRate: 16000});
    ownContexts.add(ctx);
    const silent = ctx.createGain(); silent.gain.value = 0; silent.connect(ctx.destination);
    const mix = ctx.createGain();
    cap = {ctx, silent, mix, offset: Infinity, ready: null};
    cap.ready = ctx.audioWorklet.addModule(workletUrl).then(() => { tap(mix, 0); ctx.resume(); return cap; });
    return cap.ready;
  }
  // Frames are stamped on the page's epoch clock: the smallest seen (arrival - context time) is the context's
  // offset, so timestamps are stable and monotonic rather than carrying message-delivery jitter.
  function tap(sourceNode, ch) {
    const node = new AudioWorkletNode(cap.ctx, 'baas-tap', {processorOptions: {ch}});
    node.port.onmessage = (e) => {
      const m = e.data, rate = cap.ctx.sampleRate;
      cap.offset = Math.min(cap.offset, epochMicros() - m.end / rate * 1e6);
      const header = new ArrayBuffer(12), view = new DataView(header);
      view.setUint8(0, 1); view.setUint16(2, m.ch, true);
      view.setFloat64(4, cap.offset + m.start / rate * 1e6, true);
      const frame = new Uint8Array(12 + m.pcm.byteLength);
      frame.set(new Uint8Array(header), 0); frame.set(new Uint8Array(m.pcm), 12);
      send(frame.buffer);
    };
    sourceNode.connect(node);
    node.connect(cap.silent);
    return node;
  }
  async function onTrack(event) {
    const track = event.track;
    if (track.kind !== 'audio') return;
    const stream = event.streams[0] || new MediaStream([track]);
    // a platform script may keep tracks out (Teams sends the mix and, again, the loudest speaker's own track)
    const accept = window.__baasMedia.acceptTrack;
    if (accept && !accept(track, stream, event.transceiver)) return;
    // Chromium quirk: remote WebRTC audio reaches WebAudio as zeros unless a media element plays the stream.
    const player = new Audio(); player.muted = true; player.srcObject = stream; player.play().catch(() => {});
    players.push(player);
    const ch = nextChannel++;
    send(JSON.stringify({t: 'track', ch, trackId: track.id, streamId: stream.id,
      mid: event.transceiver ? event.transceiver.mid : null, at: epochMicros()}));
    const c = await captureContext();
    const source = c.ctx.createMediaStreamSource(new MediaStream([track]));
    source.connect(c.mix);
    const node = tap(source, ch);
    track.addEventListener('ended', () => {
      source.disconnect(); node.disconnect(); player.srcObject = null;
      send(JSON.stringify({t: 'track-ended', ch, at: epochMicros()}));
    });
  }
  // Web clients that decode media themselves (Zoom's) play it through Web Audio, not from WebRTC tracks: with
  // cfg.playback, whatever a page connects to its speakers is also tapped, as one more channel of the mix.
  if (cfg.playback) {
    const nativeConnect = AudioNode.prototype.connect;
    const taps = new WeakMap(); // page context -> its tap (a stream destination in that context)
    AudioNode.prototype.connect = function (target, ...rest) {
      const result = nativeConnect.call(this, target, ...rest);
      if (target instanceof AudioDestinationNode && !ownContexts.has(this.context)) {
        let t = taps.get(this.context);
        if (!t) {
          t = this.context.createMediaStreamDestination();
          taps.set(this.context, t);
          const ch = nextChannel++;
          send(JSON.stringify({t: 'track', ch, trackId: 'playback', streamId: 'playback-' + ch, mid: null, at: epochMicros()}));
          captureContext().then((c) => {
            const source = c.ctx.createMediaStreamSource(t.stream);
            source.connect(c.mix);
            tap(source, ch);
          });
        }
        nativeConnect.call(this, t);
      }
      return result;
    };
  }
  class CapturingPeerConnection extends NativePC {
    constructor(...args) {
      super(...args);
      connections.add(this);
      this.addEventListener('track', (e) => { onTrack(e); });
    }
  }
  window.RTCPeerConnection = CapturingPeerConnection;
  if (window.webkitRTCPeerConnection) window.webkitRTCPeerConnection = CapturingPeerConnection;
  captureContext();
})();
