package io.mtgo.storage.apps;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The application's own Spring Data repository.
 */
public interface NoteRepository extends JpaRepository<Note, Long> {

    List<Note> findByText(String text);

}
