package dev.baas.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import org.java_websocket.WebSocket;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One sandbox meeting: who is connected, who waits, who is in the call, and the chat. Relays WebRTC signalling
 * between pages: in a mesh the newcomer offers to everyone in the call; in a relayed meeting (the look-alikes of
 * real platforms) every page connects only to the meeting's media relay, which offers to each one admitted.
 * Every change happens under the room's lock.
 */
final class Room {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String id;
    final String url;
    final MeetingSpec spec;
    final String hostKey;
    private final Clock clock;
    private final Map<WebSocket, Peer> peers = new LinkedHashMap<>();
    private final List<MeetingState.ChatLine> chat = new ArrayList<>();
    private final Map<String, CompletableFuture<Void>> inCallWaiters = new ConcurrentHashMap<>();
    private final Consumer<Peer> onGuestWaiting, onGuestAdmitted;
    private final java.util.Set<WebSocket> watchers = new java.util.HashSet<>();
    private WebSocket relay;
    private int nextPeer;
    private boolean ended, hostPresent;

    static final class Peer {
        final String id, name, streamId;
        final boolean scripted, recvVideo;
        final WebSocket conn;
        boolean inCall, speaking;

        Peer(String id, String name, String streamId, boolean scripted, boolean recvVideo, WebSocket conn) {
            this.id = id;
            this.name = name;
            this.streamId = streamId;
            this.scripted = scripted;
            this.recvVideo = recvVideo;
            this.conn = conn;
        }
    }

    Room(String id, String url, MeetingSpec spec, String hostKey, Clock clock, Consumer<Peer> onGuestWaiting,
         Consumer<Peer> onGuestAdmitted) {
        this.id = id;
        this.url = url;
        this.spec = spec;
        this.hostKey = hostKey;
        this.clock = clock;
        this.onGuestWaiting = onGuestWaiting;
        this.onGuestAdmitted = onGuestAdmitted;
        this.hostPresent = spec.hostPresent();
    }

    boolean relayed() { return spec.topology() != MeetingSpec.Topology.MESH; }

    /** A page opened the meeting's socket: it hears the host arrive or the meeting end before it joins. */
    synchronized void connected(WebSocket conn) {
        if (ended) {
            send(conn, msg("ended"));
            conn.close();
            return;
        }
        watchers.add(conn);
    }

    /** The host arrives: guests who waited for the host go on to the waiting room, or straight in. */
    synchronized void startHost() {
        if (hostPresent) return;
        hostPresent = true;
        for (WebSocket w : watchers) send(w, msg("host-started"));
        for (Peer p : List.copyOf(peers.values())) {
            if (p.inCall || p.scripted) continue;
            send(p.conn, msg("host-started"));
            if (spec.waitingRoom()) {
                send(p.conn, msg("waiting").put("reason", "lobby"));
                onGuestWaiting.accept(p);
            } else {
                admit(p);
            }
        }
    }

    synchronized boolean hostPresent() { return hostPresent; }

    /** Completes when someone called {@code name} is in the call. */
    CompletableFuture<Void> inCall(String name) {
        CompletableFuture<Void> f = inCallWaiters.computeIfAbsent(name, n -> new CompletableFuture<>());
        synchronized (this) {
            if (peers.values().stream().anyMatch(p -> p.inCall && p.name.equals(name))) f.complete(null);
        }
        return f;
    }

    synchronized void join(WebSocket conn, JsonNode m) {
        if (ended) {
            send(conn, msg("ended"));
            conn.close();
            return;
        }
        watchers.remove(conn);
        boolean trusted = hostKey.equals(m.path("key").asText());
        if ("relay".equals(m.path("role").asText()) && trusted) {
            relay = conn;
            for (Peer o : peers.values()) if (o.inCall) send(relay, relayPeer(o));
            return;
        }
        boolean scripted = "participant".equals(m.path("role").asText()) && trusted;
        Peer p = new Peer("p" + (++nextPeer), m.path("name").asText("Guest"), m.path("streamId").asText(),
                scripted, m.path("recvVideo").asBoolean(true), conn);
        peers.put(conn, p);
        if (!scripted && !hostPresent) {
            send(conn, msg("waiting").put("reason", "host-absent"));
        } else if (!scripted && spec.waitingRoom()) {
            send(conn, msg("waiting").put("reason", "lobby"));
            onGuestWaiting.accept(p);
        } else {
            admit(p);
        }
    }

