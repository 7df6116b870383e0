package io.mtgo.storage.jdbc.app;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * An application's own Spring Data repository.
 */
public interface NoteRepository extends JpaRepository<Note, Long> {

    List<Note> findByText(String text);

}
