package io.mtgo.storage.sample;

import java.io.PrintStream;

import org.springframework.stereotype.Component;

/**
 * Where the sample writes what it did: standard output, one line per step.
 */
@Component
class SampleOutput {

    private final PrintStream stream = System.out;

    void line(String format, Object... args) {
        this.stream.println(String.format(format, args));
    }

}
