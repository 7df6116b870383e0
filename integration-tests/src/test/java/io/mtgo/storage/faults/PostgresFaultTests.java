package io.mtgo.storage.faults;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Storages;

/**
 * The JDBC storage on a private PostgreSQL cluster that is stopped with
 * {@code pg_ctl stop -m immediate} in the middle of a load (see {@link FaultScenario}).
 */
class PostgresFaultTests extends AbstractFaultTests<PrivatePostgres> {

    @Override
    PrivatePostgres createServer() throws Exception {
        return PrivatePostgres.create();
    }

    @Override
    Client connect(PrivatePostgres server) {
        HikariDataSource dataSource = server.dataSource();
        return new Client(Storages.adapt(dataSource, FaultScenario.SESSION), dataSource);
    }

}
