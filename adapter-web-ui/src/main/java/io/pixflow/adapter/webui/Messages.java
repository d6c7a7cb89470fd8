package io.pixflow.adapter.webui;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The pages' texts, one properties file (UTF-8) per language: {@code messages_pt_BR.properties} and
 * {@code messages_en.properties} beside this class.
 */
final class Messages {

    private final Map<Language, Map<String, String>> texts = new EnumMap<>(Language.class);

    Messages() {
        for (Language language : Language.values()) {
            texts.put(language, load("messages_" + language.tag().replace('-', '_') + ".properties"));
        }
    }

    /** Every text in {@code language}, by key. */
    Map<String, String> in(Language language) {
        return texts.get(language);
    }

    private static Map<String, String> load(String name) {
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name + " beside " + Messages.class.getName());
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> byKey = new TreeMap<>();
            properties.stringPropertyNames().forEach(key -> byKey.put(key, properties.getProperty(key)));
            return Map.copyOf(byKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
