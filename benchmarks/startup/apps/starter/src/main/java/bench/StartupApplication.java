package bench;

import io.mtgo.storage.Storage;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts with the starter on its zero-config default (the H2 file), reads its session once (so the
 * storage is really usable), prints "started", and exits.
 */
@SpringBootApplication
public class StartupApplication {

    public static void main(String[] args) {
        try (var context = SpringApplication.run(StartupApplication.class, args)) {
            context.getBean(Storage.class).loadSession("startup");
        }
        System.out.println("started");
    }

}
