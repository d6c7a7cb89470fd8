package io.pixflow.adapter.persistence;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** What PixFlow adds to, and hides from, the JDBC URL an operator gives it. */
final class JdbcUrls {

    private static final String H2_PREFIX = "jdbc:h2:";
    private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";
    /**
     * Longest a pgjdbc connection waits for the next bytes of an answer. Every PixFlow query is an index lookup
     * of milliseconds, so a read that takes longer means a dead network or a stuck server: the request fails as
     * "service unavailable" instead of hanging, and the pool replaces the connection.
     */
    static final Duration POSTGRESQL_SOCKET_TIMEOUT = Duration.ofSeconds(5);
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
     * <p>{@code PAGE_SIZE=4096} (H2's default is 16 KiB) splits B-tree pages smaller. New payments' keys grow at
     * the end of each index, and each commit rewrites the last page of every index it touched, whole: a quarter
     * of the bytes to serialise and write per commit. Measured under 32-client create load: the insert writer's
     * CPU per payment 243 -> 178 us. H2 reads the setting from the URL each time it opens the file.
     *
     * <p>{@code CACHE_SIZE=4096} (KiB) keeps H2's page cache at 4 MiB. H2 sizes it by default at 64 MiB per GiB
     * of maximum heap (~30 MiB at the documented {@code -Xmx512m}), and every commit puts a fresh copy of each page
     * it wrote into it: under create load the cache is a stream of objects that live just long enough to be
     * promoted, and the collector pays for them. The pages a create and a confirmation touch (the last ones of
     * each index, the recent payments) fit in 4 MiB; a miss is read from the file, which the operating system
     * caches. Measured under 32-client create load (`wrk`, two 10 s runs on each of three or four servers per
     * setting): 5,153-6,058 creates/s at 250-297 us of server CPU by default, 5,933-7,243/s at 211-256 us with
     * 4 MiB, 5,887-7,076/s at 212-250 us with 1 MiB; full collections took 0.22-0.38 s, 0.12-0.17 s and
     * 0.06-0.21 s per 10 s. H2 reads the setting from the URL each time it opens the file.
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
        if (!hasSetting(completed, "PAGE_SIZE")) {
            completed += ";PAGE_SIZE=4096";
        }
        if (!hasSetting(completed, "CACHE_SIZE")) {
            completed += ";CACHE_SIZE=4096";
        }
        if (!hasSetting(completed, "DB_CLOSE_ON_EXIT")) {
            completed += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return completed;
    }

    /** Whether the database runs in this process: H2 by file or in memory, not an H2 server over TCP or SSL. */
    static boolean isEmbedded(String jdbcUrl) {
        if (!jdbcUrl.regionMatches(true, 0, H2_PREFIX, 0, H2_PREFIX.length())) {
            return false;
        }
        String database = jdbcUrl.substring(H2_PREFIX.length()).toLowerCase(Locale.ROOT);
        return !database.startsWith("tcp:") && !database.startsWith("ssl:");
    }

    static boolean isPostgresql(String jdbcUrl) {
        return jdbcUrl.startsWith(POSTGRESQL_PREFIX);
    }

    /**
     * Driver properties that bound how long a PostgreSQL connection can block, each one unless the URL sets it (an
     * operator's choice wins); empty for other databases. pgjdbc's own defaults wait forever for a login
     * ({@code loginTimeout=0}) and for an answer ({@code socketTimeout=0}) when packets are silently dropped.
     *
     * <ul>
     *   <li>{@code connectTimeout} (TCP connect) and {@code loginTimeout} (connect, TLS and authentication): the
     *       {@code connectionTimeout} a caller waits for a connection anyway, in whole seconds.</li>
     *   <li>{@code socketTimeout}: {@link #POSTGRESQL_SOCKET_TIMEOUT}, with {@code withSocketTimeout} only.
     *       Migrations go without it: building an index on a large table may rightly take minutes.</li>
     * </ul>
     */
    static Map<String, String> postgresqlTimeouts(String jdbcUrl, Duration connectionTimeout,
                                                  boolean withSocketTimeout) {
        Map<String, String> timeouts = new LinkedHashMap<>();
        if (!isPostgresql(jdbcUrl)) {
            return timeouts;
        }
        String connectSeconds = Long.toString(ceilSeconds(connectionTimeout));
        timeouts.put("connectTimeout", connectSeconds);
        timeouts.put("loginTimeout", connectSeconds);
        if (withSocketTimeout) {
            timeouts.put("socketTimeout", Long.toString(POSTGRESQL_SOCKET_TIMEOUT.toSeconds()));
        }
        timeouts.keySet().removeIf(property -> hasUrlParameter(jdbcUrl, property));
        return timeouts;
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

    private static long ceilSeconds(Duration duration) {
        return duration.plusNanos(999_999_999).toSeconds();
    }

    /** pgjdbc reads {@code ?name=value&...} after the database, with case-sensitive names. */
    private static boolean hasUrlParameter(String jdbcUrl, String name) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return false;
        }
        for (String parameter : jdbcUrl.substring(query + 1).split("&")) {
            int equals = parameter.indexOf('=');
            if ((equals < 0 ? parameter : parameter.substring(0, equals)).equals(name)) {
                return true;
            }
        }
        return false;
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
