package io.mtgo.storage.mongodb;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * A MongoDB driver {@link CommandListener} that records every command a sharded cluster would
 * have to route, and says which of them a collection sharded on the session field {@code s} could
 * not send to a single shard: a find, update, delete, findAndModify, count or aggregate whose
 * filter lacks an equality on {@code s}, or an insert of a document without {@code s}.
 */
final class SessionScopedCommands implements CommandListener {

    /** Commands that name their collection as the value of the command's first field. */
    private static final Set<String> ROUTED = Set.of("find", "update", "delete", "findAndModify", "insert", "count", "aggregate");

    private final List<String> unrouted = new CopyOnWriteArrayList<>();

    private final List<String> seen = new CopyOnWriteArrayList<>();

    private volatile boolean recording;

    void startRecording() {
        this.recording = true;
    }

    void stopRecording() {
        this.recording = false;
    }

    /** @return every recorded command that would broadcast, as command name and JSON */
    List<String> unrouted() {
        return List.copyOf(this.unrouted);
    }

    /** @return the names of every recorded command on the store's collections */
    List<String> seen() {
        return List.copyOf(this.seen);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        String name = event.getCommandName();
        if (!this.recording || !ROUTED.contains(name)) {
            return;
        }
        BsonDocument command = event.getCommand();
        BsonValue collection = command.get(name);
        if (collection == null || !collection.isString() || !collection.asString().getValue().startsWith("mtgo_")) {
            return;
        }
        this.seen.add(name);
        boolean routed = switch (name) {
            case "find", "count" -> carriesSession(command.getDocument("filter", new BsonDocument()));
            case "findAndModify" -> carriesSession(command.getDocument("query", new BsonDocument()));
            case "update" -> command.getArray("updates").stream().allMatch(update -> carriesSession(update.asDocument().getDocument("q")));
            case "delete" -> command.getArray("deletes").stream().allMatch(delete -> carriesSession(delete.asDocument().getDocument("q")));
            case "insert" -> command.getArray("documents").stream().allMatch(document -> document.asDocument().get("s") instanceof BsonString);
            case "aggregate" -> command.getArray("pipeline").stream().findFirst()
                .map(stage -> stage.asDocument().containsKey("$match") && carriesSession(stage.asDocument().getDocument("$match")))
                .orElse(false);
            default -> false;
        };
        if (!routed) {
            this.unrouted.add(name + " " + command.toJson());
        }
    }

    /** An equality on {@code s}, at the top or inside an {@code $and}. */
    private static boolean carriesSession(BsonDocument filter) {
        if (filter.get("s") instanceof BsonString) {
            return true;
        }
        BsonValue and = filter.get("$and");
        return and != null && and.isArray() && and.asArray().stream().anyMatch(part -> carriesSession(part.asDocument()));
    }

}
