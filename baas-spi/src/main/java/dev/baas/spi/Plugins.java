package dev.baas.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Discovers plugins with {@link ServiceLoader}. Zero, one or many providers are fine; two that claim the same name
 * are an error that names both classes, since picking one silently would hide a broken deployment.
 */
public final class Plugins {
    private Plugins() {}

    public static Map<String, MeetingPlatform> platforms(ClassLoader loader) {
        return load(MeetingPlatform.class, MeetingPlatform::name, loader);
    }

    public static Map<String, SpeechToTextProvider> speechToText(ClassLoader loader) {
        return load(SpeechToTextProvider.class, SpeechToTextProvider::name, loader);
    }

    /** Loads every {@code type} the class loader offers, keyed by name (case-insensitive for clashes). */
    public static <T> Map<String, T> load(Class<T> type, Function<T, String> name, ClassLoader loader) {
        List<T> found = new ArrayList<>();
        ServiceLoader.load(type, loader).forEach(found::add);
        return byName(type, found, name);
    }

    /** Indexes plugins by name, refusing duplicates with an error that names every clashing class. */
    public static <T> Map<String, T> byName(Class<T> type, List<T> plugins, Function<T, String> name) {
        Map<String, T> byName = new LinkedHashMap<>();
        Map<String, List<String>> clashes = new LinkedHashMap<>();
        Map<String, String> canonical = new LinkedHashMap<>();
        for (T plugin : plugins) {
            String n = name.apply(plugin);
            if (n == null || n.isBlank()) {
                throw new BaasException(ErrorCode.PLUGIN_CONFLICT,
                        type.getSimpleName() + " " + plugin.getClass().getName() + " has no name");
            }
            String key = n.toLowerCase(Locale.ROOT);
            if (canonical.containsKey(key)) {
                clashes.computeIfAbsent(key, k -> new ArrayList<>(List.of(byName.get(canonical.get(k)).getClass().getName())))
                        .add(plugin.getClass().getName());
            } else {
                canonical.put(key, n);
                byName.put(n, plugin);
            }
        }
        if (!clashes.isEmpty()) {
            StringBuilder msg = new StringBuilder("more than one " + type.getSimpleName() + " plugin claims the same name: ");
            clashes.forEach((key, classes) -> msg.append('"').append(canonical.get(key)).append("\" by ")
                    .append(String.join(" and ", classes)).append("; "));
            msg.append("remove one of them from the class path");
            throw new BaasException(ErrorCode.PLUGIN_CONFLICT, msg.toString());
        }
        return java.util.Collections.unmodifiableMap(byName);
    }
}
