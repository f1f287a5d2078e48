package dev.baas.sandbox;

import dev.baas.browser.Pcm;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Text to speech with Debian's espeak-ng, so scripted participants say real words. */
final class Speech {
    private static final String ESPEAK = "/usr/bin/espeak-ng";

    private Speech() {}

    static Pcm.Wav synthesize(String text) {
        if (text == null || text.isBlank()) throw BaasException.invalid("text", "is required");
        Process p;
        try {
            p = new ProcessBuilder(List.of(ESPEAK, "-v", "en-us", "-s", "150", "--stdout", text))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] wav = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0)
                throw new BaasException(ErrorCode.INTERNAL, "espeak-ng failed for text \"" + text + "\"");
            return Pcm.readWav(wav);
        } catch (IOException e) {
            throw new BaasException(ErrorCode.UNAVAILABLE, "espeak-ng is not available (apt-get install espeak-ng): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BaasException(ErrorCode.INTERNAL, "interrupted while synthesising speech", e);
        }
    }
}
