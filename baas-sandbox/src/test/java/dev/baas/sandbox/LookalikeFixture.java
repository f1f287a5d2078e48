package dev.baas.sandbox;

import dev.baas.browser.BrowserRuntime;
import dev.baas.browser.BrowserSettings;
import dev.baas.spi.MeetingPlatform;
import dev.baas.tck.PlatformFixture;
import dev.baas.tck.TestMeeting;
import dev.baas.tck.TestMeetingSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sandbox meeting platform as the TCK sees it: a real sandbox service with its participants' browser, and a bots'
 * browser that reaches the look-alikes by the real platforms' host names. {@code sandbox} is the sandbox's own
 * page; {@code meet}, {@code teams} and {@code zoom} are the look-alikes, which reproduce their platform's traps.
 */
public final class LookalikeFixture implements PlatformFixture {
    private final String lookalike;
    private final MeetingPlatform platform;
    private final SandboxService sandbox = SandboxService.start(SandboxService.Settings.defaults());
    private final BrowserRuntime bots;

    public LookalikeFixture(String lookalike, MeetingPlatform platform) {
        this.lookalike = lookalike;
        this.platform = platform;
        BrowserSettings settings = BrowserSettings.defaults();
        List<String> args = new ArrayList<>(settings.extraArgs());
        args.add(sandbox.hostResolverRules());
        this.bots = BrowserRuntime.start(settings.withExtraArgs(args));
        bots.awaitWarm(Duration.ofSeconds(60));
    }

    /** The sandbox behind the fixture, for tests that act on meetings beyond what the TCK asks. */
    public SandboxService sandbox() { return sandbox; }

    public BrowserRuntime botsBrowser() { return bots; }

    @Override public MeetingPlatform platform() { return platform; }

    @Override public boolean reproducesTraps() { return !lookalike.equals("sandbox"); }

    @Override public <T> Optional<T> service(Class<T> type) {
        return type == BrowserRuntime.class ? Optional.of(type.cast(bots)) : Optional.empty();
    }

    @Override public TestMeeting createMeeting(TestMeetingSpec spec) {
        MeetingSpec s = new MeetingSpec(spec.participants().stream().map(MeetingSpec.ParticipantSpec::named).toList(),
                spec.waitingRoom(), false, Duration.ZERO, Optional.empty())
                .onPlatform(lookalike).withHost(spec.hostPresent(), spec.signInRequired());
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
        @Override public void startHost() { sandbox.startHost(id); }
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
