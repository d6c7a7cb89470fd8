package io.pixflow.payment.domain.pix;

import io.pixflow.payment.domain.AsciiCharacters;
import io.pixflow.payment.domain.InvalidBrCodeException;
import io.pixflow.payment.domain.InvalidValueException;
import io.pixflow.payment.domain.Money;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A static PIX BR Code ("copia e cola"), as the Banco Central's "Manual de Padrões para Iniciação do Pix"
 * defines it on top of EMV QRCPS-MPM.
 *
 * <p>Holds the data objects in their order, without the CRC (field 63), which {@link #payload()} computes.
 * Fields PixFlow does not interpret (01, 61, 80–99, …) are kept as they came, so a parsed code re-serialises
 * byte for byte. {@link #parse(String)} checks the TLV layout, the CRC and the PIX rules; {@link #builder}
 * writes a code with fields in the manual's order.
 */
public record BrCode(List<Tlv> fields) {

    public static final String PIX_GUI = "br.gov.bcb.pix";
    public static final String NO_TXID = "***";

    private static final String CRC_FIELD_HEADER = "6304";
    private static final int MAX_TXID_LENGTH = 25;
    // GUI, key and description share template 26: 18 characters for "0014br.gov.bcb.pix", 4 per header.
    private static final int GUI_FIELD_LENGTH = 4 + PIX_GUI.length();

    public BrCode {
        fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
        checkPixRules(fields);
    }

    /** Reads and validates a payload as a payer's bank app would receive it. */
    public static BrCode parse(String payload) {
        if (payload == null || payload.isEmpty()) {
            throw new InvalidBrCodeException("the payload is empty");
        }
        List<Tlv> all = Tlv.parseAll(payload);
        Tlv last = all.get(all.size() - 1);
        if (!last.id().equals("63")) {
            throw new InvalidBrCodeException("field 63 (CRC) must come last");
        }
        if (!isCrc(last.value())) {
            throw new InvalidBrCodeException("field 63 must hold 4 hexadecimal digits");
        }
        String expected = Crc16.hexOf(payload.substring(0, payload.length() - 4));
        if (!expected.equalsIgnoreCase(last.value())) {
            throw new InvalidBrCodeException("CRC is " + last.value() + " but the payload's CRC is " + expected);
        }
        return new BrCode(all.subList(0, all.size() - 1));
    }

    /** The full payload, CRC included: four uppercase hex digits over everything before them, "6304" too. */
    public String payload() {
        String body = Tlv.encodeAll(fields) + CRC_FIELD_HEADER;
        return body + Crc16.hexOf(body);
    }

    public PixKey pixKey() {
        return PixKey.parse(subfield("26", "01").orElseThrow());
    }

    /** The text the payer's bank app shows (26-02), if any. */
    public Optional<String> description() {
        return subfield("26", "02");
    }

    /** The amount (54); a code without one lets the payer type it. */
    public Optional<Money> amount() {
        return field("54").map(Money::ofReais);
    }

    public String merchantName() {
        return field("59").orElseThrow();
    }

    public String merchantCity() {
        return field("60").orElseThrow();
    }

    /** The transaction id (62-05): PixFlow's payment id, or {@code ***} when the code names none. */
    public String txid() {
        return subfield("62", "05").orElseThrow();
    }

    /** The longest description (26-02) that still fits template 26 beside {@code key}; may be zero. */
    public static int maxDescriptionLength(PixKey key) {
        return Math.max(0, Tlv.MAX_VALUE_LENGTH - GUI_FIELD_LENGTH - (4 + key.value().length()) - 4);
    }

    public static Builder builder(Merchant merchant) {
        return new Builder(merchant);
    }

    @Override
    public String toString() {
        return payload();
    }

    private Optional<String> field(String id) {
        return field(fields, id);
    }

    private Optional<String> subfield(String templateId, String id) {
        return field(templateId).flatMap(template -> field(Tlv.parseAll(template), id));
    }

    private static Optional<String> field(List<Tlv> fields, String id) {
        for (Tlv field : fields) {
            if (field.id().equals(id)) {
                return Optional.of(field.value());
            }
        }
        return Optional.empty();
    }

    private static void checkPixRules(List<Tlv> fields) {
        if (fields.isEmpty() || !fields.get(0).id().equals("00")) {
            throw new InvalidBrCodeException("field 00 (payload format) must come first");
        }
        Set<String> seen = new HashSet<>();
        for (Tlv field : fields) {
            if (!seen.add(field.id())) {
                throw new InvalidBrCodeException("field " + field.id() + " appears twice");
            }
            if (field.id().equals("63")) {
                throw new InvalidBrCodeException("field 63 (CRC) must come last");
            }
        }
        if (!require(fields, "00").equals("01")) {
            throw new InvalidBrCodeException("field 00 must be 01");
        }
        checkMerchantAccount(require(fields, "26"));
        if (!isMerchantCategory(require(fields, "52"))) {
            throw new InvalidBrCodeException("field 52 (merchant category) must be 4 digits");
        }
        if (!require(fields, "53").equals("986")) {
            throw new InvalidBrCodeException("field 53 (currency) must be 986, the Brazilian real");
        }
        field(fields, "54").ifPresent(BrCode::checkAmount);
        if (!require(fields, "58").equals("BR")) {
            throw new InvalidBrCodeException("field 58 (country) must be BR");
        }
        if (require(fields, "59").length() > Merchant.MAX_NAME_LENGTH) {
            throw new InvalidBrCodeException("field 59 (merchant name) must be at most 25 characters");
        }
        if (require(fields, "60").length() > Merchant.MAX_CITY_LENGTH) {
            throw new InvalidBrCodeException("field 60 (merchant city) must be at most 15 characters");
        }
        String txid = field(Tlv.parseAll(require(fields, "62")), "05")
                .orElseThrow(() -> new InvalidBrCodeException("field 62-05 (txid) is missing"));
        if (!txid.equals(NO_TXID) && !isTxid(txid)) {
            throw new InvalidBrCodeException("field 62-05 (txid) must be 1 to 25 letters or digits, or ***");
        }
    }

    private static void checkMerchantAccount(String template) {
        List<Tlv> account = Tlv.parseAll(template);
        String gui = field(account, "00")
                .orElseThrow(() -> new InvalidBrCodeException("field 26-00 (GUI) is missing"));
        if (!gui.equalsIgnoreCase(PIX_GUI)) {
            throw new InvalidBrCodeException("field 26-00 must be " + PIX_GUI);
        }
        String key = field(account, "01").orElseThrow(() -> new InvalidBrCodeException(
                field(account, "25").isPresent()
                        ? "dynamic BR Codes (a URL in 26-25) are not supported, only static ones"
                        : "field 26-01 (PIX key) is missing"));
        try {
            PixKey.parse(key);
        } catch (InvalidValueException e) {
            throw new InvalidBrCodeException("field 26-01 " + e.getMessage());
        }
    }

    private static void checkAmount(String amount) {
        if (amount.length() > 13) {
            throw new InvalidBrCodeException("field 54 (amount) must be at most 13 characters");
        }
        try {
            Money.ofReais(amount);
        } catch (InvalidValueException e) {
            throw new InvalidBrCodeException("field 54 (amount) " + e.getMessage().substring("value ".length()));
        }
    }

    private static String require(List<Tlv> fields, String id) {
        return field(fields, id).orElseThrow(() -> new InvalidBrCodeException("field " + id + " is missing"));
    }

    // Checked by hand rather than by regexes: every payment create builds and checks a code.

    /** 1 to 25 of {@code A-Za-z0-9}. */
    private static boolean isTxid(String text) {
        return !text.isEmpty() && text.length() <= MAX_TXID_LENGTH
                && AsciiCharacters.isLettersOrDigits(text, 0, text.length());
    }

    private static boolean isMerchantCategory(String text) {
        return text.length() == 4 && AsciiCharacters.isDigits(text, 0, 4);
    }

    /** 4 hexadecimal digits in either case: the CRC is compared ignoring case. */
    private static boolean isCrc(String text) {
        if (text.length() != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            char c = text.charAt(i);
            if (!AsciiCharacters.isDigit(c) && !(c >= 'A' && c <= 'F') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Writes a static BR Code with the fields in the order of the Banco Central manual. */
    public static final class Builder {

        private final Merchant merchant;
        private Money amount;
        private String txid = NO_TXID;
        private String description;

        private Builder(Merchant merchant) {
            this.merchant = Objects.requireNonNull(merchant, "merchant");
        }

        /** The amount the payer's app will fill in; leave unset to let the payer type one. */
        public Builder amount(Money amount) {
            this.amount = Objects.requireNonNull(amount, "amount");
            return this;
        }

        public Builder txid(String txid) {
            if (txid == null || !isTxid(txid)) {
                throw new InvalidValueException("txid", "must be 1 to 25 letters or digits");
            }
            this.txid = txid;
            return this;
        }

        /** Folded to ASCII; refused when it does not fit beside the key in template 26. */
        public Builder description(String description) {
            String ascii = description == null ? "" : Ascii.fold(description);
            int room = maxDescriptionLength(merchant.key());
            if (ascii.length() > room) {
                throw new InvalidValueException("description", room == 0
                        ? "cannot be used with this PIX key: the key leaves no room in the BR Code"
                        : "must be at most " + room + " characters with this PIX key");
            }
            this.description = ascii.isEmpty() ? null : ascii;
            return this;
        }

        public BrCode build() {
            List<Tlv> account = new ArrayList<>();
            account.add(new Tlv("00", PIX_GUI));
            account.add(new Tlv("01", merchant.key().value()));
            if (description != null) {
                account.add(new Tlv("02", description));
            }
            List<Tlv> fields = new ArrayList<>();
            fields.add(new Tlv("00", "01"));
            fields.add(new Tlv("26", Tlv.encodeAll(account)));
            fields.add(new Tlv("52", "0000"));
            fields.add(new Tlv("53", "986"));
            if (amount != null) {
                fields.add(new Tlv("54", amount.toPlainString()));
            }
            fields.add(new Tlv("58", "BR"));
            fields.add(new Tlv("59", merchant.name()));
            fields.add(new Tlv("60", merchant.city()));
            fields.add(new Tlv("62", new Tlv("05", txid).encode()));
            return new BrCode(fields);
        }
    }
}
