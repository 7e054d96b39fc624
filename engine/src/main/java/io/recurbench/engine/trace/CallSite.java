package io.recurbench.engine.trace;

import java.security.CodeSource;
import java.util.Objects;

/**
 * Finds the source line that asked for a node: the first stack frame that is neither the JDK nor
 * the engine's or api's own code, so that an operator author's error names their own line
 * ({@code Class.method:line}), not the tracer's.
 *
 * <p>"Own code" is a class in an {@code io.recurbench.engine} or {@code io.recurbench.api} package
 * that was also loaded from the engine's or the api's jar (or class directory). Both conditions
 * matter: the location alone would hide operators shaded into one jar with the engine, the
 * package alone would hide the engine's own tests, which live in the same packages.
 */
final class CallSite {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final String ENGINE_LOCATION = location(CallSite.class);
    private static final String API_LOCATION = location(io.recurbench.api.Tensor.class);

    /** Whether a class is internal to the tracing machinery; cached per class. */
    private static final ClassValue<Boolean> INTERNAL = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            String name = type.getName();
            if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
                return true;
            }
            if (!name.startsWith("io.recurbench.engine.") && !name.startsWith("io.recurbench.api.")) {
                return false;
            }
            String where = location(type);
            return where != null && (where.equals(ENGINE_LOCATION) || where.equals(API_LOCATION));
        }
    };

    private CallSite() {}

    /** {@code SimpleClass.method:line} of the first frame outside the engine, the api and the JDK. */
    static String find() {
        return WALKER.walk(frames -> frames
                .filter(f -> !INTERNAL.get(f.getDeclaringClass()))
                .findFirst()
                .map(f -> simpleName(f.getClassName()) + "." + f.getMethodName() + ":" + f.getLineNumber())
                .orElse("<engine>"));
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? null : Objects.toString(source.getLocation());
    }
}
