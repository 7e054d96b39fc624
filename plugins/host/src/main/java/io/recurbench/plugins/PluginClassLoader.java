package io.recurbench.plugins;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin (one jar, or one folder of jars), after Trino's
 * {@code PluginClassLoader}: the plugin sees the JDK and the SPI, and nothing else of the host.
 *
 * <ul>
 *   <li>Classes and resources of {@value #SPI_PREFIX}* come from the host's SPI loader (parent-first),
 *       so that the plugin's {@code OperatorPlugin} is the very interface the host calls.</li>
 *   <li>JDK classes ({@code java.}, {@code javax.}, {@code jdk.}, {@code sun.}, …) come from the
 *       platform loader, which is this loader's parent.</li>
 *   <li>Everything else is looked up in the plugin's own jars first (child-first), then in the
 *       platform loader. The host's class path (engine, Jackson, the built-in operators…) is never
 *       visible, so a plugin may bundle any library version it likes.</li>
 * </ul>
 * Service files are read from the plugin's own jars only, so {@code ServiceLoader} over this loader
 * finds exactly the plugin's providers.
 */
public final class PluginClassLoader extends URLClassLoader {
    /** The package prefix shared with the host. */
    public static final String SPI_PREFIX = "io.recurbench.api.";
    private static final String SPI_RESOURCE_PREFIX = SPI_PREFIX.replace('.', '/');

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader spiLoader;

    /**
     * @param name      what the plugin is, for diagnostics ({@code plugins/gla.jar})
     * @param urls      the plugin's jars (or class folders)
     * @param spiLoader the loader that defines the host's {@code io.recurbench.api} classes
     */
    public PluginClassLoader(String name, List<URL> urls, ClassLoader spiLoader) {
        super(name, urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        this.spiLoader = spiLoader;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                if (name.startsWith(SPI_PREFIX)) {
                    c = spiLoader.loadClass(name);
                } else if (isPlatformName(name)) {
                    c = getParent().loadClass(name);
                } else {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException notInPlugin) {
                        c = getParent().loadClass(name);
                    }
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        if (name.startsWith(SPI_RESOURCE_PREFIX)) {
            return spiLoader.getResource(name);
        }
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (name.startsWith(SPI_RESOURCE_PREFIX)) {
            return spiLoader.getResources(name);
        }
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }

    private static boolean isPlatformName(String name) {
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.") || name.startsWith("org.w3c.")
                || name.startsWith("org.xml.");
    }
}
