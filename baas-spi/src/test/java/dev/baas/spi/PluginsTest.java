package dev.baas.spi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class PluginsTest {
    /** Two test plugins registered in META-INF/services both claim "Default". */
    public static final class FirstDefault implements SpeechToTextProvider {
        @Override public String name() { return "Default"; }
        @Override public boolean requiresApiKey() { return false; }
        @Override public Transcript transcribe(TranscriptionRequest r) { return Transcript.empty("first"); }
    }

    public static final class SecondDefault implements SpeechToTextProvider {
        @Override public String name() { return "default"; }
        @Override public boolean requiresApiKey() { return false; }
        @Override public Transcript transcribe(TranscriptionRequest r) { return Transcript.empty("second"); }
    }

    record Named(String name) implements MeetingPlatform {
        @Override public Optional<MeetingRef> parse(String url) { return Optional.empty(); }
        @Override public Set<Capability> capabilities() { return Set.of(); }
        @Override public MeetingSession open(SessionContext context) { throw new UnsupportedOperationException(); }
    }

    @Test
    void duplicateProvidersOnTheClassPathAreAClearError() {
        BaasException e = assertThrows(BaasException.class, () -> Plugins.speechToText(getClass().getClassLoader()));
        assertEquals(ErrorCode.PLUGIN_CONFLICT, e.code());
        assertTrue(e.getMessage().contains(FirstDefault.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(SecondDefault.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("\"Default\""), e.getMessage());
    }

    @Test
    void zeroPluginsIsFine() {
        assertTrue(Plugins.platforms(getClass().getClassLoader()).isEmpty());
    }

    @Test
    void manyDistinctPluginsAreIndexedInOrder() {
        var byName = Plugins.byName(MeetingPlatform.class, List.of(new Named("meet"), new Named("teams"), new Named("zoom")),
                MeetingPlatform::name);
        assertEquals(List.of("meet", "teams", "zoom"), List.copyOf(byName.keySet()));
    }

    @Test
    void aPluginWithoutANameIsRefused() {
        assertThrows(BaasException.class, () -> Plugins.byName(MeetingPlatform.class, List.of(new Named(" ")), MeetingPlatform::name));
    }
}
