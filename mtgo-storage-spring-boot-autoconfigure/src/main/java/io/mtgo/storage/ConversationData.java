package io.mtgo.storage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one text encoding of {@link Conversation#data()} for backends that store it as a single value
 * (SQL columns, Redis hash fields): a JSON object of strings, readable in any database tool.
 */
public final class ConversationData {

    private ConversationData() {
    }

    /**
     * Encodes conversation data as a JSON object.
     * @param data the data
     * @return the JSON text
     */
    public static String encode(Map<String, String> data) {
        Arguments.requireNonNull(data, "data");
        StringBuilder json = new StringBuilder(16 + data.size() * 24).append('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : data.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            appendString(json, entry.getKey());
            json.append(':');
            appendString(json, entry.getValue());
        }
        return json.append('}').toString();
    }

    /**
     * Returns the size of {@link #encode(Map)}'s result in UTF-8 bytes, without building it: the
     * measure of {@link Conversation#MAX_DATA_SIZE}.
     * @param data the data
     * @return the encoded size in bytes
     */
    public static long encodedSize(Map<String, String> data) {
        Arguments.requireNonNull(data, "data");
        long size = 2 + Math.max(0, data.size() - 1);
        for (Map.Entry<String, String> entry : data.entrySet()) {
            size += encodedSize(entry.getKey()) + 1 + encodedSize(entry.getValue());
        }
        return size;
    }

    private static long encodedSize(String value) {
        long size = 2;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t') {
                size += 2;
            }
            else if (c < 0x20) {
                size += 6;
            }
            else if (c < 0x80) {
                size += 1;
            }
            else if (c < 0x800 || Character.isSurrogate(c)) {
                // Each half of a surrogate pair counts 2: the pair is one 4-byte UTF-8 sequence.
                size += 2;
            }
            else {
                size += 3;
            }
        }
        return size;
    }

    private static void appendString(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /**
     * Decodes what {@link #encode(Map)} wrote.
     * @param json the JSON text
     * @return the data, in the encoded order
     * @throws StorageException when the stored text is not such an object
     */
    public static Map<String, String> decode(String json) {
        Arguments.requireNonNull(json, "json");
        Reader reader = new Reader(json);
        Map<String, String> data = new LinkedHashMap<>();
        reader.expect('{');
        if (!reader.consumeIf('}')) {
            do {
                String key = reader.string();
                reader.expect(':');
                data.put(key, reader.string());
            }
            while (reader.consumeIf(','));
            reader.expect('}');
        }
        reader.expectEnd();
        return Collections.unmodifiableMap(data);
    }

    private static final class Reader {

        private final String text;

        private int position;

        Reader(String text) {
            this.text = text;
        }

        void expect(char c) {
            if (!consumeIf(c)) {
                throw corrupt("expected '" + c + "'");
            }
        }

        boolean consumeIf(char c) {
            if (this.position < this.text.length() && this.text.charAt(this.position) == c) {
                this.position++;
                return true;
            }
            return false;
        }

        void expectEnd() {
            if (this.position != this.text.length()) {
                throw corrupt("trailing characters");
            }
        }

        String string() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (this.position < this.text.length()) {
                char c = this.text.charAt(this.position++);
                if (c == '"') {
                    return value.toString();
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (this.position >= this.text.length()) {
                    break;
                }
                char escaped = this.text.charAt(this.position++);
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'u' -> {
                        if (this.position + 4 > this.text.length()) {
                            throw corrupt("truncated unicode escape");
                        }
                        value.append(hexChar(this.text.substring(this.position, this.position + 4)));
                        this.position += 4;
                    }
                    default -> throw corrupt("unknown escape \\" + escaped);
                }
            }
            throw corrupt("unterminated string");
        }

        private char hexChar(String hex) {
            try {
                return (char) Integer.parseInt(hex, 16);
            }
            catch (NumberFormatException ex) {
                throw corrupt("malformed unicode escape");
            }
        }

        private StorageException corrupt(String problem) {
            return new StorageException("Stored conversation data is corrupt: " + problem + " at offset " + this.position);
        }

    }

}
