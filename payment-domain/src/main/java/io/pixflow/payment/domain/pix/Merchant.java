package io.pixflow.payment.domain.pix;

import io.pixflow.payment.domain.InvalidValueException;
import java.util.Locale;
import java.util.Objects;

/**
 * Who receives the money: the PIX key and the name and city the payer's bank app shows (BR Code fields 59
 * and 60). Name and city are written the way the Banco Central manual asks: uppercase ASCII without accents,
 * at most 25 and 15 characters, so "Padaria São João" in "Florianópolis" becomes "PADARIA SAO JOAO" in
 * "FLORIANOPOLIS".
 */
public record Merchant(PixKey key, String name, String city) {

    public static final int MAX_NAME_LENGTH = 25;
    public static final int MAX_CITY_LENGTH = 15;

    public Merchant {
        Objects.requireNonNull(key, "key");
        name = normalise(name, "merchant_name", MAX_NAME_LENGTH);
        city = normalise(city, "merchant_city", MAX_CITY_LENGTH);
    }

    /** Strips accents, drops what is not printable ASCII, uppercases, folds spaces and truncates. */
    static String normalise(String text, String field, int maxLength) {
        if (text == null) {
            throw new InvalidValueException(field, "is required");
        }
        String ascii = Ascii.fold(text).toUpperCase(Locale.ROOT);
        if (ascii.length() > maxLength) {
            ascii = ascii.substring(0, maxLength).strip();
        }
        if (ascii.isEmpty()) {
            throw new InvalidValueException(field, "must contain letters or digits");
        }
        return ascii;
    }
}
