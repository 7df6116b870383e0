package io.mtgo.storage.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints the versions of the libraries under benchmark for {@code RESULTS.md}: the shaded jar keeps
 * no manifests, so each is read from the library's own version constant.
 */
final class Versions {

    private static final String[][] SOURCES = {
            { "Spring Boot", "org.springframework.boot.SpringBootVersion", "getVersion" },
            { "Hibernate", "org.hibernate.Version", "getVersionString" },
            { "H2", "org.h2.engine.Constants", "VERSION" },
            { "PostgreSQL JDBC", "org.postgresql.util.DriverInfo", "DRIVER_VERSION" },
            { "MongoDB driver", "com.mongodb.internal.build.MongoDriverVersion", "VERSION" },
    };

    private Versions() {
    }

    public static void main(String[] args) {
        List<String> found = new ArrayList<>();
        for (String[] source : SOURCES) {
            try {
                Class<?> type = Class.forName(source[1]);
                Object version;
                try {
                    version = type.getMethod(source[2]).invoke(null);
                }
                catch (NoSuchMethodException ex) {
                    version = type.getField(source[2]).get(null);
                }
                found.add(source[0] + " " + version);
            }
            catch (ReflectiveOperationException | LinkageError ex) {
                found.add(source[0] + " unknown");
            }
        }
        System.out.println(String.join(", ", found));
    }

}
