package dev.baas.core.storage;

import dev.baas.spi.BaasException;

import java.util.regex.Pattern;

/** The one rule for artifact names and keys, shared by every storage so none can be tricked out of its root. */
final class ArtifactNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern KEY = Pattern.compile("[0-9a-fA-F-]{36}/[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private ArtifactNames() {}

    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw BaasException.invalid("name", "must be 1-128 letters, digits, '.', '_' or '-', not starting with a symbol");
        }
        return name;
    }

    static boolean isSafeKey(String key) {
        return key != null && KEY.matcher(key).matches() && !key.contains("..");
    }

    /** What a browser should be told a file is, from its extension. */
    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
        return switch (ext) {
            case "mp4", "m4v" -> "video/mp4";
            case "m4a" -> "audio/mp4";
            case "mp3" -> "audio/mpeg";
            case "wav" -> "audio/wav";
            case "json" -> "application/json";
            case "txt", "srt", "vtt" -> "text/plain; charset=utf-8";
            default -> "application/octet-stream";
        };
    }
}
