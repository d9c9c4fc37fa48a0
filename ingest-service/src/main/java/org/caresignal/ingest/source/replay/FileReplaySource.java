package org.caresignal.ingest.source.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.caresignal.ingest.config.StreamConfig;
import org.caresignal.ingest.domain.FetchedPost;
import org.caresignal.ingest.domain.MalformedSourceResponseException;
import org.caresignal.ingest.domain.ReplayOptions;
import org.caresignal.ingest.domain.ReplayRecord;
import org.caresignal.ingest.domain.SourceConnector;
import org.caresignal.ingest.domain.SourceKind;
import org.caresignal.ingest.source.InvalidSettingException;
import org.caresignal.ingest.source.RoutedPost;
import org.caresignal.ingest.source.SourceFailure;
import org.caresignal.ingest.source.StreamContext;
import org.caresignal.ingest.source.StreamSource;

/**
 * Replays a JSONL or CSV file of posts (backfill, demos, benchmarks) at a set rate, as fast as
 * possible, or at the records' own timing scaled, through the same intake as every connector. The
 * committed cursor is the byte offset and line number after the last record taken, so a restart
 * goes on at the next line; malformed lines are counted, reported by line number and skipped. At
 * the end of the file it waits for appended lines.
 */
@ApplicationScoped
public class FileReplaySource implements StreamSource {

    static final int MAX_LINE_BYTES = 1 << 20;
    private static final Pattern CURSOR =
            Pattern.compile("\"offset\"\\s*:\\s*(\\d+)\\s*,\\s*\"line\"\\s*:\\s*(\\d+)");

    private final ObjectMapper mapper;
    private final StreamConfig config;

    public FileReplaySource(ObjectMapper mapper, StreamConfig config) {
        this.mapper = mapper;
        this.config = config;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.FILE;
    }

