package dev.baas.browser;

import dev.baas.spi.MeetingEvent;
import dev.baas.spi.Participant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is in a meeting and who speaks, as the platform's page last showed them. A session hands it each new view and
 * emits the events it answers: arrivals first (so someone replacing the last person never leaves the meeting empty
 * for a moment), then departures, a departing speaker falling silent before leaving, then who started or stopped
 * speaking. Not thread-safe: a session calls it from the thread that reads its page.
 */
public final class Roster {
    private final Map<String, Participant> present = new LinkedHashMap<>();
    private final Set<String> speaking = new LinkedHashSet<>();

    /** The people in the call now (by {@link Participant#id()}) and what changed since the last view. */
    public List<MeetingEvent> people(Collection<Participant> now, Instant at) {
        List<MeetingEvent> events = new ArrayList<>();
        Map<String, Participant> byId = new LinkedHashMap<>();
        now.forEach(p -> byId.put(p.id(), p));
        for (Participant p : byId.values())
            if (present.put(p.id(), p) == null) events.add(new MeetingEvent.ParticipantJoined(at, p));
        for (Participant p : List.copyOf(present.values())) {
            if (byId.containsKey(p.id())) continue;
            present.remove(p.id());
            if (speaking.remove(p.id())) events.add(new MeetingEvent.ActiveSpeaker(at, p, false));
            events.add(new MeetingEvent.ParticipantLeft(at, p));
        }
        return events;
    }

    /**
     * Who speaks now, by id, and what changed. Someone the page shows speaking but not (yet) in the call is named
     * by the id itself.
     */
    public List<MeetingEvent> speakers(Set<String> now, Instant at) {
        List<MeetingEvent> events = new ArrayList<>();
        for (String id : now)
            if (speaking.add(id)) events.add(new MeetingEvent.ActiveSpeaker(at, participant(id), true));
        for (String id : List.copyOf(speaking))
            if (!now.contains(id)) {
                speaking.remove(id);
                events.add(new MeetingEvent.ActiveSpeaker(at, participant(id), false));
            }
        return events;
    }

    /** The people and speakers of one view, in that order. */
    public List<MeetingEvent> update(Collection<Participant> now, Set<String> talking, Instant at) {
        List<MeetingEvent> events = new ArrayList<>(people(now, at));
        events.addAll(speakers(talking, at));
        return events;
    }

    private Participant participant(String id) { return present.getOrDefault(id, Participant.of(id, id)); }
}
