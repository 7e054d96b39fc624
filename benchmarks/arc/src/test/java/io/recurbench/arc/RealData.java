package io.recurbench.arc;

import java.nio.file.Files;
import java.nio.file.Path;

/** The public ARC-AGI-1 data shared by the tests, loaded (and augmented as TRM does) once per test JVM. */
final class RealData {

    private static ArcDataset dataset;
    private static ArcAgi1Task trmTask;

    private RealData() {
    }

    static Path directory() {
        String shared = System.getProperty("recurbench.shared");
        if (shared == null) {
            throw new IllegalStateException("system property recurbench.shared is not set (the parent pom's surefire config sets it)");
        }
        Path dir = Path.of(shared, "data", "arc-agi-1");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("ARC-AGI-1 data not found at " + dir + " (expected training/ and evaluation/)");
        }
        return dir;
    }

    static synchronized ArcDataset dataset() {
        if (dataset == null) {
            dataset = ArcLoader.load(directory());
        }
        return dataset;
    }

    /** The task with TRM's settings: 1000 augmentations per task, plan seed 42. */
    static synchronized ArcAgi1Task trmTask() {
        if (trmTask == null) {
            trmTask = new ArcAgi1Task(dataset(), ArcAgi1Task.Config.TRM);
        }
        return trmTask;
    }

    /** The first {@code n} tasks of each set. */
    static ArcDataset subset(int n) {
        return new ArcDataset(dataset().training().subList(0, n), dataset().evaluation().subList(0, n));
    }
}
