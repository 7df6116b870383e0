package io.mtgo.storage.apps;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small Spring Data JPA application of the kind that uses the starter: its own entity
 * ({@link Note}), repository ({@link NoteRepository}) and Flyway migration, and {@code Storage}
 * injected from the starter.
 */
@SpringBootApplication
public class NotesApplication {

}
