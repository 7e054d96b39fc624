package io.recurbench.arc;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Writes the ARC Prize submission file: {@code {task_id: [{"attempt_1": grid, "attempt_2": grid}, ...]}}
 * with one entry per test input, in the task's test order. The file is written next to its target
 * under a temporary name and atomically renamed over it.
 */
public final class SubmissionWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubmissionWriter() {
    }

    /**
     * @param submission task id to, per test input, attempt name to grid rows (iteration order is
     *                   written as is)
     */
    public static void write(Path file, Map<String, List<Map<String, int[][]>>> submission) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                JSON.writeValue(out, submission);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
