package io.mtgo.storage.apps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The application's own entity.
 */
@Entity
@Table(name = "app_notes")
public class Note {

    @Id
    @Column(name = "id", nullable = false)
    private long id;

    @Column(name = "text", length = 200)
    private String text;

    protected Note() {
    }

    public Note(long id, String text) {
        this.id = id;
        this.text = text;
    }

    public long getId() {
        return this.id;
    }

    public String getText() {
        return this.text;
    }

}
