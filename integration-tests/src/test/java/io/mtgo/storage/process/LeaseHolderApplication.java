package io.mtgo.storage.process;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Storage;
import io.mtgo.storage.autoconfigure.MtgoStorageAutoConfiguration;
import io.mtgo.storage.autoconfigure.lease.SessionLeaseAutoConfiguration;
import io.mtgo.storage.autoconfigure.lease.SessionLeaseKeeper;
import io.mtgo.storage.jdbc.MigratedDatabaseStorages;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * A child JVM that is a Spring Boot application with {@code mtgo.storage.lease.enabled=true}: it
 * starts, prints {@code HELD <token>;} once its lease is held, and runs until it is killed (SIGKILL:
 * the lease ends after its TTL) or stopped (SIGTERM: Spring Boot's shutdown hook closes the context,
 * which releases the lease).
 * <p>
 * The parent applied the schema already. Arguments: {@code url username password poolSize sessionName owner ttl}.
 */
public final class LeaseHolderApplication {

    static final String HELD = "HELD ";

    private LeaseHolderApplication() {
    }

    static List<String> args(WriterDatabase database, String sessionName, String owner, String ttl) {
        List<String> args = new java.util.ArrayList<>(database.args());
        args.addAll(List.of(sessionName, owner, ttl));
        return args;
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        WriterDatabase database = WriterDatabase.fromArgs(args, 0);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
            .properties("mtgo.storage.session-name=" + args[4], "mtgo.storage.lease.enabled=true", "mtgo.storage.lease.owner=" + args[5],
                    "mtgo.storage.lease.ttl=" + args[6], "mtgo.storage.lease.wait=0s", "spring.main.banner-mode=off")
            .initializers(applicationContext -> applicationContext.getBeanFactory().registerSingleton("writerDatabase", database))
            .run();
        long token = context.getBean(SessionLeaseKeeper.class).lease().orElseThrow().token();
        out.println(HELD + token + ";");
        out.flush();
        Thread.currentThread().join();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ MtgoStorageAutoConfiguration.class, SessionLeaseAutoConfiguration.class })
    static class Config {

        @Bean(destroyMethod = "close")
        HikariDataSource dataSource(WriterDatabase database) {
            return database.open();
        }

        @Bean
        Storage storage(HikariDataSource dataSource, Environment environment) {
            return MigratedDatabaseStorages.onMigratedDatabase(dataSource, environment.getRequiredProperty("mtgo.storage.session-name"));
        }

    }

}
