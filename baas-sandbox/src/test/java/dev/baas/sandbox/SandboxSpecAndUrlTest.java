package dev.baas.sandbox;

import dev.baas.spi.BaasException;
import dev.baas.spi.MeetingRef;
import dev.baas.spi.Violation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxSpecAndUrlTest {
    @Test void reads_a_meeting_spec() {
        MeetingSpec s = MeetingSpec.fromJson("""
                {"participants":[{"name":"Alice","says":["Hi Bob"]},{"name":"Carol"}],
                 "waiting_room":true,"auto_admit":false,"end_after_s":120}""");
        assertEquals(List.of(new MeetingSpec.ParticipantSpec("Alice", List.of("Hi Bob")), MeetingSpec.ParticipantSpec.named("Carol")),
                s.participants());
        assertTrue(s.waitingRoom());
        assertTrue(!s.autoAdmit());
        assertEquals(Optional.of(Duration.ofSeconds(120)), s.endAfter());
        MeetingSpec empty = MeetingSpec.fromJson("");
        assertTrue(empty.participants().isEmpty() && !empty.waitingRoom() && empty.autoAdmit());
    }

    @Test void names_every_bad_field() {
        BaasException e = assertThrows(BaasException.class, () -> MeetingSpec.fromJson("""
                {"participants":[{"name":""},{"name":"A","says":[3]},{"name":"A"}],"end_after_s":0}"""));
        assertEquals(List.of("participants[0].name", "participants[1].says[0]", "participants[2].name", "end_after_s"),
                e.violations().stream().map(Violation::field).toList());
        assertEquals("body", assertThrows(BaasException.class, () -> MeetingSpec.fromJson("{")).violations().getFirst().field());
    }

    @Test void recognises_sandbox_urls_only() {
        SandboxPlatform p = new SandboxPlatform();
        assertEquals(Optional.of(MeetingRef.of("sandbox", "http://127.0.0.1:8080/m/sbx-abcd-efgh", "sbx-abcd-efgh")),
                p.parse(" http://127.0.0.1:8080/m/sbx-abcd-efgh?x=1 "));
        assertEquals("sbx-abcd-efgh", p.parse("https://sandbox.example.org/m/sbx-abcd-efgh").orElseThrow().meetingId());
        for (String other : new String[]{"https://meet.google.com/abc-defg-hij", "http://127.0.0.1/x/sbx-abcd",
                "ws://127.0.0.1/m/sbx-abcd", "http://127.0.0.1/m/", "%%%", ""})
            assertTrue(p.parse(other).isEmpty(), other);
        assertTrue(p.parse(null).isEmpty());
    }
}
