package io.mtgo.storage.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import javax.sql.DataSource;

import io.mtgo.storage.Storage;
import io.mtgo.storage.spi.StorageAdapter;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;

/**
 * {@link io.mtgo.storage.Storages#adapt} for a {@code DataSource}, and for a JPA
 * {@code EntityManagerFactory} when spring-orm and JPA are on the classpath (the store then works on
 * the factory's {@code DataSource}; it needs no persistence unit). Applies the library's schema
 * first. Loads without JPA on the classpath: JPA types are only touched after {@link #jpaPresent()}.
 * A {@code DataSource} is always of its kind (it is the JDK's), so when spring-jdbc or liquibase-core
 * is missing the adapter names them instead of supporting nothing in silence.
 */
public final class JdbcStorageAdapter implements StorageAdapter {

    private static final String SPRING_JDBC = "org.springframework.jdbc.core.JdbcTemplate";

    private static final String LIQUIBASE = "liquibase.integration.spring.SpringLiquibase";

    private static final String JPA = "jakarta.persistence.EntityManagerFactory";

    private static final String SPRING_ORM = "org.springframework.orm.jpa.EntityManagerFactoryInfo";

    private final Predicate<String> classPresent;

    /** Creates the adapter; {@link java.util.ServiceLoader} calls this. */
    public JdbcStorageAdapter() {
        this(JdbcStorageAdapter::present);
    }

    /** @param classPresent whether a class of the given name can be loaded: tests leave libraries out */
    JdbcStorageAdapter(Predicate<String> classPresent) {
        this.classPresent = classPresent;
    }

    @Override
    public String description() {
        return jpaPresent() ? "javax.sql.DataSource and jakarta.persistence.EntityManagerFactory (JDBC with Liquibase)"
                : "javax.sql.DataSource (JDBC with Liquibase)";
    }

    @Override
    public boolean supports(Object connection) {
        return available() && (connection instanceof DataSource || (jpaPresent() && Jpa.isEntityManagerFactory(connection)));
    }

    @Override
    public boolean available() {
        return this.classPresent.test(SPRING_JDBC) && this.classPresent.test(LIQUIBASE);
    }

    @Override
    public Optional<String> missingLibraries(Object connection) {
        boolean entityManagerFactory = this.classPresent.test(JPA) && Jpa.isEntityManagerFactory(connection);
        if (!(connection instanceof DataSource) && !entityManagerFactory) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        if (!this.classPresent.test(SPRING_JDBC)) {
            missing.add("org.springframework:spring-jdbc");
        }
        if (!this.classPresent.test(LIQUIBASE)) {
            missing.add("org.liquibase:liquibase-core");
        }
        if (entityManagerFactory && !this.classPresent.test(SPRING_ORM)) {
            missing.add("org.springframework:spring-orm");
        }
        String kind = entityManagerFactory ? "an EntityManagerFactory" : "a javax.sql.DataSource";
        return missing.isEmpty() ? Optional.empty()
                : Optional.of(kind + " needs " + String.join(" and ", missing) + " on the classpath; add "
                        + (missing.size() == 1 ? "it as a dependency" : "them as dependencies"));
    }

    @Override
    public Storage adapt(Object connection, String sessionName) {
        DataSource dataSource = (connection instanceof DataSource direct) ? direct : Jpa.dataSourceOf(connection);
        JdbcSchema.apply(dataSource);
        return JdbcStorage.builder(dataSource).sessionName(sessionName).build();
    }

    private boolean jpaPresent() {
        return this.classPresent.test(JPA) && this.classPresent.test(SPRING_ORM);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, JdbcStorageAdapter.class.getClassLoader());
            return true;
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

    /** Keeps JPA types out of the adapter's own signature, so the adapter loads without them. */
    private static final class Jpa {

        static boolean isEntityManagerFactory(Object connection) {
            return connection instanceof EntityManagerFactory;
        }

        /**
         * The {@code DataSource} of an entity manager factory: Spring's factory beans expose it,
         * and plain JPA set-ups name it in the persistence unit's properties.
         * @throws IllegalArgumentException when the factory exposes none
         */
        static DataSource dataSourceOf(Object connection) {
            EntityManagerFactory entityManagerFactory = (EntityManagerFactory) connection;
            if (entityManagerFactory instanceof EntityManagerFactoryInfo info && info.getDataSource() != null) {
                return info.getDataSource();
            }
            if (entityManagerFactory.getProperties().get("jakarta.persistence.nonJtaDataSource") instanceof DataSource dataSource) {
                return dataSource;
            }
            throw new IllegalArgumentException("entityManagerFactory exposes no DataSource: build it with Spring "
                    + "(LocalContainerEntityManagerFactoryBean, as Spring Boot does) or set jakarta.persistence.nonJtaDataSource");
        }

    }

}
