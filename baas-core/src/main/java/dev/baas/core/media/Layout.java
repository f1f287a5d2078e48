package dev.baas.core.media;

import dev.baas.spi.RecordingMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the stage is drawn. {@link #signature} is equal for two moments that would be drawn alike, so a still
 * picture is painted once and only encoded again.
 */
sealed interface Layout permits Layout.SpeakerView, Layout.GalleryView {
    Object signature(Stage stage);

    void paint(Canvas canvas, Stage stage);

    static Layout of(RecordingMode mode) {
        return mode == RecordingMode.GALLERY_VIEW ? new GalleryView() : new SpeakerView();
    }

    /**
     * The one who has the floor, full frame: their camera if it shows, else the meeting's own view, else a card
     * with their name (so audio-only platforms still give a video).
     */
    record SpeakerView() implements Layout {
        private sealed interface Shot {}

        private record Camera(String id, String name, Tile tile, long version) implements Shot {}

        private record View(long version) implements Shot {}

        private record Card(String id, String name) implements Shot {}

        private static Shot pick(Stage stage) {
            Optional<String> speaker = stage.speaker();
            Optional<String> cameraOwner = speaker.filter(id -> stage.camera(id).isPresent());
            if (cameraOwner.isEmpty() && speaker.isEmpty() && !stage.view().hasPicture()) {
                cameraOwner = stage.participants().stream().filter(id -> stage.camera(id).isPresent()).findFirst();
            }
            if (cameraOwner.isPresent()) {
                String id = cameraOwner.get();
                Tile t = stage.camera(id).orElseThrow();
                return new Camera(id, stage.name(id), t, t.version());
            }
            if (stage.view().hasPicture()) return new View(stage.view().version());
            String id = speaker.or(() -> stage.participants().stream().findFirst()).orElse("");
            return new Card(id, stage.name(id));
        }

        @Override public Object signature(Stage stage) { return pick(stage); }

        @Override
        public void paint(Canvas canvas, Stage stage) {
            int w = canvas.width();
            int h = canvas.height();
            canvas.clear();
            switch (pick(stage)) {
                case Camera c -> {
                    var img = stage.image(c.tile());
                    if (img.isPresent()) {
                        canvas.picture(img.get(), 0, 0, w, h);
                        canvas.label(c.name(), 0, 0, w, h);
                    } else {
                        canvas.card(stage.colour(c.id()), c.name(), 0, 0, w, h);
                    }
                }
                case View v -> stage.image(stage.view()).ifPresent(img -> canvas.picture(img, 0, 0, w, h));
                case Card c -> {
                    if (!c.id().isEmpty()) canvas.card(stage.colour(c.id()), c.name(), 0, 0, w, h);
                }
            }
        }
    }

    /**
     * Everyone in a grid, each with their name; cameras where they show, name cards elsewhere. When only the
     * meeting's own view is captured, that view already is the gallery and is shown as is.
     */
    record GalleryView() implements Layout {
        private record Cell(String id, String name, long version, boolean speaking) {}

        private static boolean useView(Stage stage) {
            return stage.view().hasPicture() && !stage.anyCamera();
        }

        @Override
        public Object signature(Stage stage) {
            if (useView(stage)) return List.of("view", stage.view().version());
            List<Cell> cells = new ArrayList<>();
            for (String id : stage.participants()) {
                long version = stage.camera(id).map(Tile::version).orElse(-1L);
                cells.add(new Cell(id, stage.name(id), version, stage.speaker().filter(id::equals).isPresent()));
            }
            return cells;
        }

        @Override
        public void paint(Canvas canvas, Stage stage) {
            canvas.clear();
            int w = canvas.width();
            int h = canvas.height();
            if (useView(stage)) {
                stage.image(stage.view()).ifPresent(img -> canvas.picture(img, 0, 0, w, h));
                return;
            }
            List<String> people = stage.participants();
            if (people.isEmpty()) return;
            int cols = (int) Math.ceil(Math.sqrt(people.size()));
            int rows = (people.size() + cols - 1) / cols;
            int cw = w / cols;
            int ch = h / rows;
            int gap = Math.max(2, Math.min(cw, ch) / 80);
            for (int i = 0; i < people.size(); i++) {
                String id = people.get(i);
                int x = (i % cols) * cw + gap;
                int y = (i / cols) * ch + gap;
                int tw = cw - 2 * gap;
                int th = ch - 2 * gap;
                var img = stage.camera(id).flatMap(stage::image);
                if (img.isPresent()) {
                    canvas.picture(img.get(), x, y, tw, th);
                    canvas.label(stage.name(id), x, y, tw, th);
                } else {
                    canvas.card(stage.colour(id), stage.name(id), x, y, tw, th);
                }
                if (stage.speaker().filter(id::equals).isPresent()) canvas.highlight(x, y, tw, th);
            }
        }
    }
}
