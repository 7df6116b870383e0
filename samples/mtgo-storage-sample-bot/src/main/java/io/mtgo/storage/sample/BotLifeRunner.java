package io.mtgo.storage.sample;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On the first run creates a session and caches peers; on later runs shows what is stored.
 */
@Component
class BotLifeRunner implements ApplicationRunner {

    private final Storage storage;

    BotLifeRunner(Storage storage) {
        this.storage = storage;
    }

    @Override
    public void run(ApplicationArguments args) {
        String name = this.storage.sessionName();
        this.storage.loadSession(name).ifPresentOrElse(session -> {
            System.out.println("Welcome back: session '" + name + "' found on DC " + session.dcId() + " ("
                    + session.serverAddress() + ":" + session.port() + ")");
            System.out.println("Peer @sample_user_42 is " + this.storage.loadPeerByUsername("sample_user_42").map(Peer::id).orElse(null));
        }, () -> firstRun(name));
    }

    private void firstRun(String name) {
        byte[] authKey = new byte[256];
        new SecureRandom().nextBytes(authKey);
        Session session = Session.builder(name).dcId(2).serverAddress("149.154.167.51").port(443).authKey(authKey)
            .date(System.currentTimeMillis()).build();
        this.storage.saveSession(session);
        List<Peer> peers = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            peers.add(Peer.builder(1000 + i, PeerType.USER).accessHash(i * 31L).username("sample_user_" + i)
                .firstName("User " + i).build());
        }
        this.storage.savePeers(peers);
        System.out.println("First run: created session '" + name + "' (" + session + ") and cached " + peers.size() + " peers");
    }

}
