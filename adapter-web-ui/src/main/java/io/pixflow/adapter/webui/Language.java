package io.pixflow.adapter.webui;

import io.pixflow.payment.domain.Money;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The languages the pages speak: Brazilian Portuguese unless the browser prefers English.
 *
 * <p>Amounts are formatted with fixed symbols rather than the JDK's locale data, whose currency patterns change
 * between releases (a no-break space in "R$ 1.500,00", for one) and would make the page differ by JDK.
 */
enum Language {

    PORTUGUESE("pt-BR", "R$ ", '.', ','),
    ENGLISH("en", "R$", ',', '.');

    private final String tag;
    private final String currencyPrefix;
    private final char groupingSeparator;
    private final char decimalSeparator;

    Language(String tag, String currencyPrefix, char groupingSeparator, char decimalSeparator) {
        this.tag = tag;
        this.currencyPrefix = currencyPrefix;
        this.groupingSeparator = groupingSeparator;
        this.decimalSeparator = decimalSeparator;
    }

    /** The BCP 47 tag for {@code <html lang>}. */
    String tag() {
        return tag;
    }

    /** {@code R$ 1.500,00} in Portuguese, {@code R$1,500.00} in English. */
    String format(Money amount) {
        DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
        symbols.setGroupingSeparator(groupingSeparator);
        symbols.setDecimalSeparator(decimalSeparator);
        // DecimalFormat is not thread-safe: one per call is cheap next to rendering a page.
        DecimalFormat format = new DecimalFormat("#,##0.00", symbols);
        return currencyPrefix + format.format(amount.toReais());
    }

    /**
     * Reads an {@code Accept-Language} header (RFC 9110 §12.5.4): the supported language with the highest
     * q-value wins, the header's order breaks ties, {@code q=0} means "not this one", and an entry that cannot
     * be read is skipped rather than spoiling the rest. No header, or nothing supported: Portuguese.
     */
    static Language preferredBy(String acceptLanguage) {
        if (acceptLanguage == null) {
            return PORTUGUESE;
        }
        List<WeightedRange> ranges = new ArrayList<>();
        for (String entry : acceptLanguage.split(",", -1)) {
            WeightedRange range = WeightedRange.parse(entry);
            if (range != null && range.weight > 0) {
                ranges.add(range);
            }
        }
        // List.sort is stable, so equal weights keep the header's order.
        ranges.sort(Comparator.comparingDouble((WeightedRange range) -> range.weight).reversed());
        for (WeightedRange range : ranges) {
            switch (range.primaryLanguage) {
                case "en":
                    return ENGLISH;
                case "pt":
                case "*":
                    return PORTUGUESE;
                default:
                    break;
            }
        }
        return PORTUGUESE;
    }

    private record WeightedRange(String primaryLanguage, double weight) {

        /** {@code en-US;q=0.8} → ("en", 0.8); {@code null} when the entry is not a language range. */
        static WeightedRange parse(String entry) {
            String[] parts = entry.split(";", -1);
            String range = parts[0].trim().toLowerCase(Locale.ROOT);
            if (!range.matches("\\*|[a-z]{1,8}([-_][a-z0-9]{1,8})*")) {
                return null;
            }
            double weight = 1.0;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
                if (parameter.startsWith("q=")) {
                    String value = parameter.substring(2).trim();
                    if (!value.matches("0(\\.\\d{0,3})?|1(\\.0{0,3})?")) {
                        return null;
                    }
                    weight = Double.parseDouble(value);
                }
            }
            return new WeightedRange(range.split("[-_]")[0], weight);
        }
    }
}
