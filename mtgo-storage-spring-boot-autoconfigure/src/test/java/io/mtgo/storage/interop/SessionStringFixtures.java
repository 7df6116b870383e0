package io.mtgo.storage.interop;

import io.mtgo.storage.Arguments;

/**
 * Auth keys for the session string tests: made-up bytes, never a real login.
 */
final class SessionStringFixtures {

    private SessionStringFixtures() {
    }

    static byte[] authKey(int seed) {
        byte[] key = new byte[Arguments.AUTH_KEY_LENGTH];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i * 7 + 1);
        }
        return key;
    }

}
