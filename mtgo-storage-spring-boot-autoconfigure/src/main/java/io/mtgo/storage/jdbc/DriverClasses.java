package io.mtgo.storage.jdbc;

import org.jspecify.annotations.Nullable;

/**
 * Looks up a class of a JDBC driver the application may not have: the dialects use a driver's own
 * API where it has one worth using, and fall back to plain JDBC without it.
 */
final class DriverClasses {

    private DriverClasses() {
    }

    /**
     * @param name the class's binary name
     * @return the class, not initialised, or {@code null} when it is not on the classpath
     */
    static @Nullable Class<?> find(String name) {
        try {
            return Class.forName(name, false, DriverClasses.class.getClassLoader());
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return null;
        }
    }

}
