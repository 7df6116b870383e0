package io.mtgo.storage.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import org.springframework.core.io.ClassPathResource;

/**
 * The bundled fixture of Telegram-like updates ({@code fixtures/updates.tsv}): users, chats and
 * channels, renamed usernames, usernames moving between users, and min constructors.
 */
final class UpdateFixture {

    private final List<List<Peer>> updates;

    private UpdateFixture(List<List<Peer>> updates) {
        this.updates = updates;
    }

    static UpdateFixture load() {
        Map<String, List<Peer>> byUpdate = new LinkedHashMap<>();
        ClassPathResource resource = new ClassPathResource("fixtures/updates.tsv");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.split("\t", -1);
                    byUpdate.computeIfAbsent(f[0], key -> new ArrayList<>()).add(peer(f));
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the update fixture", ex);
        }
        return new UpdateFixture(List.copyOf(byUpdate.values()));
    }

    private static Peer peer(String[] f) {
        return Peer.builder(Long.parseLong(f[2]), PeerType.valueOf(f[3]))
            .accessHash(Long.parseLong(f[4]))
            .username(f[5].isEmpty() ? null : f[5])
            .firstName(f[6].isEmpty() ? null : f[6])
            .lastName(f[7].isEmpty() ? null : f[7])
            .phoneNumber(f[8].isEmpty() ? null : f[8])
            .min(Boolean.parseBoolean(f[9]))
            .build();
    }

    List<List<Peer>> updates() {
        return this.updates;
    }

    /**
     * Every distinct peer in the fixture, by marked id: a user, a chat and a channel may share a
     * plain id, so the plain id alone does not tell peers apart.
     */
    List<Peer> distinctPeers() {
        Map<Long, Peer> first = new LinkedHashMap<>();
        this.updates.stream().flatMap(List::stream).forEach(peer -> first.putIfAbsent(peer.markedId(), peer));
        return List.copyOf(first.values());
    }

    /** The last full constructor of each peer, by marked id: what a correct storage must hold afterwards. */
    Map<Long, Peer> lastFullPeers() {
        Map<Long, Peer> full = new LinkedHashMap<>();
        this.updates.stream().flatMap(List::stream).filter(peer -> !peer.min()).forEach(peer -> full.put(peer.markedId(), peer));
        return full;
    }

}
