package io.mtgo.storage.apps;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application without a Liquibase changelog of its own can slice-test its repositories with the
 * starter on the classpath: the starter brings {@code liquibase-core} for its own schema but not
 * Spring Boot's Liquibase support, which {@code @DataJpaTest} would run and fail for the missing
 * application changelog.
 */
@DataJpaTest
class NoteRepositoryDataJpaTests {

    @Autowired
    private NoteRepository notes;

    @Test
    void theApplicationsRepositoryWorksInADataJpaTestSlice() {
        this.notes.save(new Note(7, "sliced"));
        assertThat(this.notes.findByText("sliced")).extracting(Note::getId).containsExactly(7L);
    }

}
