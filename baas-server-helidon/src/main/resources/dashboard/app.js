// The baas dashboard: a page served by the server, talking to the same HTTP API as everyone else.
"use strict";

const view = document.getElementById("view");
const state = { key: localStorage.getItem("baas.key"), stream: null, listeners: new Set() };

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

async function api(method, path, body) {
  const headers = { "x-meeting-baas-api-key": state.key };
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (res.status === 401) { logout(); throw new Error("the API key was refused"); }
  if (!res.ok) throw new Error((json && (json.error || json.message)) || ("HTTP " + res.status));
  return json;
}

function logout() {
  localStorage.removeItem("baas.key");
  state.key = null;
  if (state.stream) state.stream.abort();
  route();
}
document.getElementById("logout").onclick = logout;

// Live events of the account over server-sent events, read with fetch so the key stays in a header.
function connectEvents() {
  if (state.stream || !state.key) return;
  const ctl = new AbortController();
  state.stream = ctl;
  (async () => {
    try {
      const res = await fetch("/events", { headers: { "x-meeting-baas-api-key": state.key }, signal: ctl.signal });
      const reader = res.body.getReader();
      const dec = new TextDecoder();
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const chunk = buf.slice(0, i); buf = buf.slice(i + 2);
          const data = chunk.split("\n").filter(l => l.startsWith("data:")).map(l => l.slice(5).trim()).join("\n");
          if (data) { const ev = JSON.parse(data); state.listeners.forEach(l => l(ev)); }
        }
      }
    } catch (e) { /* aborted or dropped */ }
    state.stream = null;
    if (state.key && !ctl.signal.aborted) setTimeout(connectEvents, 2000);
  })();
}

function onEvents(fn) { state.listeners.clear(); state.listeners.add(fn); }

