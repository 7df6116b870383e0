package io.mtgo.storage.apps;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts {@link NotesApplication} as a whole Spring Boot application, the way a user runs it.
 */
final class Apps {

    private Apps() {
    }

    static ConfigurableApplicationContext start(String... properties) {
        List<String> arguments = new ArrayList<>();
        for (String property : properties) {
            arguments.add("--" + property);
        }
        return new SpringApplicationBuilder(NotesApplication.class).web(WebApplicationType.NONE)
            .run(arguments.toArray(String[]::new));
    }

}
