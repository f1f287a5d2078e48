package dev.baas.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baas.spi.BaasException;
import dev.baas.spi.Violation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A sandbox meeting to create: scripted participants (each may say lines once a bot is in the call), whether
 * guests wait to be admitted, whether the host admits them by itself and after how long, and when the meeting
 * ends by itself. {@code platform} picks whose look-alike it is: the sandbox's own page, or Meet, Teams or Zoom
 * with their real URL shapes, pages and media topology; {@code hostPresent} false keeps guests waiting for the host
 * until {@link SandboxService#startHost}; {@code signInRequired} makes the look-alike refuse anonymous guests.
 */
public record MeetingSpec(List<ParticipantSpec> participants, boolean waitingRoom, boolean autoAdmit,
                          Duration admitDelay, Optional<Duration> endAfter, String platform, boolean hostPresent,
                          boolean signInRequired) {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final List<String> PLATFORMS = List.of("sandbox", "meet", "teams", "zoom");

    /** How media flow: every page to every page, or through a relay shaped like the platform's media server. */
    public enum Topology { MESH, SLOTS, MIX, PCM }

    public MeetingSpec(List<ParticipantSpec> participants, boolean waitingRoom, boolean autoAdmit, Duration admitDelay,
                       Optional<Duration> endAfter) {
        this(participants, waitingRoom, autoAdmit, admitDelay, endAfter, "sandbox", true, false);
    }

    public Topology topology() {
        return switch (platform) {
            case "meet" -> Topology.SLOTS;
            case "teams" -> Topology.MIX;
            case "zoom" -> Topology.PCM;
            default -> Topology.MESH;
        };
    }

    public MeetingSpec onPlatform(String name) {
        return new MeetingSpec(participants, waitingRoom, autoAdmit, admitDelay, endAfter, name, hostPresent, signInRequired);
    }

    public MeetingSpec withHost(boolean present, boolean signIn) {
        return new MeetingSpec(participants, waitingRoom, autoAdmit, admitDelay, endAfter, platform, present, signIn);
    }

    /** A scripted participant: a real browser page that joins, shows a camera tile and speaks its lines. */
    public record ParticipantSpec(String name, List<String> says) {
        public ParticipantSpec {
            says = List.copyOf(says);
        }

        public static ParticipantSpec named(String name) { return new ParticipantSpec(name, List.of()); }
    }

    public MeetingSpec {
        participants = List.copyOf(participants);
        endAfter = endAfter == null ? Optional.empty() : endAfter;
        platform = platform == null ? "sandbox" : platform;
        if (!PLATFORMS.contains(platform))
            throw BaasException.invalid("platform", "must be one of " + String.join(", ", PLATFORMS));
    }

    public static MeetingSpec of(String... names) {
        return new MeetingSpec(java.util.Arrays.stream(names).map(ParticipantSpec::named).toList(), false, true,
                Duration.ofMillis(500), Optional.empty());
    }

    public MeetingSpec withWaitingRoom(boolean waitingRoom, boolean autoAdmit) {
        return new MeetingSpec(participants, waitingRoom, autoAdmit, admitDelay, endAfter, platform, hostPresent,
                signInRequired);
    }

    /**
     * Reads {@code {"participants":[{"name":"Alice","says":["Hi Bob"]}],"waiting_room":true,"auto_admit":true,
     * "admit_delay_ms":500,"end_after_s":120,"platform":"meet","host_present":true,"sign_in_required":false}};
     * every field is optional. Errors name the field.
     */
    public static MeetingSpec fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw BaasException.invalid("body", "is not JSON: " + e.getOriginalMessage());
        }
        List<Violation> v = new ArrayList<>();
        if (!root.isObject()) throw BaasException.invalid("body", "must be a JSON object");
        List<ParticipantSpec> people = new ArrayList<>();
        JsonNode ps = root.path("participants");
        if (!ps.isMissingNode() && !ps.isArray()) v.add(new Violation("participants", "must be an array"));
        Set<String> names = new HashSet<>();
        for (int i = 0; ps.isArray() && i < ps.size(); i++) {
            JsonNode p = ps.get(i);
            String name = p.path("name").asText("").trim();
            if (name.isEmpty()) v.add(new Violation("participants[" + i + "].name", "is required"));
            else if (!names.add(name)) v.add(new Violation("participants[" + i + "].name", "is used twice"));
            List<String> says = new ArrayList<>();
            JsonNode s = p.path("says");
            if (!s.isMissingNode() && !s.isArray()) v.add(new Violation("participants[" + i + "].says", "must be an array of strings"));
            for (int j = 0; s.isArray() && j < s.size(); j++) {
                if (!s.get(j).isTextual() || s.get(j).asText().isBlank())
                    v.add(new Violation("participants[" + i + "].says[" + j + "]", "must be a non-empty string"));
                else says.add(s.get(j).asText());
            }
            people.add(new ParticipantSpec(name, says));
        }
        long delay = root.path("admit_delay_ms").asLong(500);
        if (delay < 0) v.add(new Violation("admit_delay_ms", "must not be negative"));
        Optional<Duration> end = Optional.empty();
        if (root.has("end_after_s")) {
            double s = root.path("end_after_s").asDouble(-1);
            if (s <= 0) v.add(new Violation("end_after_s", "must be a positive number of seconds"));
            else end = Optional.of(Duration.ofMillis(Math.round(s * 1000)));
        }
        String platform = root.path("platform").asText("sandbox");
        if (!PLATFORMS.contains(platform))
            v.add(new Violation("platform", "must be one of " + String.join(", ", PLATFORMS)));
        if (!v.isEmpty()) throw BaasException.invalid(v);
        return new MeetingSpec(people, root.path("waiting_room").asBoolean(false), root.path("auto_admit").asBoolean(true),
                Duration.ofMillis(delay), end, platform, root.path("host_present").asBoolean(true),
                root.path("sign_in_required").asBoolean(false));
    }
}
