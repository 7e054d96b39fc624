package io.recurbench.plugins;

import io.recurbench.api.operator.OperatorPlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Finds operator plugins on the host's class path and in a plugin directory, instantiates them and
 * checks their SPI version. Nothing here throws for a bad plugin: each becomes a
 * {@link RefusedPlugin} and the others are still loaded.
 *
 * <p>Plugin directory layout (as Trino's {@code plugin/}): every {@code *.jar} directly in the
 * directory is one plugin unit, and every sub-folder is one unit made of the {@code *.jar} files
 * directly inside it (a plugin with its own libraries). Each unit gets its own
 * {@link PluginClassLoader}. Other files, and sub-folders without jars, are ignored: the repository's
 * own {@code plugins/} folder holds the plugin modules' sources next to dropped-in jars.
 */
public final class PluginDiscovery {

    /** The plugin directory used when none is configured: {@code plugins/} under the working directory. */
    public static final Path DEFAULT_DIRECTORY = Path.of("plugins");

    static final String SERVICE_FILE = "META-INF/services/" + OperatorPlugin.class.getName();

    private PluginDiscovery() {}

    /** What discovery found: the plugins that loaded, and the refusals. */
    public record Result(List<LoadedPlugin> loaded, List<RefusedPlugin> refused) {
        public Result {
            loaded = List.copyOf(loaded);
            refused = List.copyOf(refused);
        }

        public Result plus(Result other) {
            List<LoadedPlugin> l = new ArrayList<>(loaded);
            l.addAll(other.loaded);
            List<RefusedPlugin> r = new ArrayList<>(refused);
            r.addAll(other.refused);
            return new Result(l, r);
        }
    }

    /** The plugins {@code ServiceLoader} finds through {@code loader} (the host's class path). */
    public static Result fromClasspath(ClassLoader loader) {
        return load(loader, PluginSource.classpath(), "classpath");
    }

    /**
     * The plugins of every unit in {@code directory} (see the class comment). A directory that does
     * not exist holds no plugins; a path that is not a directory fails with one line.
     */
    public static Result fromDirectory(Path directory) {
        if (!Files.exists(directory)) {
            return new Result(List.of(), List.of());
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("plugin directory " + directory + " is not a directory");
        }
        Result all = new Result(List.of(), List.of());
        for (Path entry : sortedEntries(directory)) {
            if (Files.isDirectory(entry)) {
                all = all.plus(fromFolder(entry));
            } else if (isJar(entry)) {
                all = all.plus(fromJars(entry, List.of(entry)));
            }
        }
        return all;
    }

    private static Result fromFolder(Path folder) {
        List<Path> jars = sortedEntries(folder).stream().filter(p -> Files.isRegularFile(p) && isJar(p)).toList();
        return jars.isEmpty() ? new Result(List.of(), List.of()) : fromJars(folder, jars);
    }

    private static Result fromJars(Path unit, List<Path> jars) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("plugin jar " + jar + " has no URL form: " + e.getMessage(), e);
            }
        }
        PluginClassLoader loader = new PluginClassLoader(unit.toString(), urls, OperatorPlugin.class.getClassLoader());
        Result result = load(loader, PluginSource.of(unit), unit.getFileName().toString());
        if (result.loaded().isEmpty()) {
            closeQuietly(loader);
        }
        return result;
    }

    /** Instantiates every provider visible through {@code loader}, refusing the ones that fail. */
    private static Result load(ClassLoader loader, PluginSource source, String unitName) {
        List<LoadedPlugin> loaded = new ArrayList<>();
        List<RefusedPlugin> refused = new ArrayList<>();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Iterator<OperatorPlugin> it = ServiceLoader.load(OperatorPlugin.class, loader).iterator();
            while (true) {
                OperatorPlugin plugin;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    plugin = it.next();
                } catch (ServiceConfigurationError | LinkageError e) {
                    refused.add(new RefusedPlugin(unitName, source, "cannot instantiate the plugin: " + oneLine(e)));
                    continue;
                }
                admit(plugin, source, unitName).ifPresentOrElse(refused::add,
                        () -> loaded.add(new LoadedPlugin(plugin, source, loader)));
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
        if (loaded.isEmpty() && refused.isEmpty() && source.location().isPresent()) {
            refused.add(new RefusedPlugin(unitName, source, "no operator plugin: it has no " + SERVICE_FILE + " entry"));
        }
        return new Result(loaded, refused);
    }

    /** Checks the name and SPI version; a refusal if either is wrong. */
    private static Optional<RefusedPlugin> admit(OperatorPlugin plugin, PluginSource source, String unitName) {
        String name;
        int spi;
        try {
            name = plugin.name();
            spi = plugin.spiVersion();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of(new RefusedPlugin(unitName, source, plugin.getClass().getName()
                    + " fails to report its name or SPI version: " + oneLine(e)));
        }
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            return Optional.of(new RefusedPlugin(String.valueOf(name), source, "the name must be lower-case"
                    + " letters, digits and dashes (" + plugin.getClass().getName() + ")"));
        }
        if (spi != OperatorPlugin.SPI_VERSION) {
            String version;
            try {
                version = plugin.version();
            } catch (RuntimeException | LinkageError e) {
                version = RefusedPlugin.UNKNOWN_VERSION;
            }
            return Optional.of(new RefusedPlugin(name, version, source, "version " + version + " was built for"
                    + " operator SPI version " + spi + "; this host supports SPI version " + OperatorPlugin.SPI_VERSION
                    + " (rebuild it against recurbench-api " + OperatorPlugin.SPI_VERSION + ")", OptionalLong.empty()));
        }
        return Optional.empty();
    }

    /** {@code ClassName: message}, newlines folded, for a one-line reason. */
    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("\\s*\\R\\s*", " ");
        return e.getClass().getSimpleName() + message;
    }

    /** {@code " at pkg.Class.method(File.java:12)"} of the frame that threw (no loader or module prefix), or "". */
    static String thrownAt(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        if (trace.length == 0) {
            return "";
        }
        StackTraceElement f = trace[0];
        return " at " + f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")";
    }

    private static boolean isJar(Path p) {
        return p.getFileName().toString().endsWith(".jar");
    }

    private static List<Path> sortedEntries(Path directory) {
        try (Stream<Path> s = Files.list(directory)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugin directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(PluginClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // Nothing was loaded from it; a jar that cannot be closed only keeps a file handle open.
        }
    }
}
