package io.mtgo.storage.autoconfigure;

import javax.sql.DataSource;

/**
 * Marks the DataSource the starter created as its zero-config default, so that backend selection
 * knows the application did not configure it.
 * @param dataSource the default DataSource
 * @param url its JDBC URL
 */
record H2DefaultDataSource(DataSource dataSource, String url) {
}
