package io.mtgo.storage.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A bot's life against {@link io.mtgo.storage.Storage}: run it twice and see what survived.
 */
@SpringBootApplication
public class SampleBotApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleBotApplication.class, args);
    }

}
