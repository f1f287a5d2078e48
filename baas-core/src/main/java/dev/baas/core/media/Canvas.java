package dev.baas.core.media;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;

/** The picture being composed, in packed BGR as the encoder takes it, and the few ways it is drawn on. */
final class Canvas {
    static final Color BACKGROUND = new Color(0x20, 0x21, 0x24);
    private static final Color TILE = new Color(0x3c, 0x40, 0x43);
    private static final Color LABEL = new Color(0, 0, 0, 150);
    private static final Color HIGHLIGHT = new Color(0x8a, 0xb4, 0xf8);

    private final BufferedImage image;
    private final Graphics2D g;
    private final int width;
    private final int height;

    Canvas(int width, int height) {
        this.width = width;
        this.height = height;
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        this.g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        clear();
    }

    int width() { return width; }

    int height() { return height; }

    /** The pixels, packed BGR, row after row. */
    byte[] bgr() { return ((DataBufferByte) image.getRaster().getDataBuffer()).getData(); }

    void clear() {
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
    }

    /** Draws {@code picture} as large as fits in the box, centred, keeping its proportions. */
    void picture(BufferedImage picture, int x, int y, int w, int h) {
        double scale = Math.min(w / (double) picture.getWidth(), h / (double) picture.getHeight());
        int pw = Math.max(1, (int) Math.round(picture.getWidth() * scale));
        int ph = Math.max(1, (int) Math.round(picture.getHeight() * scale));
        // near 1:1 the nearest pixel looks the same as blending and costs a tenth
        boolean nearlySameSize = scale > 0.8 && scale < 1.25;
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, nearlySameSize
                ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(picture, x + (w - pw) / 2, y + (h - ph) / 2, pw, ph, null);
    }

    /** A participant without a picture: a disc in a colour of their own with their initial, and their name. */
    void card(Color colour, String name, int x, int y, int w, int h) {
        g.setColor(TILE);
        g.fillRect(x, y, w, h);
        int d = Math.max(8, Math.min(w, h) / 3);
        int cx = x + w / 2;
        int cy = y + h / 2 - d / 4;
        g.setColor(colour);
        g.fillOval(cx - d / 2, cy - d / 2, d, d);
        String initial = name.isBlank() ? "?" : name.substring(0, name.offsetByCodePoints(0, 1)).toUpperCase(java.util.Locale.ROOT);
        centred(initial, cx, cy, d / 2, Color.WHITE);
        centred(name, cx, cy + d / 2 + Math.max(10, h / 12), Math.max(10, h / 16), Color.WHITE);
    }

    /** The name in a dark box at the bottom left of a box. */
    void label(String name, int x, int y, int w, int h) {
        int size = Math.max(10, Math.min(28, h / 16));
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, size);
        g.setFont(font);
        FontMetrics m = g.getFontMetrics();
        String text = fit(name, m, w - size * 2);
        int pad = size / 3;
        int bw = m.stringWidth(text) + 2 * pad;
        int bh = m.getHeight() + pad;
        int bx = x + pad;
        int by = y + h - bh - pad;
        g.setColor(LABEL);
        g.fillRect(bx, by, bw, bh);
        g.setColor(Color.WHITE);
        g.drawString(text, bx + pad, by + pad / 2 + m.getAscent());
    }

    /** A frame around the box of whoever has the floor. */
    void highlight(int x, int y, int w, int h) {
        int t = Math.max(2, Math.min(w, h) / 60);
        g.setColor(HIGHLIGHT);
        g.setStroke(new BasicStroke(t));
        g.drawRect(x + t / 2, y + t / 2, w - t, h - t);
    }

    private void centred(String text, int cx, int baselineCentre, int size, Color colour) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
        FontMetrics m = g.getFontMetrics();
        String t = fit(text, m, width - 20);
        g.setColor(colour);
        g.drawString(t, cx - m.stringWidth(t) / 2, baselineCentre + (m.getAscent() - m.getDescent()) / 2);
    }

    private static String fit(String text, FontMetrics m, int maxWidth) {
        if (m.stringWidth(text) <= maxWidth) return text;
        String t = text;
        while (t.length() > 1 && m.stringWidth(t + "…") > maxWidth) t = t.substring(0, t.length() - 1);
        return t + "…";
    }

    /** Muted colours far apart, given to participants in the order they appear, so cards are told apart. */
    static final List<Color> PALETTE = List.of(new Color(0x5b, 0x8d, 0xd9), new Color(0xd9, 0x7b, 0x5b),
            new Color(0x5b, 0xa8, 0x6c), new Color(0xa8, 0x5b, 0xc4), new Color(0xc9, 0xa2, 0x3f),
            new Color(0x4f, 0xa9, 0xa9), new Color(0xc4, 0x5b, 0x86), new Color(0x7d, 0x86, 0x95));

    static Color colour(int participantIndex) {
        return PALETTE.get(Math.floorMod(participantIndex, PALETTE.size()));
    }
}