function fmtTime(iso) { return iso ? new Date(iso).toLocaleString() : ""; }
function clock(s) { s = Math.floor(s); return String(Math.floor(s / 60)).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0"); }
function badge(code) { return `<span class="status ${esc(code)}" data-testid="status">${esc(code)}</span>`; }

async function botsPage() {
  view.innerHTML = `
    <section class="card">
      <h1>Send a bot</h1>
      <form id="join" class="form-row">
        <label>Meeting URL <input name="meeting_url" required placeholder="https://meet.google.com/abc-defg-hij" data-testid="meeting-url"></label>
        <label>Bot name <input name="bot_name" required value="Notetaker" data-testid="bot-name"></label>
        <button type="submit" data-testid="send-bot">Send bot</button>
        <button type="button" class="secondary" id="demo" data-testid="demo-meeting">Demo meeting</button>
      </form>
      <p class="error" id="join-error"></p>
    </section>
    <section class="card"><h1>Bots</h1>
      <table><thead><tr><th>Bot</th><th>Status</th><th>Meeting</th><th>Created</th></tr></thead>
      <tbody id="bots" data-testid="bots"></tbody></table>
    </section>`;
  const form = document.getElementById("join");
  form.onsubmit = async e => {
    e.preventDefault();
    const f = new FormData(form);
    try {
      const r = await api("POST", "/bots", { meeting_url: f.get("meeting_url"), bot_name: f.get("bot_name"), speech_to_text: "Default" });
      location.hash = "#/bots/" + r.bot_id;
    } catch (err) { document.getElementById("join-error").textContent = err.message; }
  };
  document.getElementById("demo").onclick = async () => {
    try {
      const m = await api("POST", "/sandbox/meetings", {
        participants: [{ name: "Alice", says: ["Hello Bob, shall we start the budget review?", "Great, let us ship it on Friday."] },
                       { name: "Bob", says: ["Yes, the budget looks good to me.", "Agreed, Friday it is."] }],
        waiting_room: true, auto_admit: true, end_after_s: 60 });
      form.meeting_url.value = m.meeting_url;
    } catch (err) { document.getElementById("join-error").textContent = "demo meetings need the sandbox: " + err.message; }
  };
  const tbody = document.getElementById("bots");
  const rows = new Map();
  const page = await api("GET", "/bots/bots_with_metadata?limit=50");
  if (!page.bots.length) tbody.innerHTML = `<tr class="empty"><td colspan="4">No bots yet. Paste a meeting URL above, or try a demo meeting.</td></tr>`;
  for (const b of page.bots) {
    const detail = await api("GET", "/bots/" + b.uuid).catch(() => null);
    const code = !detail ? "" : detail.phase === "completed" ? "complete" : detail.phase === "failed" ? "failed"
      : detail.status ? detail.status.code : detail.phase;
    const tr = document.createElement("tr");
    tr.className = "row"; tr.dataset.bot = b.uuid;
    tr.innerHTML = `<td>${esc(b.bot_name)}<div class="muted">${esc(b.uuid)}</div></td><td>${badge(code)}</td><td>${esc(b.meeting_url)}</td><td>${esc(fmtTime(b.created_at))}</td>`;
    tr.onclick = () => location.hash = "#/bots/" + b.uuid;
    tbody.appendChild(tr); rows.set(b.uuid, tr);
  }
  onEvents(ev => {
    const tr = rows.get(ev.bot_id);
    if (!tr) { if (ev.kind === "status") botsPage(); return; }
    if (ev.kind === "status") tr.children[1].innerHTML = badge(ev.code);
    if (ev.kind === "complete") tr.children[1].innerHTML = badge("complete");
    if (ev.kind === "failed") tr.children[1].innerHTML = badge("failed");
  });
}

async function botPage(id) {
  view.innerHTML = `<p class="muted">Loading…</p>`;
  // listen before reading the history so nothing falls between the two; replayed events are dropped by key
  const early = [];
  onEvents(ev => { if (ev.bot_id === id) early.push(ev); });
  const bot = await api("GET", "/bots/" + id);
  const events = await api("GET", "/bots/" + id + "/events").catch(() => []);
  view.innerHTML = `
    <section class="card">
      <h1>${esc(bot.bot.bot_name)} <span id="bot-status">${badge(bot.status ? bot.status.code : bot.phase)}</span></h1>
      <p class="muted">${esc(bot.bot.meeting_url)} · ${esc(id)}</p>
      <button class="secondary" id="leave" data-testid="leave">Make it leave</button>
    </section>
    <div class="grid">
      <div>
        <section class="card"><h2>Recording</h2><div id="player" class="muted">No recording yet.</div></section>
        <section class="card"><h2>Transcript</h2><div id="transcript" class="transcript" data-testid="transcript"><p class="muted">No transcript yet.</p></div></section>
        <section class="card"><h2>Screenshots</h2><div id="shots" class="shots muted">None.</div></section>
      </div>
      <div>
        <section class="card"><h2>Timeline</h2><ul id="timeline" class="timeline" data-testid="timeline"></ul></section>
        <section class="card"><h2>Participants</h2><ul id="people" class="plain" data-testid="participants"><li class="muted">Nobody seen yet.</li></ul></section>
        <section class="card"><h2>Chat</h2><ul id="chat" class="plain"><li class="muted">No messages.</li></ul></section>
        <section class="card"><h2>Webhooks</h2><table><tbody id="hooks"><tr><td class="muted">No deliveries: this bot has no webhook URL.</td></tr></tbody></table></section>
      </div>
    </div>`;
  document.getElementById("leave").onclick = () => api("DELETE", "/bots/" + id).catch(e => alert(e.message));
  const timeline = document.getElementById("timeline");
  const seen = new Set();
  const addEvent = ev => {
    const key = JSON.stringify(ev); // the history and the stream render an event the same way
    if (seen.has(key)) return;
    seen.add(key);
    if (ev.kind === "status") document.getElementById("bot-status").innerHTML = badge(ev.code);
    if (ev.kind === "complete" || ev.kind === "failed") document.getElementById("bot-status").innerHTML = badge(ev.kind);
    if (ev.kind === "status" || ev.kind === "complete" || ev.kind === "failed") {
      const li = document.createElement("li");
      li.innerHTML = `<time>${esc(new Date(ev.at).toLocaleTimeString())}</time>${badge(ev.code || ev.kind)} ${esc(ev.message || "")}`;
      timeline.appendChild(li);
    }
    if (ev.kind === "participants") {
      const present = ev.present || [];
      document.getElementById("people").innerHTML = present.length
        ? present.map(p => `<li>${esc(p.name)}</li>`).join("") : `<li class="muted">Nobody else in the call.</li>`;
    }
    if (ev.kind === "chat") {
      const chat = document.getElementById("chat");
      chat.querySelectorAll(".muted").forEach(el => el.remove());
      const li = document.createElement("li");
      li.innerHTML = `<b>${esc(ev.sender)}</b>: ${esc(ev.text)}`;
      chat.appendChild(li);
    }
    if (ev.kind === "complete" || ev.kind === "failed") { document.getElementById("leave").hidden = true; loadData(); }
  };
  events.forEach(addEvent);
  early.forEach(addEvent);
  onEvents(ev => { if (ev.bot_id === id) addEvent(ev); });
  async function loadData() {
    const data = await api("GET", "/bots/meeting_data?bot_id=" + id).catch(() => null);
    if (data && (data.mp4 || data.audio)) {
      const player = document.getElementById("player");
      player.innerHTML = data.mp4
        ? `<video id="media" controls src="${esc(data.mp4)}" data-testid="player"></video>`
        : `<audio id="media" controls src="${esc(data.audio)}" data-testid="player"></audio>`;
      player.classList.remove("muted");
    }
    const ts = data ? data.bot_data.transcripts : [];
    if (ts.length) {
      document.getElementById("transcript").innerHTML = ts.map(t =>
        `<p><span class="t" data-start="${t.start_time}">${clock(t.start_time)}</span><span class="who">${esc(t.speaker)}</span>${esc(t.words.map(w => w.text).join(" "))}</p>`).join("");
      document.querySelectorAll(".transcript .t").forEach(el => el.onclick = () => {
        const m = document.getElementById("media"); if (m) { m.currentTime = Number(el.dataset.start); m.play(); }
      });
    }
    const shots = await api("GET", "/bots/" + id + "/screenshots").catch(() => []);
    if (shots.length) document.getElementById("shots").innerHTML = shots.map(s => `<a href="${esc(s.url)}" target="_blank"><img src="${esc(s.url)}" alt="${esc(s.date)}"></a>`).join("");
    const hooks = await api("GET", "/webhooks/deliveries?bot_id=" + id).catch(() => ({ deliveries: [] }));
    if (hooks.deliveries.length) document.getElementById("hooks").innerHTML = hooks.deliveries.map(d =>
      `<tr><td>${esc(d.event)}</td><td>${badge(d.state)}</td><td>${d.attempts}</td><td><button class="link" data-resend="${d.id}">re-send</button></td></tr>`).join("");
    document.querySelectorAll("[data-resend]").forEach(b => b.onclick = () => api("POST", "/webhooks/deliveries/" + b.dataset.resend + "/resend").then(loadData));
  }
  loadData();
}

async function webhooksPage() {
  const hooks = await api("GET", "/webhooks/deliveries?limit=100").catch(e => ({ deliveries: [], error: e.message }));
  view.innerHTML = `<section class="card"><h1>Webhook deliveries</h1>
    <table><thead><tr><th>Event</th><th>Bot</th><th>State</th><th>Attempts</th><th>Last answer</th><th></th></tr></thead><tbody>
    ${hooks.deliveries.map(d => `<tr><td>${esc(d.event)}</td><td>${esc(d.bot_id || "")}</td><td>${badge(d.state)}</td><td>${d.attempts}</td>
      <td>${esc(d.last_error || d.last_status || "")}</td><td><button class="link" data-resend="${d.id}">re-send</button></td></tr>`).join("")}
    </tbody></table></section>`;
  document.querySelectorAll("[data-resend]").forEach(b => b.onclick = () => api("POST", "/webhooks/deliveries/" + b.dataset.resend + "/resend").then(webhooksPage));
}

async function calendarsPage() {
  const cals = await api("GET", "/calendars/").catch(e => ({ error: e.message }));
  if (!Array.isArray(cals)) { view.innerHTML = `<section class="card"><h1>Calendars</h1><p class="muted">${esc(cals.error)}</p></section>`; return; }
  let html = `<section class="card"><h1>Calendars</h1>`;
  if (!cals.length) html += `<p class="muted">No calendar connected. Connect one with <code>POST /calendars/</code>.</p>`;
  for (const c of cals) {
    const evs = await api("GET", "/calendar_events/?calendar_id=" + c.uuid).catch(() => ({ data: [] }));
    html += `<h2>${esc(c.name)} <span class="muted">${esc(c.email)}</span></h2><table><tbody>` +
      evs.data.map(e => `<tr><td>${esc(fmtTime(e.start_time))}</td><td>${esc(e.name)}</td><td>${esc(e.meeting_url)}</td><td>${e.bot_param ? badge("scheduled") + " " + esc(e.bot_param.bot_name) : ""}</td></tr>`).join("") +
      `</tbody></table>`;
  }
  view.innerHTML = html + `</section>`;
}

async function keysPage() {
  const keys = await api("GET", "/api_keys").catch(e => ({ keys: [], error: e.message }));
  view.innerHTML = `<section class="card"><h1>API keys</h1>
    <table><thead><tr><th>Key</th><th>Created</th></tr></thead><tbody>
    ${keys.keys.map(k => `<tr><td><code>${esc(k.prefix)}…</code></td><td>${esc(fmtTime(k.created_at))}</td></tr>`).join("")}</tbody></table>
    <p><button id="newkey">Create a key</button></p><p id="created"></p></section>`;
  document.getElementById("newkey").onclick = async () => {
    const k = await api("POST", "/api_keys", {});
    document.getElementById("created").innerHTML = `New key (shown once): <code data-testid="new-key">${esc(k.api_key)}</code>`;
  };
}

function loginPage() {
  document.getElementById("nav").hidden = true;
  view.innerHTML = document.getElementById("login").innerHTML;
  document.getElementById("login-form").onsubmit = async e => {
    e.preventDefault();
    state.key = new FormData(e.target).get("key").trim();
    try {
      await api("GET", "/bots/bots_with_metadata?limit=1");
      localStorage.setItem("baas.key", state.key);
      location.hash = "#/";
      route();
    } catch (err) { document.getElementById("login-error").textContent = err.message; state.key = null; }
  };
}

async function route() {
  state.listeners.clear(); // the previous page's listener must not redraw over this one
  if (!state.key) return loginPage();
  document.getElementById("nav").hidden = false;
  connectEvents();
  const h = location.hash || "#/";
  try {
    if (h.startsWith("#/bots/")) return await botPage(h.slice(7));
    if (h === "#/webhooks") return await webhooksPage();
    if (h === "#/calendars") return await calendarsPage();
    if (h === "#/keys") return await keysPage();
    return await botsPage();
  } catch (e) {
    view.innerHTML = `<section class="card"><p class="error">${esc(e.message)}</p></section>`;
  }
}
window.addEventListener("hashchange", route);
route();
