package dev.baas.tck;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Runs the TCK against platforms with one defect each and checks the rule for that defect is the one that fails. */
class TckCatchesBrokenPlatformsTest {
    /** Which defect the next {@link BrokenRun} uses; the test kit runs it synchronously on this thread. */
    static volatile FakePlatform.Defect defect;

    static final class BrokenRun extends MeetingPlatformTck {
        @Override protected PlatformFixture createFixture() { return new FakePlatform.Fixture(Set.of(defect)); }
    }

    static Stream<Arguments> defects() {
        return Stream.of(
                Arguments.of(FakePlatform.Defect.DENIED_AS_ADMITTED, "required_denial_104_reports_denied"),
                Arguments.of(FakePlatform.Defect.SILENT_CAPTURE, "required_audio_401_captures_participant_speech,"
                        + "required_audio_402_labels_each_participant_audio"),
                Arguments.of(FakePlatform.Defect.ALL_AUDIO_LABELLED_ALICE, "required_audio_402_labels_each_participant_audio"),
                Arguments.of(FakePlatform.Defect.CHAT_LOST, "required_chat_301_sends_chat"),
                Arguments.of(FakePlatform.Defect.NEVER_LEAVES, "required_leave_107_leaves_on_command"),
                Arguments.of(FakePlatform.Defect.CLAIMS_ANY_URL, "required_parse_109_recognises_its_meeting_urls_only"));
    }

    @ParameterizedTest @MethodSource("defects")
    void the_rules_for_the_defect_fail_and_no_others(FakePlatform.Defect broken, String rules) {
        defect = broken;
        Events failed = EngineTestKit.engine("junit-jupiter").selectors(selectClass(BrokenRun.class)).execute()
                .testEvents().failed();
        List<String> names = failed.stream().map(e -> e.getTestDescriptor().getDisplayName().replace("()", "")).toList();
        assertEquals(Set.of(rules.split(",")), Set.copyOf(names), broken + " should break exactly these rules");
    }
}
