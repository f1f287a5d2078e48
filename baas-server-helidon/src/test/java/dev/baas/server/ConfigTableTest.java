package dev.baas.server;

import dev.baas.core.calendar.CalendarSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's configuration table is the one the code renders from the settings it reads. After changing a setting,
 * regenerate it: {@code mvn -pl baas-server-helidon -am verify -Dtest=ConfigTableTest -Dsurefire.failIfNoSpecifiedTests=false -Dbaas.docs.write=true}.
 */
class ConfigTableTest {
    static final Path README = Path.of("..", "README.md");

    @Test
    void theReadmeTableIsTheOneTheCodeRenders() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf(Setting.TABLE_START);
        int end = readme.indexOf(Setting.TABLE_END);
        assertTrue(start >= 0 && end > start, "README has the markers " + Setting.TABLE_START + " ... " + Setting.TABLE_END);
        String rendered = Setting.table(Setting.all());
        String current = readme.substring(start, end + Setting.TABLE_END.length());
        if (Boolean.getBoolean("baas.docs.write") && !current.equals(rendered)) {
            Files.writeString(README, readme.substring(0, start) + rendered + readme.substring(end + Setting.TABLE_END.length()));
            return;
        }
        assertEquals(rendered, current, "README's configuration table is stale; regenerate it with -Dbaas.docs.write=true "
                + "(mvn -pl baas-server-helidon -am verify -Dtest=ConfigTableTest -Dsurefire.failIfNoSpecifiedTests=false -Dbaas.docs.write=true)");
    }

    @Test
    void everySettingIsNamedOnceAndItsDefaultIsWhatTheServerUses() {
        Set<String> names = new HashSet<>();
        for (Setting s : Setting.all()) {
            assertTrue(names.add(s.env()), s.env() + " is listed twice");
            assertTrue(s.env().startsWith("BAAS_") && !s.description().isBlank(), s.toString());
        }
        ServerConfig loaded = ServerConfig.load(io.helidon.config.Config.empty(), Map.of());
        assertEquals(ServerConfig.PORT.fallback().orElseThrow(), Integer.toString(loaded.port()));
        assertEquals(ServerConfig.HOST.fallback().orElseThrow(), loaded.host());
        assertEquals(ServerConfig.MAX_BODY_BYTES.fallback().orElseThrow(), Long.toString(loaded.maxBodyBytes()));
        assertEquals(ServerConfig.SCREENSHOT_INTERVAL_S.fallback().orElseThrow(), Long.toString(loaded.screenshotInterval().toSeconds()));
        assertEquals(ServerConfig.BROWSER.fallback().orElseThrow(), Boolean.toString(loaded.browser()));
        // the variable, not only the default, is what the server reads
        assertEquals(9999, ServerConfig.load(io.helidon.config.Config.empty(), Map.of(ServerConfig.PORT.env(), "9999")).port());
        // the calendar rows name settings the calendar service knows, with its defaults
        Map<String, String> calendar = new java.util.HashMap<>();
        for (Setting s : CalendarConfig.SETTINGS) {
            if (s.key().startsWith("calendar.")) calendar.put(s.key().substring("calendar.".length()), s.fallback().orElseThrow());
        }
        assertEquals(CalendarSettings.defaults(), CalendarSettings.fromConfig(calendar));
        assertEquals(6, calendar.size());
    }
}
