// SandboxCall: the client side of a sandbox meeting, shared by the sandbox's own page and the look-alike pages of
// Meet, Teams and Zoom. It speaks the room's signalling, gets the (fake or real) camera and microphone, and carries
// media in the meeting's topology: `mesh` (every page connects to every other) or one of the relayed ones (`slots`,
// `mix`, `pcm`) where each page connects only to the meeting's media relay, as a real platform's media server.
// Pages decide what the media look like to a person (and to a bot): this library only hands them tracks and data.
(() => {
  if (window.SandboxCall) return;

  class Call {
    constructor(cfg) {
      this.cfg = cfg;
      this.handlers = new Map();
      this.peers = new Map(); // mesh: peer id -> {info, pc, chain}
      this.relay = null;      // relayed topologies: {pc, chain}
      this.ws = null;
      this.me = null;
      this.local = null;
      this.recvVideo = true;
    }

    on(type, fn) {
      if (!this.handlers.has(type)) this.handlers.set(type, []);
      this.handlers.get(type).push(fn);
      return this;
    }

    emit(type, data) {
      for (const fn of this.handlers.get(type) || []) {
        try { fn(data); } catch (e) { console.error('SandboxCall handler', type, e); }
      }
    }

    send(m) { if (this.ws && this.ws.readyState === 1) this.ws.send(JSON.stringify(m)); }

    /** Opens the signalling socket without joining: the page hears `host-started` and `ended` before joining. */
    watch() {
      if (this.ws) return this.opened;
      this.ws = new WebSocket(this.cfg.signal + '/room/' + this.cfg.room);
      this.opened = new Promise((resolve) => { this.ws.onopen = resolve; });
      this.ws.onmessage = (e) => this.handle(JSON.parse(e.data));
      this.ws.onclose = () => { if (this.me || this.joining) this.teardown('ended'); };
      return this.opened;
    }

    async join({name, recvVideo = true, role = 'guest', key = ''}) {
      if (!name || !name.trim() || this.joining) return;
      this.joining = true;
      this.recvVideo = recvVideo;
      this.local = await navigator.mediaDevices.getUserMedia({audio: true, video: true});
      await this.watch();
      this.send({t: 'join', name: name.trim(), role, key, recvVideo, streamId: this.local.id});
    }

    sendChat(text) {
      const t = (text || '').trim();
      if (t) this.send({t: 'chat', text: t});
    }

    speaking(on) { this.send({t: 'speaking', on}); }

    leave() {
      this.send({t: 'leave'});
      this.teardown('left');
    }

    teardown(state) {
      for (const p of this.peers.values()) if (p.pc) p.pc.close();
      this.peers.clear();
      if (this.relay) { this.relay.pc.close(); this.relay = null; }
      if (this.local) this.local.getTracks().forEach((t) => t.stop());
      if (this.ws) { this.ws.onclose = null; this.ws.close(); }
      this.me = null;
      this.joining = false;
      if (state !== 'left') this.emit(state, {});
    }

    handle(m) {
      switch (m.t) {
        case 'waiting': this.emit('waiting', {reason: m.reason || 'lobby'}); break;
        case 'host-started': this.emit('host-started', {}); break;
        case 'admitted':
          this.me = m.you;
          this.emit('admitted', {you: m.you, peers: m.peers, media: m.media || 'mesh'});
          if ((m.media || 'mesh') === 'mesh') for (const info of m.peers) this.offerTo(this.addPeer(info));
          break;
        case 'peer-joined':
          if (this.cfg.topology === 'mesh') this.addPeer(m.peer);
          this.emit('peer-joined', {peer: m.peer});
          break;
        case 'peer-left': {
          const p = this.peers.get(m.id);
          if (p && p.pc) p.pc.close();
          this.peers.delete(m.id);
          this.emit('peer-left', {id: m.id});
          break;
        }
        case 'signal':
          if (m.from === 'relay') {
            if (!this.relay) this.relay = {pc: this.relayConnection(), chain: Promise.resolve()};
            const r = this.relay;
            r.chain = r.chain.then(() => this.answer(r.pc, m.data, 'relay')).catch((e) => console.error('relay signal', e));
          } else {
            const p = this.peers.get(m.from);
            if (p) p.chain = p.chain.then(() => this.onMeshSignal(p, m.data)).catch((e) => console.error('signal', e));
          }
          break;
        case 'speaking': this.emit('speaking', {id: m.id, on: m.on}); break;
        case 'chat':
          this.emit('chat', {from: m.from, fromId: m.fromId, text: m.text, self: !!(this.me && m.fromId === this.me.id)});
          break;
        case 'denied': case 'removed': case 'ended': case 'not-found': this.teardown(m.t); break;
      }
    }

    // ---- mesh ---------------------------------------------------------------------------------------------------
    addPeer(info) {
      const p = {info, pc: null, chain: Promise.resolve()};
      this.peers.set(info.id, p);
      return p;
    }

    meshConnection(p) {
      const pc = new RTCPeerConnection();
      pc.onicecandidate = (e) => { if (e.candidate) this.send({t: 'signal', to: p.info.id, data: {candidate: e.candidate}}); };
      pc.ontrack = (e) => {
        const stream = e.streams[0] || new MediaStream([e.track]);
        this.emit(e.track.kind === 'video' ? 'video-track' : 'audio-track',
          {track: e.track, stream, mid: e.transceiver.mid, peerId: p.info.id});
      };
      p.pc = pc;
      return pc;
    }

    // The newcomer offers to everyone already in the call; video flows only to those who asked for it.
    async offerTo(p) {
      const pc = this.meshConnection(p);
      pc.addTrack(this.local.getAudioTracks()[0], this.local);
      if (p.info.recvVideo) {
        const sender = pc.addTrack(this.local.getVideoTracks()[0], this.local);
        if (!this.recvVideo) pc.getTransceivers().find((t) => t.sender === sender).direction = 'sendonly';
      } else if (this.recvVideo) {
        pc.addTransceiver('video', {direction: 'recvonly'});
      }
      await pc.setLocalDescription(await pc.createOffer());
      this.send({t: 'signal', to: p.info.id, data: {sdp: pc.localDescription}});
    }

    async onMeshSignal(p, data) {
      if (data.sdp && data.sdp.type === 'offer') {
        const pc = p.pc || this.meshConnection(p);
        await pc.setRemoteDescription(data.sdp);
        pc.addTrack(this.local.getAudioTracks()[0], this.local);
        if (p.info.recvVideo) pc.addTrack(this.local.getVideoTracks()[0], this.local);
        await pc.setLocalDescription(await pc.createAnswer());
        this.send({t: 'signal', to: p.info.id, data: {sdp: pc.localDescription}});
      } else if (data.sdp) {
        await p.pc.setRemoteDescription(data.sdp);
      } else if (data.candidate) {
        await p.pc.addIceCandidate(data.candidate);
      }
    }

    // ---- relayed topologies: the relay always offers, pages only answer --------------------------------------
    relayConnection() {
      const pc = new RTCPeerConnection();
      pc.onicecandidate = (e) => { if (e.candidate) this.send({t: 'signal', to: 'relay', data: {candidate: e.candidate}}); };
      pc.ontrack = (e) => {
        const stream = e.streams[0] || new MediaStream([e.track]);
        this.emit(e.track.kind === 'video' ? 'video-track' : 'audio-track',
          {track: e.track, stream, mid: e.transceiver.mid, peerId: null});
      };
      pc.ondatachannel = (e) => {
        const dc = e.channel;
        dc.binaryType = 'arraybuffer';
        dc.onmessage = (ev) => {
          if (dc.label === 'wc-media') {
            const pcm = new Int16Array(ev.data), out = new Float32Array(pcm.length);
            for (let i = 0; i < pcm.length; i++) out[i] = pcm[i] / 32768;
            this.emit('pcm', out);
            return;
          }
          const m = JSON.parse(ev.data);
          if (dc.label === 'collections' && m.slots) this.emit('slots', m.slots);
          if (dc.label === 'main-channel' && m.type === 'dsh') this.emit('dominant', m.history[m.history.length - 1] || null);
        };
      };
      return pc;
    }

    async answer(pc, data) {
      if (data.sdp) {
        await pc.setRemoteDescription(data.sdp);
        // the first audio section is this page's way up; later offers only add sections the relay sends
        if (!pc.getSenders().some((s) => s.track)) pc.addTrack(this.local.getAudioTracks()[0], this.local);
        await pc.setLocalDescription(await pc.createAnswer());
        this.send({t: 'signal', to: 'relay', data: {sdp: pc.localDescription}});
      } else if (data.candidate) {
        await pc.addIceCandidate(data.candidate);
      }
    }
  }

  // Plays 16 kHz mono PCM through Web Audio, as a web client that decodes media itself does.
  let player = null;
  function pcmPlayer() {
    if (player) return player;
    const ctx = new AudioContext({sampleRate: 16000});
    let at = 0;
    player = {
      context: ctx,
      push(samples) {
        const buffer = ctx.createBuffer(1, samples.length, 16000);
        buffer.copyToChannel(samples, 0);
        const src = ctx.createBufferSource();
        src.buffer = buffer;
        src.connect(ctx.destination);
        const now = ctx.currentTime;
        if (at < now + 0.02 || at > now + 0.5) at = now + 0.06; // (re)start with a small jitter buffer
        src.start(at);
        at += buffer.duration;
      }
    };
    ctx.resume();
    return player;
  }

  window.SandboxCall = {create: (cfg) => new Call(cfg), pcmPlayer};
})();