    @Override
    public void validate(String url, String query) {
        Path path;
        try {
            path = resolve(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("url", e.getMessage());
        }
        try {
            ReplayOptions.parse(query, path.getFileName().toString());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("query", e.getMessage());
        }
    }

    /** The file of {@code url} (a file: URL or a path, relative to the replay directory). */
    Path resolve(String url) {
        var dir =
                config.file()
                        .directory()
                        .filter(d -> !d.isBlank())
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "file replay is off: set"
                                                        + " caresignal.streams.file.directory"));
        Path base = Path.of(dir).toAbsolutePath().normalize();
        Path path;
        try {
            var u = url.strip();
            path = u.startsWith("file:") ? Path.of(URI.create(u)) : base.resolve(u);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new IllegalArgumentException("not a file path or file: URL");
        }
        path = path.toAbsolutePath().normalize();
        if (!path.startsWith(base) || path.equals(base)) {
            throw new IllegalArgumentException(
                    "must be a file inside the replay directory " + base);
        }
        return path;
    }

    /** The cursor as stored: byte offset and line number after the last record taken. */
    static String cursor(long offset, long line) {
        return "{\"offset\":" + offset + ",\"line\":" + line + "}";
    }

    @Override
    public void run(SourceConnector connector, StreamContext ctx) throws InterruptedException {
        var path = resolve(connector.baseUrl);
        var options = ReplayOptions.parse(connector.query, path.getFileName().toString());
        var stored = ctx.storedCursor();
        long offset = 0;
        long line = 0;
        if (stored != null) {
            var m = CURSOR.matcher(stored);
            if (m.find()) {
                offset = Long.parseLong(m.group(1));
                line = Long.parseLong(m.group(2));
            }
        }
        if (!Files.isRegularFile(path)) {
            throw SourceFailure.withHint(SourceFailure.Kind.FILE, "no file " + path.getFileName());
        }
        try (var channel = FileChannel.open(path)) {
            if (channel.size() < offset) {
                throw SourceFailure.withHint(
                        SourceFailure.Kind.MALFORMED,
                        path.getFileName()
                                + " is shorter than the committed offset "
                                + offset
                                + " (replaced or truncated?); re-create the connector to replay it");
            }
            Map<String, Integer> header = null;
            if (options.format() == ReplayOptions.Format.CSV && offset > 0) {
                header = readHeader(path);
            }
            channel.position(offset);
            ctx.connected(path.getFileName().toString());
            var replay =
                    new Replay(
                            connector, ctx, options, new Lines(Channels.newInputStream(channel)));
            replay.offset = offset;
            replay.line = line;
            replay.offsetLine = line;
            replay.committed = cursor(offset, line);
            replay.header = header;
            replay.fileName = path.getFileName().toString();
            replay.run();
        } catch (IOException e) {
            throw SourceFailure.withHint(
                    SourceFailure.Kind.FILE,
                    "cannot read " + path.getFileName() + ": " + e.getClass().getSimpleName());
        }
    }

    private Map<String, Integer> readHeader(Path path) throws IOException {
        try (var in = Files.newInputStream(path)) {
            var first = new Lines(in).next();
            if (first == null || first.data() == null) {
                throw SourceFailure.withHint(SourceFailure.Kind.MALFORMED, "line 1: no CSV header");
            }
            var fields = ReplayRecord.splitCsv(decode(first.data()));
            try {
                return ReplayRecord.csvHeader(fields == null ? List.of() : fields);
            } catch (MalformedSourceResponseException e) {
                throw SourceFailure.withHint(
                        SourceFailure.Kind.MALFORMED, "line 1: " + e.getMessage());
            }
        }
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /** One replay run: reads records, paces them, commits batches with the cursor. */
    private final class Replay {
        private final SourceConnector connector;
        private final StreamContext ctx;
        private final ReplayOptions options;
        private final Lines lines;
        private final List<RoutedPost> batch = new ArrayList<>();
        private String fileName;
        private Map<String, Integer> header;
        private long offset;
        private long line;
        private long offsetLine;
        private long lastFlush = System.nanoTime();
        private final long started = System.nanoTime();
        private long paced;
        private Double firstTime;

        Replay(SourceConnector connector, StreamContext ctx, ReplayOptions options, Lines lines) {
            this.connector = connector;
            this.ctx = ctx;
            this.options = options;
            this.lines = lines;
        }

        void run() throws IOException {
            var csvRecord = new StringBuilder();
            long csvStartLine = 0;
            while (ctx.running()) {
                var next = lines.next();
                if (next == null) {
                    flush(true);
                    if (!ctx.pause(config.file().tailInterval())) {
                        break;
                    }
                    continue;
                }
                line++;
                var end = offset + next.length();
                if (next.data() == null) {
                    skip(line, "longer than " + MAX_LINE_BYTES + " bytes", end);
                    continue;
                }
                String text;
                try {
                    text = decode(next.data());
                } catch (CharacterCodingException e) {
                    skip(line, "not UTF-8", end);
                    continue;
                }
                if (options.format() == ReplayOptions.Format.JSONL) {
                    if (text.isBlank()) {
                        advance(end);
                        continue;
                    }
                    ReplayRecord record;
                    try {
                        record = ReplayRecord.fromJson(mapper, text);
                    } catch (MalformedSourceResponseException e) {
                        skip(line, e.getMessage(), end);
                        continue;
                    }
                    take(record, line, end);
                    continue;
                }
                // CSV: a quoted field may hold line breaks, so a record can span lines.
                if (csvRecord.length() == 0) {
                    if (text.isBlank()) {
                        advance(end);
                        continue;
                    }
                    csvStartLine = line;
                } else {
                    csvRecord.append('\n');
                }
                csvRecord.append(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
                var fields = ReplayRecord.splitCsv(csvRecord.toString());
                if (fields == null) {
                    if (csvRecord.length() > MAX_LINE_BYTES) {
                        csvRecord.setLength(0);
                        skip(csvStartLine, "unterminated quoted field", end);
                    }
                    continue;
                }
                csvRecord.setLength(0);
                if (header == null) {
                    try {
                        header = ReplayRecord.csvHeader(fields);
                    } catch (MalformedSourceResponseException e) {
                        throw SourceFailure.withHint(
                                SourceFailure.Kind.MALFORMED,
                                "line " + csvStartLine + ": " + e.getMessage());
                    }
                    advance(end);
                    continue;
                }
                ReplayRecord record;
                try {
                    record = ReplayRecord.fromCsv(header, fields);
                } catch (MalformedSourceResponseException e) {
                    skip(csvStartLine, e.getMessage(), end);
                    continue;
                }
                take(record, csvStartLine, end);
            }
            flush(false);
        }

        private void skip(long lineNo, String reason, long end) {
            ctx.malformed("line " + lineNo + ": " + reason);
            Log.warnf("Replay %s: line %d skipped: %s", connector.id, lineNo, reason);
            advance(end);
        }

        private void take(ReplayRecord r, long lineNo, long end) {
            pace(r);
            var externalId = r.externalId() != null ? r.externalId() : fileName + ":" + lineNo;
            batch.add(
                    new RoutedPost(
                            r.source() != null ? r.source() : SourceKind.FILE.sourceName(),
                            r.brandId(),
                            r.facilityId(),
                            new FetchedPost(
                                    externalId,
                                    r.url(),
                                    r.text(),
                                    r.publishedAt(),
                                    r.authorHandle(),
                                    r.authorName())));
            ctx.event(null, "post");
            advance(end);
            if (batch.size() >= config.flushSize()
                    || System.nanoTime() - lastFlush >= config.flushInterval().toNanos()) {
                flush(false);
            }
        }

        /** Waits until the record is due, committing what waits first so it is not held back. */
        private void pace(ReplayRecord r) {
            long dueNanos;
            if (options.originalTiming()) {
                var t = r.timeSeconds();
                if (t == null) {
                    return;
                }
                if (firstTime == null) {
                    firstTime = t;
                }
                dueNanos = started + (long) (Math.max(0, t - firstTime) / options.speed() * 1e9);
            } else if (options.rate() != null) {
                dueNanos = started + (long) (paced++ / options.rate() * 1e9);
            } else {
                return;
            }
            var wait = dueNanos - System.nanoTime();
            if (wait > 0) {
                if (wait >= 20_000_000L || batch.size() >= config.flushSize()) {
                    flush(false);
                    wait = dueNanos - System.nanoTime();
                }
                if (wait > 0) {
                    ctx.pause(Duration.ofNanos(wait));
                }
            }
        }

        private void flush(boolean caughtUp) {
            lastFlush = System.nanoTime();
            var state = cursor(offset, offsetLine);
            if (batch.isEmpty() && state.equals(committed)) {
                return;
            }
            ctx.commit(List.copyOf(batch), state, "line " + offsetLine, caughtUp);
            committed = state;
            batch.clear();
        }

        private String committed;

        private void advance(long end) {
            offset = end;
            offsetLine = line;
        }
    }

    /** A line's bytes (null if too long) and how many bytes it took, newline included. */
    record Line(byte[] data, long length) {}

    /** Splits a stream into lines at '\n', keeping an unterminated last line until it ends. */
    static final class Lines {
        private final InputStream in;
        private final byte[] buf = new byte[64 * 1024];
        private int pos;
        private int len;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private long pendingLength;
        private boolean tooLong;

        Lines(InputStream in) {
            this.in = in;
        }

        /** The next complete line, or null at the end of the data written so far. */
        Line next() throws IOException {
            while (true) {
                if (pos == len) {
                    len = in.read(buf);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        return null;
                    }
                }
                int start = pos;
                while (pos < len && buf[pos] != '\n') {
                    pos++;
                }
                int n = pos - start;
                pendingLength += n;
                if (!tooLong) {
                    if (pending.size() + n > MAX_LINE_BYTES) {
                        tooLong = true;
                        pending.reset();
                    } else {
                        pending.write(buf, start, n);
                    }
                }
                if (pos < len) {
                    pos++;
                    var line = new Line(tooLong ? null : pending.toByteArray(), pendingLength + 1);
                    pending.reset();
                    pendingLength = 0;
                    tooLong = false;
                    return line;
                }
            }
        }
    }
}
