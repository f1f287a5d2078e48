package dev.baas.stt.builtin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Debian's pocketsphinx-testdata LibriVox clips and their reference words, and word error counting. */
final class LibrivoxClips {
    static final Path DIR = Path.of("/usr/share/pocketsphinx/test/data/librivox");

    private LibrivoxClips() {}

    /** Clip file to reference words, from the package's {@code transcription} file. */
    static Map<Path, List<String>> references() throws IOException {
        Map<Path, List<String>> refs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DIR.resolve("transcription"))) {
            int open = line.lastIndexOf('(');
            if (open < 0) continue;
            String id = line.substring(open + 1, line.lastIndexOf(')'));
            List<String> words = Arrays.stream(line.substring(0, open).trim().split("\\s+"))
                    .filter(w -> !w.startsWith("<")).toList();
            refs.put(DIR.resolve(id + ".wav"), words);
        }
        return refs;
    }

    /** Levenshtein distance over words: substitutions + insertions + deletions. */
    static int wordErrors(List<String> reference, List<String> hypothesis) {
        int[] prev = new int[hypothesis.size() + 1], cur = new int[hypothesis.size() + 1];
        for (int j = 0; j <= hypothesis.size(); j++) prev[j] = j;
        for (int i = 1; i <= reference.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= hypothesis.size(); j++) {
                int sub = prev[j - 1] + (reference.get(i - 1).equals(hypothesis.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[hypothesis.size()];
    }
}
