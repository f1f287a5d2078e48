package dev.baas.core;

import dev.baas.core.logging.ProgressLog;
import dev.baas.spi.BotConfig;
import dev.baas.spi.MeetingArtifacts;
import dev.baas.spi.Transcript;

import java.util.Map;

/** Turns a finished recording into a transcript with speaker names, using the provider the bot asked for. */
public interface Transcriber {
    /**
     * @param participantNames participant id to display name, for per-participant audio tracks
     * @throws dev.baas.spi.BaasException with {@link dev.baas.spi.ErrorCode#PROVIDER_ERROR} when it cannot
     */
    Transcript transcribe(BotConfig config, MeetingArtifacts artifacts, Map<String, String> participantNames)
            throws InterruptedException;

    /**
     * As {@link #transcribe(BotConfig, MeetingArtifacts, Map)}, with who spoke when, for recordings whose audio does
     * not say who is speaking (a mixed track only). Transcribers that cannot use it ignore it.
     */
    default Transcript transcribe(BotConfig config, MeetingArtifacts artifacts, Map<String, String> participantNames,
                                  SpeakerTimeline speakers) throws InterruptedException {
        return transcribe(config, artifacts, participantNames);
    }

    /**
     * As {@link #transcribe(BotConfig, MeetingArtifacts, Map, SpeakerTimeline)}, telling {@code progress} how many
     * seconds of audio there are to transcribe and how many are done, as it goes. Transcribers that cannot tell
     * ignore it; the engine marks the work finished when this returns.
     */
    default Transcript transcribe(BotConfig config, MeetingArtifacts artifacts, Map<String, String> participantNames,
                                  SpeakerTimeline speakers, ProgressLog progress) throws InterruptedException {
        return transcribe(config, artifacts, participantNames, speakers);
    }
}
