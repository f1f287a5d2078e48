package dev.baas.stt.builtin;

import dev.baas.spi.Plugins;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The engine finds the offline provider by its v1 name, and it asks for no key. */
class DefaultDiscoveryTest {
    @Test
    void theDefaultProviderIsFoundByItsV1Name() {
        var provider = Plugins.speechToText(getClass().getClassLoader()).get("Default");
        assertInstanceOf(DefaultSpeechToText.class, provider);
        assertFalse(provider.requiresApiKey());
    }
}
