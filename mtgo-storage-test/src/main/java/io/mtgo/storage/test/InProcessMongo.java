package io.mtgo.storage.test;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The in-process MongoDB wire-protocol server, for machines with neither MongoDB nor Docker.
 */
final class InProcessMongo {

    private InProcessMongo() {
    }

    static TestServices.Mongo start() {
        MongoServer server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-java-server-shutdown"));
        return new TestServices.Mongo("mongodb://127.0.0.1:" + address.getPort(), false,
                "in-process mongo-java-server on port " + address.getPort());
    }

}
