package io.mtgo.storage.apps;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * A second process that opens an H2 file and keeps it open, as a second instance of a bot would.
 */
public final class H2FileHolder {

    private H2FileHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + args[0], "sa", "")) {
            connection.createStatement().execute("CREATE TABLE IF NOT EXISTS held (id INT)");
            System.out.println("holding");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

}