    synchronized void message(WebSocket conn, JsonNode m) {
        if (conn == relay) {
            Peer to = byId(m.path("to").asText());
            if ("signal".equals(m.path("t").asText()) && to != null && to.inCall)
                send(to.conn, msg("signal").put("from", "relay").set("data", m.path("data")));
            return;
        }
        Peer p = peers.get(conn);
        if (p == null) return;
        switch (m.path("t").asText()) {
            case "signal" -> {
                if (relayed()) {
                    if (relay != null && p.inCall && "relay".equals(m.path("to").asText()))
                        send(relay, msg("signal").put("from", p.id).set("data", m.path("data")));
                    return;
                }
                Peer to = byId(m.path("to").asText());
                if (to != null && p.inCall && to.inCall)
                    send(to.conn, msg("signal").put("from", p.id).set("data", m.path("data")));
            }
            case "speaking" -> {
                if (!p.inCall) return;
                p.speaking = m.path("on").asBoolean();
                broadcast(msg("speaking").put("id", p.id).put("on", p.speaking), null);
            }
            case "chat" -> {
                String text = m.path("text").asText("").strip();
                if (!p.inCall || text.isEmpty()) return;
                chat.add(new MeetingState.ChatLine(clock.instant(), p.name, text));
                broadcast(msg("chat").put("from", p.name).put("fromId", p.id).put("text", text), null);
            }
            case "leave" -> gone(conn);
            default -> { }
        }
    }

    synchronized void gone(WebSocket conn) {
        watchers.remove(conn);
        if (conn == relay) relay = null;
        Peer p = peers.remove(conn);
        if (p != null && p.inCall) {
            broadcast(msg("peer-left").put("id", p.id), null);
            if (relay != null) send(relay, msg("peer-left").put("id", p.id));
        }
    }

    synchronized void admit(String name) { admit(waitingNamed(name)); }

    synchronized void admitPeer(String peerId) {
        Peer p = byId(peerId);
        if (p != null && !p.inCall) admit(p);
    }

    synchronized void deny(String name) {
        Peer p = waitingNamed(name);
        send(p.conn, msg("denied"));
        peers.remove(p.conn);
        p.conn.close();
    }

    synchronized void remove(String name) {
        Peer p = peers.values().stream().filter(x -> x.inCall && x.name.equals(name)).findFirst()
                .orElseThrow(() -> new BaasException(ErrorCode.NOT_FOUND, "name: nobody called \"" + name
                        + "\" is in meeting " + id));
        send(p.conn, msg("removed"));
        gone(p.conn);
        p.conn.close();
    }

    synchronized void end() {
        if (ended) return;
        ended = true;
        for (Peer p : List.copyOf(peers.values())) {
            send(p.conn, msg("ended"));
            p.conn.close();
        }
        for (WebSocket w : List.copyOf(watchers)) {
            send(w, msg("ended"));
            w.close();
        }
        if (relay != null) send(relay, msg("ended"));
        watchers.clear();
        peers.clear();
    }

    synchronized boolean ended() { return ended; }

    synchronized MeetingState state() {
        List<MeetingState.Attendee> in = new ArrayList<>(), waiting = new ArrayList<>();
        for (Peer p : peers.values())
            (p.inCall ? in : waiting).add(new MeetingState.Attendee(p.id, p.name, p.scripted, p.speaking));
        return new MeetingState(id, url, ended, in, waiting, chat);
    }

    private void admit(Peer p) {
        p.inCall = true;
        ArrayNode others = JSON.createArrayNode();
        for (Peer o : peers.values()) {
            if (o == p || !o.inCall) continue;
            send(o.conn, msg("peer-joined").set("peer", info(p)));
            others.add(info(o));
        }
        ObjectNode admitted = msg("admitted");
        admitted.set("you", info(p));
        admitted.set("peers", others);
        admitted.put("media", relayed() ? "relay" : "mesh");
        send(p.conn, admitted);
        if (relayed() && relay != null) send(relay, relayPeer(p));
        inCallWaiters.computeIfAbsent(p.name, n -> new CompletableFuture<>()).complete(null);
        if (!p.scripted) onGuestAdmitted.accept(p);
    }

    private Peer waitingNamed(String name) {
        return peers.values().stream().filter(p -> !p.inCall && p.name.equals(name)).findFirst()
                .orElseThrow(() -> new BaasException(ErrorCode.NOT_FOUND, "name: nobody called \"" + name
                        + "\" is waiting in meeting " + id));
    }

    private Peer byId(String peerId) {
        return peers.values().stream().filter(p -> p.id.equals(peerId)).findFirst().orElse(null);
    }

    private void broadcast(ObjectNode m, Peer except) {
        for (Peer p : peers.values()) if (p.inCall && p != except) send(p.conn, m);
    }

    private static ObjectNode relayPeer(Peer p) {
        ObjectNode m = msg("relay-peer");
        m.set("peer", info(p).put("scripted", p.scripted));
        return m;
    }

    private static ObjectNode info(Peer p) {
        return JSON.createObjectNode().put("id", p.id).put("name", p.name).put("streamId", p.streamId)
                .put("recvVideo", p.recvVideo);
    }

    private static ObjectNode msg(String type) { return JSON.createObjectNode().put("t", type); }

    private static void send(WebSocket conn, ObjectNode m) {
        if (conn.isOpen()) conn.send(m.toString());
    }
}
