package io.mtgo.storage.process;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.mtgo.storage.Storage;
import io.mtgo.storage.autoconfigure.EmbeddedJdbcStorageAutoConfiguration;
import io.mtgo.storage.autoconfigure.MtgoStorageAutoConfiguration;
import io.mtgo.storage.autoconfigure.lease.SessionLeaseAutoConfiguration;
import io.mtgo.storage.autoconfigure.lease.SessionLeaseKeeper;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A child JVM that is an application with only the starter (its H2 file) and the session lease: it
 * prints {@code READY;} once started, and when stopped with SIGTERM a bean of its own saves the user
 * id while the context closes, a moment after the JVM began to exit (H2 closes its databases in a
 * shutdown hook of its own unless told not to). Arguments: {@code h2Path sessionName}.
 */
public final class H2ShutdownWriterApplication {

    static final String READY = "READY;";

    static final long USER_ID_SAVED_ON_SHUTDOWN = 4242;

    private H2ShutdownWriterApplication() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
            .properties("mtgo.storage.jdbc.h2.path=" + args[0], "mtgo.storage.session-name=" + args[1],
                    "mtgo.storage.lease.enabled=true", "mtgo.storage.lease.ttl=60s", "spring.main.banner-mode=off")
            .run();
        context.getBean(SessionLeaseKeeper.class).lease().orElseThrow();
        out.println(READY);
        out.flush();
        Thread.currentThread().join();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ EmbeddedJdbcStorageAutoConfiguration.class, MtgoStorageAutoConfiguration.class,
            SessionLeaseAutoConfiguration.class })
    static class Config {

        @Bean
        DisposableBean farewell(Storage storage) {
            return () -> {
                Thread.sleep(300);
                storage.setUserId(USER_ID_SAVED_ON_SHUTDOWN);
                System.err.println("FAREWELL SAVED");
            };
        }

    }

}
