package io.mtgo.storage.jpa;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the JPA storage talks to its entity manager factory: writes in a transaction (joining the
 * caller's, if one is active), retried when they lose a race with another writer; reads on the
 * caller's transactional entity manager, or on a short-lived one in auto-commit (one round trip).
 */
final class JpaTransactions {

    /** Attempts of a write that keeps losing races: enough for heavy contention, bounded. */
    private static final int MAX_ATTEMPTS = 10;

    private final EntityManagerFactory entityManagerFactory;

    private final TransactionTemplate transactionTemplate;

    JpaTransactions(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = entityManagerFactory;
        JpaTransactionManager transactionManager = new JpaTransactionManager(entityManagerFactory);
        transactionManager.afterPropertiesSet();
        this.transactionTemplate = new TransactionTemplate(transactionManager);
    }

    EntityManagerFactory entityManagerFactory() {
        return this.entityManagerFactory;
    }

    <T> T write(Function<EntityManager, T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return inTransaction(work);
            }
            catch (RuntimeException ex) {
                if (attempt >= MAX_ATTEMPTS || !lostARace(ex)) {
                    throw ex;
                }
                // Back off a little, with jitter, so the racing writers do not collide again.
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(200_000, 1_000_000L * attempt));
            }
        }
    }

    <T> T inTransaction(Function<EntityManager, T> work) {
        return this.transactionTemplate.execute(status -> work.apply(transactionalEntityManager()));
    }

    <T> T read(Function<EntityManager, T> work) {
        EntityManager bound = EntityManagerFactoryUtils.getTransactionalEntityManager(this.entityManagerFactory);
        if (bound != null) {
            return work.apply(bound);
        }
        try (EntityManager entityManager = this.entityManagerFactory.createEntityManager()) {
            return work.apply(entityManager);
        }
    }

    private EntityManager transactionalEntityManager() {
        EntityManager entityManager = EntityManagerFactoryUtils.getTransactionalEntityManager(this.entityManagerFactory);
        if (entityManager == null) {
            throw new IllegalStateException("No transactional EntityManager bound");
        }
        return entityManager;
    }

    /**
     * Whether a write failed only because another writer got there first: a unique key taken
     * between our statements, a deadlock, a lock or serialization failure, or SQLite's busy lock.
     */
    static boolean lostARace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyFailureException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("23") || state.startsWith("40"))) {
                    return true;
                }
                String message = String.valueOf(sql.getMessage());
                if (message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED")
                        || message.contains("SQLITE_CONSTRAINT_UNIQUE") || message.contains("SQLITE_CONSTRAINT_PRIMARYKEY")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

}
