package io.mtgo.storage.jdbc;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The transactions the store opens itself. SQLite ends a transaction on its own when a statement
 * fails with {@code SQLITE_FULL}, {@code SQLITE_IOERR} or {@code SQLITE_NOMEM}; the rollback Spring
 * then sends fails with "cannot rollback - no transaction is active", and Spring throws that in
 * place of the statement's failure, so a full disk was reported as "JDBC rollback failed". Such a
 * rollback has nothing left to do, and is skipped.
 */
final class OwnTransactionManager extends DataSourceTransactionManager {

    private static final long serialVersionUID = 1L;

    private final transient JdbcStorageDialect dialect;

    OwnTransactionManager(DataSource dataSource, JdbcStorageDialect dialect) {
        super(dataSource);
        this.dialect = dialect;
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        try {
            super.doRollback(status);
        }
        catch (TransactionSystemException ex) {
            if (!(ex.getCause() instanceof SQLException cause && this.dialect.transactionAlreadyEnded(cause))) {
                throw ex;
            }
        }
    }

}
