package io.mtgo.storage;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An MTProto session: which DC the client talks to, at which address, and the auth key that logs it
 * in. Immutable; build one with {@link #builder(String)} and change one with {@link #toBuilder()}.
 * <p>
 * The auth key is a full login credential: {@link #toString()} never shows it nor the api hash, and
 * {@link #authKey()} returns a copy.
 */
public final class Session {

    private final String name;

    private final int dcId;

    private final @Nullable String serverAddress;

    private final int port;

    private final boolean testMode;

    private final byte @Nullable [] authKey;

    private final int apiId;

    private final @Nullable String apiHash;

    private final long date;

    private Session(Builder builder) {
        this.name = SessionNames.requireValid(builder.name, "name");
        this.dcId = Arguments.requireRange(builder.dcId, 1, Arguments.MAX_DC_ID, "dcId");
        this.serverAddress = Arguments.optionalText(builder.serverAddress, Arguments.MAX_TEXT_LENGTH, "serverAddress");
        this.port = Arguments.requireRange(builder.port, 0, 65_535, "port");
        this.testMode = builder.testMode;
        if (builder.authKey != null && builder.authKey.length != Arguments.AUTH_KEY_LENGTH) {
            throw new IllegalArgumentException("authKey must be " + Arguments.AUTH_KEY_LENGTH + " bytes but was "
                    + builder.authKey.length);
        }
        this.authKey = (builder.authKey != null) ? builder.authKey.clone() : null;
        if (builder.apiId < 0) {
            throw new IllegalArgumentException("apiId must not be negative but was " + builder.apiId);
        }
        this.apiId = builder.apiId;
        this.apiHash = Arguments.optionalText(builder.apiHash, 64, "apiHash");
        if (builder.date < 0) {
            throw new IllegalArgumentException("date must not be negative but was " + builder.date);
        }
        this.date = builder.date;
    }

    /**
     * Starts a session with a name; the DC defaults to 2.
     * @param name the session name (see {@link SessionNames})
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Returns a builder holding this session's values.
     * @return a builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder(this.name);
        builder.dcId = this.dcId;
        builder.serverAddress = this.serverAddress;
        builder.port = this.port;
        builder.testMode = this.testMode;
        builder.authKey = this.authKey;
        builder.apiId = this.apiId;
        builder.apiHash = this.apiHash;
        builder.date = this.date;
        return builder;
    }

    /** @return the session's name */
    public String name() {
        return this.name;
    }

    /** @return the DC the session is homed on, 1 or more */
    public int dcId() {
        return this.dcId;
    }

    /** @return the DC's server address (IPv4, IPv6 or host name), or {@code null} when unknown */
    public @Nullable String serverAddress() {
        return this.serverAddress;
    }

    /** @return the DC's port, or 0 when unknown */
    public int port() {
        return this.port;
    }

    /** @return whether the session belongs to Telegram's test servers */
    public boolean testMode() {
        return this.testMode;
    }

    /** @return a copy of the 256-byte auth key, or {@code null} before one is generated */
    public byte @Nullable [] authKey() {
        return (this.authKey != null) ? this.authKey.clone() : null;
    }

    /** @return the application's api id, or 0 when not recorded */
    public int apiId() {
        return this.apiId;
    }

    /** @return the application's api hash, or {@code null} when not recorded */
    public @Nullable String apiHash() {
        return this.apiHash;
    }

    /** @return when the session was created or last logged in, in epoch milliseconds, or 0 */
    public long date() {
        return this.date;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Session that)) {
            return false;
        }
        return this.dcId == that.dcId && this.port == that.port && this.testMode == that.testMode
                && this.apiId == that.apiId && this.date == that.date && this.name.equals(that.name)
                && Objects.equals(this.serverAddress, that.serverAddress) && Arrays.equals(this.authKey, that.authKey)
                && Objects.equals(this.apiHash, that.apiHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.name, this.dcId, this.serverAddress, this.port, this.testMode, Arrays.hashCode(this.authKey),
                this.apiId, this.apiHash, this.date);
    }

    /** Shows where the session points; never the auth key or the api hash. */
    @Override
    public String toString() {
        return "Session{name='" + this.name + "', dcId=" + this.dcId + ", serverAddress=" + this.serverAddress + ", port="
                + this.port + ", testMode=" + this.testMode + ", authKey=" + ((this.authKey != null) ? "[redacted]" : "none")
                + ", apiId=" + this.apiId + ", apiHash=" + ((this.apiHash != null) ? "[redacted]" : "none") + ", date="
                + this.date + "}";
    }

    /**
     * Builds a {@link Session}; {@link #build()} validates every field.
     */
    public static final class Builder {

        private final String name;

        private int dcId = 2;

        private @Nullable String serverAddress;

        private int port;

        private boolean testMode;

        private byte @Nullable [] authKey;

        private int apiId;

        private @Nullable String apiHash;

        private long date;

        private Builder(String name) {
            this.name = name;
        }

        /** @param dcId the DC id, 1 or more @return this builder */
        public Builder dcId(int dcId) {
            this.dcId = dcId;
            return this;
        }

        /** @param serverAddress the DC's address, or {@code null} @return this builder */
        public Builder serverAddress(@Nullable String serverAddress) {
            this.serverAddress = serverAddress;
            return this;
        }

        /** @param port the DC's port, 0 to 65535 @return this builder */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** @param testMode whether this is a test-server session @return this builder */
        public Builder testMode(boolean testMode) {
            this.testMode = testMode;
            return this;
        }

        /** @param authKey the 256-byte auth key (copied), or {@code null} @return this builder */
        public Builder authKey(byte @Nullable [] authKey) {
            this.authKey = (authKey != null) ? authKey.clone() : null;
            return this;
        }

        /** @param apiId the application's api id @return this builder */
        public Builder apiId(int apiId) {
            this.apiId = apiId;
            return this;
        }

        /** @param apiHash the application's api hash, or {@code null} @return this builder */
        public Builder apiHash(@Nullable String apiHash) {
            this.apiHash = apiHash;
            return this;
        }

        /** @param date epoch milliseconds, 0 when unknown @return this builder */
        public Builder date(long date) {
            this.date = date;
            return this;
        }

        /**
         * Validates the values and builds the session.
         * @return the session
         * @throws IllegalArgumentException naming the first invalid field
         */
        public Session build() {
            return new Session(this);
        }

    }

}
