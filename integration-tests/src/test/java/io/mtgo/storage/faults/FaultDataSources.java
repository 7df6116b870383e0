package io.mtgo.storage.faults;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Hikari pools configured the way an application that cares about outages would: a short
 * {@code connectionTimeout}, so that during an outage every storage call fails within about two
 * seconds instead of blocking for Hikari's default thirty.
 */
final class FaultDataSources {

    private FaultDataSources() {
    }

    static HikariDataSource pool(String url, String username, String password) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("fault-test");
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(username);
        dataSource.setPassword(password);
        dataSource.setMaximumPoolSize(4);
        dataSource.setConnectionTimeout(2_000);
        dataSource.setValidationTimeout(1_000);
        return dataSource;
    }

}
