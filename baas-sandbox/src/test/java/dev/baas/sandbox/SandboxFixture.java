package dev.baas.sandbox;

import dev.baas.browser.BrowserRuntime;
import dev.baas.browser.BrowserSettings;
import dev.baas.spi.MeetingPlatform;
import dev.baas.tck.PlatformFixture;
import dev.baas.tck.TestMeeting;
import dev.baas.tck.TestMeetingSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The sandbox as the TCK sees it: a real sandbox service, its participants' browser and a bots' browser. */
final class SandboxFixture implements PlatformFixture {
    final SandboxService sandbox = SandboxService.start(SandboxService.Settings.defaults());
    final BrowserRuntime bots = BrowserRuntime.start(BrowserSettings.defaults());
    private final SandboxPlatform platform = new SandboxPlatform();

    SandboxFixture() {
        bots.awaitWarm(Duration.ofSeconds(60));
    }

    @Override public MeetingPlatform platform() { return platform; }

    @Override public <T> Optional<T> service(Class<T> type) {
        return type == BrowserRuntime.class ? Optional.of(type.cast(bots)) : Optional.empty();
    }

    @Override public TestMeeting createMeeting(TestMeetingSpec spec) {
        MeetingSpec s = new MeetingSpec(spec.participants().stream().map(MeetingSpec.ParticipantSpec::named).toList(),
                spec.waitingRoom(), false, Duration.ZERO, Optional.empty());
        SandboxService.CreatedMeeting m = sandbox.create(s);
        return new Meeting(m.id(), m.meetingUrl());
    }

    @Override public void close() {
        bots.close();
        sandbox.close();
    }

    private final class Meeting implements TestMeeting {
        private final String id, url;

        Meeting(String id, String url) {
            this.id = id;
            this.url = url;
        }

        @Override public String url() { return url; }
        @Override public void admitBot(String botName) { sandbox.admit(id, botName); }
        @Override public void denyBot(String botName) { sandbox.deny(id, botName); }
        @Override public void removeBot(String botName) { sandbox.remove(id, botName); }
        @Override public void end() { sandbox.end(id); }
        @Override public void participantJoins(String name) { sandbox.addParticipant(id, name); }
        @Override public void participantLeaves(String name) { sandbox.removeParticipant(id, name); }

        @Override public Spoken participantSays(String participant, String text) {
            Utterance u = sandbox.say(id, participant, text);
            return new Spoken(u.onset(), u.duration());
        }

        @Override public void participantWritesChat(String participant, String text) { sandbox.chat(id, participant, text); }
        @Override public boolean inCall(String name) { return sandbox.state(id).isInCall(name); }
        @Override public List<String> chatFrom(String sender) { return sandbox.state(id).chatFrom(sender); }

        @Override public Heard heardBy(String participant, Instant since) {
            dev.baas.sandbox.Heard h = sandbox.heard(id, participant, since);
            return new Heard(h.peakRms(), h.voiced());
        }

        @Override public void close() {
            if (!sandbox.state(id).ended()) sandbox.end(id);
        }
    }
}
