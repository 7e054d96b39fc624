package io.recurbench.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Builds plugin jars at test time from compiled test classes or a class folder. */
final class TestJars {
    private TestJars() {}

    /**
     * A jar holding the class files of {@code classes} and, unless {@code services} is null, a
     * service file listing {@code services} (one provider per line, written as given).
     */
    static Path jar(Path file, List<String> services, Class<?>... classes) {
        try {
            Files.createDirectories(file.getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
                for (Class<?> c : classes) {
                    String entry = c.getName().replace('.', '/') + ".class";
                    try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                        if (in == null) {
                            throw new IllegalStateException("no class file for " + c.getName());
                        }
                        out.putNextEntry(new JarEntry(entry));
                        in.transferTo(out);
                    }
                }
                if (services != null) {
                    out.putNextEntry(new JarEntry(PluginDiscovery.SERVICE_FILE));
                    out.write((String.join("\n", services) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar of everything under {@code classes} (a Maven {@code target/classes} folder). */
    static Path jarOfFolder(Path classes, Path file) {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file));
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out); // copies without closing the jar stream
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
