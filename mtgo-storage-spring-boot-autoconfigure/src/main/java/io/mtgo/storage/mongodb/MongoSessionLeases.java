package io.mtgo.storage.mongodb;

import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import io.mtgo.storage.AbstractSessionLeases;
import io.mtgo.storage.Arguments;
import io.mtgo.storage.SessionLease;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * {@link io.mtgo.storage.SessionLeases} in MongoDB: one document per session in
 * {@code mtgo_session_leases}, {@code {_id: session, owner, token, expiresAt}}, changed only by
 * conditional single-document updates. Acquiring is one {@code findOneAndUpdate} with
 * {@code upsert}: its filter matches a free, expired or own lease, and when another owner holds it
 * the upsert's insert fails on the {@code _id} and nothing changes. The token is incremented by the
 * update itself and the document is never deleted, so tokens keep increasing.
 * <p>
 * Time is the server's: filters compare {@code expiresAt} with {@code $$NOW} and the updates are
 * aggregation pipelines that set {@code expiresAt} to {@code $$NOW} plus the TTL (MongoDB 4.2+), so
 * the JVMs' clocks never matter. Durability is MongoDB's (write concern of the template's
 * database).
 */
public final class MongoSessionLeases extends AbstractSessionLeases {

    /** The default collection's name. */
    public static final String DEFAULT_COLLECTION = "mtgo_session_leases";

    private static final String NOW = "$$NOW";

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
        Bson freeOrOwn = Filters.expr(new Document("$or", List.of(new Document("$lte", List.of("$expiresAt", NOW)),
                new Document("$eq", List.of("$owner", owner)))));
        List<Bson> take = List.of(new Document("$set", new Document("owner", owner)
            .append("token", new Document("$add", List.of(new Document("$ifNull", List.of("$token", 0L)), 1L)))
            .append("expiresAt", expiresIn(ttlMillis))));
        try {
            return lease(this.leases.findOneAndUpdate(Filters.and(Filters.eq("_id", sessionName), freeOrOwn), take,
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)));
        }
        catch (MongoWriteException ex) {
            if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return Optional.empty();
            }
            throw ex;
        }
        catch (MongoCommandException ex) {
            // findAndModify reports the upsert's duplicate key as a command error
            if (ErrorCategory.fromErrorCode(ex.getErrorCode()) == ErrorCategory.DUPLICATE_KEY) {
                return Optional.empty();
            }
            throw ex;
        }
    }

    @Override
    protected Optional<SessionLease> doRenew(SessionLease lease, long ttlMillis) {
        List<Bson> extend = List.of(new Document("$set", new Document("expiresAt", expiresIn(ttlMillis))));
        return lease(this.leases.findOneAndUpdate(held(lease), extend, new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    @Override
    protected boolean doRelease(SessionLease lease) {
        return this.leases.updateOne(held(lease), new Document("$set", new Document("expiresAt", new Date(0)))).getModifiedCount() == 1;
    }

    @Override
    protected Optional<SessionLease> doCurrent(String sessionName) {
        return lease(this.leases.find(Filters.and(Filters.eq("_id", sessionName), unexpired())).first());
    }

    private static Bson held(SessionLease lease) {
        return Filters.and(Filters.eq("_id", lease.sessionName()), Filters.eq("owner", lease.owner()), Filters.eq("token", lease.token()),
                unexpired());
    }

    private static Bson unexpired() {
        return Filters.expr(new Document("$gt", List.of("$expiresAt", NOW)));
    }

    private static Document expiresIn(long ttlMillis) {
        return new Document("$add", List.of(NOW, ttlMillis));
    }

    private static Optional<SessionLease> lease(@Nullable Document document) {
        if (document == null) {
            return Optional.empty();
        }
        return Optional.of(new SessionLease(document.getString("_id"), document.getString("owner"),
                ((Number) document.get("token")).longValue(), document.getDate("expiresAt").getTime()));
    }

}
