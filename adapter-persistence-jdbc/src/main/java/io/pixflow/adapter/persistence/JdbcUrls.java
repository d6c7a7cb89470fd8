package io.pixflow.adapter.persistence;

import java.util.Locale;
import java.util.regex.Pattern;

/** What PixFlow adds to, and hides from, the JDBC URL an operator gives it. */
final class JdbcUrls {

    private static final String H2_PREFIX = "jdbc:h2:";
    private static final Pattern PASSWORD_SETTING = Pattern.compile("(?i)(password=)[^;&\\s]*");
    private static final Pattern PASSWORD_IN_USER_INFO = Pattern.compile("(//[^/:@\\s]*:)[^/@\\s]*@");

    private JdbcUrls() {
    }

    /**
     * Settings PixFlow needs from an H2 database that is not in-memory, appended unless the URL already sets them.
     *
     * <p>{@code WRITE_DELAY=0} makes it durable: a commit returns only once it is written to the database file.
     * By default H2 2.x (MVStore) commits in memory and a background thread writes every {@code WRITE_DELAY} =
     * 500 ms, so a commit acknowledged just before a {@code kill -9} is lost. In 2.5.252, {@code Database} reads
     * the setting from the URL each time it opens the file (default 500) and hands it to
     * {@code MVStore.setAutoCommitDelay}; with 0, {@code TransactionStore.endTransaction} calls
     * {@code MVStore.commit()}, which writes the chunk before the commit returns. The write reaches the operating
     * system, not necessarily the disk: it survives the process dying, not a power cut.
     *
     * <p>{@code DB_CLOSE_ON_EXIT=FALSE} leaves closing to {@link Database#close()}: H2's own shutdown hook would
     * close the database while the server is still finishing its last requests. Nothing committed depends on a
     * clean close.
     */
    static String withH2FileSettings(String jdbcUrl) {
        if (!jdbcUrl.regionMatches(true, 0, H2_PREFIX, 0, H2_PREFIX.length())
                || isInMemory(jdbcUrl.substring(H2_PREFIX.length()))) {
            return jdbcUrl;
        }
        String completed = jdbcUrl;
        if (!hasSetting(completed, "WRITE_DELAY")) {
            completed += ";WRITE_DELAY=0";
        }
        if (!hasSetting(completed, "DB_CLOSE_ON_EXIT")) {
            completed += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return completed;
    }

    /** The URL with any password in it masked, so it can be logged and shown in error messages. */
    static String redact(String jdbcUrl) {
        String masked = PASSWORD_SETTING.matcher(jdbcUrl).replaceAll("$1***");
        return PASSWORD_IN_USER_INFO.matcher(masked).replaceAll("$1***@");
    }

    private static boolean isInMemory(String h2Database) {
        String name = h2Database.toLowerCase(Locale.ROOT);
        if (name.startsWith("tcp://") || name.startsWith("ssl://")) {
            int path = name.indexOf('/', "tcp://".length());
            name = path < 0 ? "" : name.substring(path + 1);
        }
        return name.startsWith("mem:");
    }

    private static boolean hasSetting(String jdbcUrl, String setting) {
        String[] parts = jdbcUrl.split(";");
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            String key = equals < 0 ? parts[i] : parts[i].substring(0, equals);
            if (key.trim().equalsIgnoreCase(setting)) {
                return true;
            }
        }
        return false;
    }
}
