package dev.baas.core;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The README's embedding example is the code in {@link ReadmeEmbeddingExample}, which compiles with the tests. */
class ReadmeTest {
    static String normalise(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void readmeEmbeddingExampleIsTheCompiledOne() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("<!-- embedding-example -->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README has an embedding example block");
        String source = Files.readString(Path.of("src/test/java/dev/baas/core/ReadmeEmbeddingExample.java"));
        String compiled = source.substring(source.indexOf("// README:begin") + "// README:begin".length(), source.indexOf("// README:end"));
        assertEquals(normalise(compiled), normalise(m.group(1)));
    }
}
