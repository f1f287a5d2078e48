package dev.baas.core.media;

import dev.baas.spi.VideoFrame;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SequencedSet;

/**
 * What the recording shows at a moment: who is in the meeting (in the order first seen), their names, each
 * camera's picture, the whole-view picture and who has the floor. Speakers and pictures change at their own
 * timestamps as the timeline advances, not when they arrive.
 */
final class Stage {
    private record SpeakerChange(long atMicros, long order, String participantId, boolean speaking) {}

    private final SequencedSet<String> participants = new LinkedHashSet<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, Tile> cameras = new LinkedHashMap<>();
    private final Tile view = new Tile();
    private final Images images = new Images();
    private final PriorityQueue<SpeakerChange> speakerChanges = new PriorityQueue<>(
            Comparator.comparingLong(SpeakerChange::atMicros).thenComparingLong(SpeakerChange::order));
    private long changes;
    private String speaker;

    void video(long atMicros, VideoFrame frame) {
        if (frame.isView()) {
            view.add(atMicros, frame);
        } else {
            participants.add(frame.source());
            cameras.computeIfAbsent(frame.source(), k -> new Tile()).add(atMicros, frame);
        }
    }

    /** A participant whose audio was heard: present even without a camera. */
    void heard(String participantId) { participants.add(participantId); }

    void speaker(String participantId, String name, boolean speaking, long atMicros) {
        participants.add(participantId);
        if (name != null && !name.isBlank()) names.put(participantId, name);
        speakerChanges.add(new SpeakerChange(atMicros, changes++, participantId, speaking));
    }

    /** Speaker changes due after {@code atMicros} happen at {@code atMicros}, keeping their order. */
    void bringForward(long atMicros) {
        List<SpeakerChange> later = new ArrayList<>();
        speakerChanges.removeIf(c -> c.atMicros() > atMicros && later.add(c));
        later.forEach(c -> speakerChanges.add(new SpeakerChange(atMicros, c.order(), c.participantId(), c.speaking())));
    }

    /** Applies what is due by {@code atMicros}: speaker changes at their time, pictures up to {@code pictureMicros}. */
    void advance(long atMicros, long pictureMicros) {
        while (!speakerChanges.isEmpty() && speakerChanges.peek().atMicros() <= atMicros) {
            SpeakerChange c = speakerChanges.poll();
            // the floor stays with the last one who spoke until someone else speaks
            if (c.speaking()) speaker = c.participantId();
        }
        view.advance(pictureMicros);
        cameras.values().forEach(t -> t.advance(pictureMicros));
    }

    Optional<String> speaker() { return Optional.ofNullable(speaker); }

    List<String> participants() { return new ArrayList<>(participants); }

    String name(String participantId) { return names.getOrDefault(participantId, participantId); }

    /** The participant's own colour: by the order they appeared in. */
    java.awt.Color colour(String participantId) {
        int i = 0;
        for (String p : participants) {
            if (p.equals(participantId)) return Canvas.colour(i);
            i++;
        }
        return Canvas.colour(i);
    }

    Optional<Tile> camera(String participantId) {
        return Optional.ofNullable(cameras.get(participantId)).filter(Tile::hasPicture);
    }

    boolean anyCamera() { return cameras.values().stream().anyMatch(Tile::hasPicture); }

    Tile view() { return view; }

    /** The picture {@code tile} shows now, decoded once. */
    Optional<java.awt.image.BufferedImage> image(Tile tile) { return tile.image(images); }

    /** Frees the native decoder. */
    void close() { images.close(); }

    long badFrames() {
        return view.badFrames() + cameras.values().stream().mapToLong(Tile::badFrames).sum();
    }
}
