package org.caresignal.ingest.source.rss;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * Decodes a feed's bytes to text the way feed readers do: a byte order mark wins, then the XML
 * declaration's encoding, checked against the bytes (a feed declaring ISO-8859-1 that is really
 * UTF-8, or declaring UTF-8 with Windows-1252 bytes, is read as what it is).
 */
final class FeedText {

    private static final int PROLOG_BYTES = 200;

    private FeedText() {}

    static String decode(byte[] body) {
        if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
            return lenient(body, 3, StandardCharsets.UTF_8);
        }
        if (startsWith(body, 0xFE, 0xFF)) {
            return lenient(body, 2, StandardCharsets.UTF_16BE);
        }
        if (startsWith(body, 0xFF, 0xFE)) {
            return lenient(body, 2, StandardCharsets.UTF_16LE);
        }
        if (startsWith(body, 0x00, '<')) {
            return lenient(body, 0, StandardCharsets.UTF_16BE);
        }
        if (startsWith(body, '<', 0x00)) {
            return lenient(body, 0, StandardCharsets.UTF_16LE);
        }
        var declared = declaredCharset(body);
        var utf8 = strict(body, StandardCharsets.UTF_8);
        if (declared == null || declared.equals(StandardCharsets.UTF_8)) {
            // Undeclared or UTF-8 but not valid UTF-8: the usual culprit is Windows-1252.
            return utf8 != null ? utf8 : lenient(body, 0, Charset.forName("windows-1252"));
        }
        if (isSingleByteLatin(declared) && utf8 != null && hasMultiByteSequence(body)) {
            // Valid UTF-8 with multi-byte sequences is practically never real Latin-1 text.
            return utf8;
        }
        var asDeclared = strict(body, declared);
        if (asDeclared != null) {
            return asDeclared;
        }
        return utf8 != null ? utf8 : lenient(body, 0, Charset.forName("windows-1252"));
    }

    /** The encoding named in {@code <?xml ... encoding="..."?>}, if it names a known charset. */
    private static Charset declaredCharset(byte[] body) {
        var prolog =
                new String(
                        body, 0, Math.min(body.length, PROLOG_BYTES), StandardCharsets.ISO_8859_1);
        if (!prolog.startsWith("<?xml")) {
            int start = prolog.indexOf("<?xml");
            if (start < 0 || !prolog.substring(0, start).isBlank()) {
                return null;
            }
            prolog = prolog.substring(start);
        }
        int end = prolog.indexOf("?>");
        if (end < 0) {
            return null;
        }
        var decl = prolog.substring(0, end);
        int at = decl.indexOf("encoding");
        if (at < 0) {
            return null;
        }
        int quote = -1;
        for (int i = at + "encoding".length(); i < decl.length(); i++) {
            char c = decl.charAt(i);
            if (c == '"' || c == '\'') {
                quote = i;
                break;
            }
        }
        if (quote < 0) {
            return null;
        }
        int close = decl.indexOf(decl.charAt(quote), quote + 1);
        if (close < 0) {
            return null;
        }
        try {
            return Charset.forName(decl.substring(quote + 1, close).strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static boolean isSingleByteLatin(Charset charset) {
        var name = charset.name().toLowerCase(Locale.ROOT);
        return name.equals("iso-8859-1")
                || name.equals("windows-1252")
                || name.equals("us-ascii")
                || name.equals("iso-8859-15");
    }

    private static boolean hasMultiByteSequence(byte[] body) {
        for (byte b : body) {
            if ((b & 0x80) != 0) {
                return true;
            }
        }
        return false;
    }

    private static String strict(byte[] body, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String lenient(byte[] body, int offset, Charset charset) {
        return new String(body, offset, body.length - offset, charset);
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
