package io.mtgo.storage.jdbc;

import javax.sql.DataSource;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Storage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the tables on a second DataSource ({@code mtgo.storage.jdbc.data-source}), the storage joins
 * a transaction of that DataSource's own transaction manager and no other: what docs/jdbc.md,
 * "Transactions", tells applications with two DataSources.
 */
class JdbcStorageOnSecondDataSourceTransactionTests {

    private final ApplicationContextRunner app = new ApplicationContextRunner().withConfiguration(JdbcAutoConfigurations.STARTER)
        .withUserConfiguration(TwoDataSources.class)
        .withPropertyValues("mtgo.storage.jdbc.data-source=telegramDataSource", "mtgo.storage.session-name=second");

    @Test
    void writesRollBackWithATransactionOfTheSecondDataSourcesManager() {
        this.app.run(context -> {
            Storage storage = context.getBean(Storage.class);
            inTransactionRolledBack(context.getBean("telegramTransactionManager", PlatformTransactionManager.class), storage);
            assertThat(storage.loadPeer(1)).isEmpty();
            assertThat(storage.getUserId()).isEmpty();
        });
    }

    @Test
    void writesInATransactionOfThePrimaryDataSourceCommitAtOnce() {
        this.app.run(context -> {
            Storage storage = context.getBean(Storage.class);
            inTransactionRolledBack(context.getBean("transactionManager", PlatformTransactionManager.class), storage);
            assertThat(storage.loadPeer(1)).map(Peer::accessHash).contains(1L);
            assertThat(storage.getUserId()).hasValue(7);
        });
    }

    private static void inTransactionRolledBack(PlatformTransactionManager manager, Storage storage) {
        new TransactionTemplate(manager).executeWithoutResult(status -> {
            storage.savePeer(Peer.builder(1, PeerType.USER).accessHash(1).username("second_ds").build());
            storage.setUserId(7);
            status.setRollbackOnly();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSources {

        @Bean
        @Primary
        DataSource appDataSource() {
            return new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:app-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        }

        @Bean
        DataSource telegramDataSource() {
            return new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:telegram-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        }

        @Bean
        @Primary
        PlatformTransactionManager transactionManager(DataSource appDataSource) {
            return new JdbcTransactionManager(appDataSource);
        }

        @Bean
        PlatformTransactionManager telegramTransactionManager(@Qualifier("telegramDataSource") DataSource telegramDataSource) {
            return new JdbcTransactionManager(telegramDataSource);
        }

    }

}
