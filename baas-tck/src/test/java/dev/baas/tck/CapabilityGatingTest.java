package dev.baas.tck;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** A platform that declares no capabilities is held to the required core only; gated rules are skipped (aborted by an assumption, never passed). */
class CapabilityGatingTest {
    static final class BareRun extends MeetingPlatformTck {
        @Override protected PlatformFixture createFixture() { return new FakePlatform.Fixture(Set.of(), Set.of()); }
    }

    @Test void gated_rules_are_skipped_and_the_core_still_runs() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(BareRun.class)).execute().testEvents();
        assertEquals(Set.of("required_waiting_room_103_reports_waiting_room", "required_denial_104_reports_denied",
                        "required_participants_201_reports_participants_joining_and_leaving",
                        "required_speaker_202_reports_active_speaker", "required_chat_301_sends_chat",
                        "required_chat_302_reads_chat", "required_audio_402_labels_each_participant_audio",
                        "required_video_501_captures_meeting_view", "required_speech_601_participant_hears_the_bot",
                        // the trap rules need a fixture that reproduces a real platform's traps
                        "required_trap_110_a_lobby_is_never_admission", "required_trap_111_late_modals_do_not_stall_the_bot",
                        "required_trap_112_a_sign_in_wall_is_cannot_join", "required_trap_113_waits_for_the_host_then_joins"),
                Set.copyOf(tests.aborted().stream().map(e -> e.getTestDescriptor().getDisplayName().replace("()", "")).toList()));
        assertEquals(0, tests.failed().count(), "core rules failed for a faithful platform");
        assertEquals(8, tests.succeeded().count());
    }
}
