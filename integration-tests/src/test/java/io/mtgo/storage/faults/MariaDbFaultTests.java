package io.mtgo.storage.faults;

import com.zaxxer.hikari.HikariDataSource;
import io.mtgo.storage.Storages;

/**
 * The JDBC storage on a private MariaDB server whose {@code mariadbd} is killed with SIGKILL in the
 * middle of a load (see {@link FaultScenario}).
 */
class MariaDbFaultTests extends AbstractFaultTests<PrivateMariaDb> {

    @Override
    PrivateMariaDb createServer() {
        return PrivateMariaDb.create();
    }

    @Override
    Client connect(PrivateMariaDb server) {
        HikariDataSource dataSource = server.dataSource();
        return new Client(Storages.adapt(dataSource, FaultScenario.SESSION), dataSource);
    }

}
