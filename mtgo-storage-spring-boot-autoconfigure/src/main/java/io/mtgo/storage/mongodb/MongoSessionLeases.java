package io.mtgo.storage.mongodb;

import java.util.List;
import java.util.Optional;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.mtgo.storage.Arguments;
import io.mtgo.storage.SessionLease;
import io.mtgo.storage.spi.AbstractSessionLeases;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * {@link io.mtgo.storage.SessionLeases} in MongoDB: one document per session in
 * {@code mtgo_session_leases}, {@code {_id: session, owner, token, renewedAt, ttl}}, changed only by
 * conditional single-document updates. Acquiring is one {@code findOneAndUpdate} with
 * {@code upsert}: its filter matches a free, expired or own lease, and when another owner holds it
 * the upsert's insert fails on the {@code _id} and nothing changes. The token is incremented by the
 * update itself ({@code $inc}) and the document is never deleted, so tokens keep increasing.
 * <p>
 * Time is the server's on both sides: updates stamp {@code renewedAt} with {@code $currentDate}
 * and store the TTL next to it, and filters compare {@code renewedAt + ttl} with {@code $$NOW} in
 * an {@code $expr}, so the JVMs' clocks never matter. (Plain update documents rather than
 * aggregation-pipeline updates: the in-process server the tests use does not run the latter.)
 * Releasing sets {@code ttl} to 0. Durability is MongoDB's (the template's write concern).
 */
public final class MongoSessionLeases extends AbstractSessionLeases {

    /** The default collection's name. */
    public static final String DEFAULT_COLLECTION = "mtgo_session_leases";

    private final MongoCollection<Document> leases;

    /**
     * Creates the leases on a collection of the template's database.
     * @param template the application's template (never closed here)
     * @param collectionName the collection's name
     */
    public MongoSessionLeases(MongoTemplate template, String collectionName) {
        super("mongodb");
        Arguments.requireNonNull(template, "template");
        Arguments.requireText(collectionName, 120, "collectionName");
        this.leases = template.getCollection(collectionName);
    }

    @Override
    protected Optional<SessionLease> doAcquire(String sessionName, String owner, long ttlMillis) {
        Bson freeOrOwn = Filters.expr(new Document("$or", List.of(expired(), new Document("$eq", List.of("$owner", owner)))));
        Bson take = Updates.combine(Updates.set("owner", owner), Updates.set("ttl", ttlMillis), Updates.inc("token", 1L),
                Updates.currentDate("renewedAt"));
        try {
            return lease(this.leases.findOneAndUpdate(Filters.and(Filters.eq("_id", sessionName), freeOrOwn), take,
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)));
        }
        catch (MongoCommandException ex) {
            // the filter did not match a held lease, so the upsert tried to insert a second one
            if (ErrorCategory.fromErrorCode(ex.getErrorCode()) == ErrorCategory.DUPLICATE_KEY) {
                return Optional.empty();
            }
            throw ex;
        }
    }

    @Override
    protected Optional<SessionLease> doRenew(SessionLease lease, long ttlMillis) {
        Bson extend = Updates.combine(Updates.set("ttl", ttlMillis), Updates.currentDate("renewedAt"));
        return lease(this.leases.findOneAndUpdate(held(lease), extend, new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    @Override
    protected boolean doRelease(SessionLease lease) {
        return this.leases.updateOne(held(lease), Updates.set("ttl", 0L)).getModifiedCount() == 1;
    }

    @Override
    protected Optional<SessionLease> doCurrent(String sessionName) {
        return lease(this.leases.find(Filters.and(Filters.eq("_id", sessionName), Filters.expr(unexpired()))).first());
    }

    private static Bson held(SessionLease lease) {
        return Filters.and(Filters.eq("_id", lease.sessionName()), Filters.eq("owner", lease.owner()), Filters.eq("token", lease.token()),
                Filters.expr(unexpired()));
    }

    /** True also for a document without expiry fields (a missing sum is null, below any date). */
    private static Document expired() {
        return new Document("$lte", List.of(expiresAt(), "$$NOW"));
    }

    private static Document unexpired() {
        return new Document("$gt", List.of(expiresAt(), "$$NOW"));
    }

    private static Document expiresAt() {
        return new Document("$add", List.of("$renewedAt", "$ttl"));
    }

    private static Optional<SessionLease> lease(@Nullable Document document) {
        if (document == null) {
            return Optional.empty();
        }
        long expiresAt = document.getDate("renewedAt").getTime() + document.get("ttl", Number.class).longValue();
        return Optional.of(new SessionLease(document.getString("_id"), document.getString("owner"),
                document.get("token", Number.class).longValue(), expiresAt));
    }

}
