package cn.cdcq.registry.client.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An append-only file of JSON lines, read back on start: each record is one line ending in
 * {@code "\n"}, forced to disk before {@link #append} returns.
 *
 * <p>A crash can leave the last line torn: written in part, without its newline. Such a record was
 * never acknowledged (its event comes again, its answer was never given), so on {@link #open} the
 * file is <b>cut back to the end of its last complete line</b> before anything is appended. Appending
 * after the torn text instead would glue the next good record onto it, and that record would be
 * unreadable, and lost, on the next start. A complete line that does not parse (or is not UTF-8) is
 * skipped and counted. Both are logged by file and line number or byte count only, never by content:
 * the records may hold personal data. Not thread-safe: the owner appends under its own lock.
 */
public final class JsonLines implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(JsonLines.class);
    /** How many unreadable line numbers the warning names. */
    private static final int NAMED = 10;

    private final FileChannel channel;
    private final int skipped;
    private final long dropped;

    private JsonLines(FileChannel channel, int skipped, long dropped) {
        this.channel = channel;
        this.skipped = skipped;
        this.dropped = dropped;
    }

    /**
     * Reads {@code file} (none is an empty one, created here): each complete non-blank line is
     * parsed with {@code parse} and handed to {@code each}, in order. A line {@code parse} refuses
     * (a {@link RuntimeException}, or null) is skipped; what {@code each} throws is not caught. A
     * torn last line is then cut off, and the file is open for appending.
     */
    public static <T> JsonLines open(Path file, Function<String, T> parse, Consumer<? super T> each) throws IOException {
        long complete = 0; // bytes up to and including the last newline
        long total = 0;
        int lineNumber = 0;
        List<Integer> unreadable = new ArrayList<>();
        if (Files.exists(file)) {
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) >= 0; total += n) {
                    int from = 0;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            line.write(buffer, from, i - from);
                            lineNumber++;
                            if (!take(utf8, line.toByteArray(), parse, each)) {
                                unreadable.add(lineNumber);
                            }
                            line.reset();
                            from = i + 1;
                            complete = total + from;
                        }
                    }
                    line.write(buffer, from, n - from);
                }
            }
        }
        if (!unreadable.isEmpty()) {
            log.warn("{}: {} unreadable line(s) skipped, line numbers {}{}", file, unreadable.size(),
                    unreadable.subList(0, Math.min(NAMED, unreadable.size())),
                    unreadable.size() > NAMED ? " and more" : "");
        }
        long dropped = total - complete;
        if (dropped > 0) {
            try (FileChannel cut = FileChannel.open(file, StandardOpenOption.WRITE)) {
                cut.truncate(complete);
                cut.force(true);
            }
            log.warn("{}: a torn last line (no newline, cut short by a crash) of {} bytes dropped after line {}",
                    file, dropped, lineNumber);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new JsonLines(channel, unreadable.size(), dropped);
    }

    /** A new, empty file to append to; an existing one is emptied. */
    public static JsonLines create(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new JsonLines(channel, 0, 0);
    }

    private static <T> boolean take(CharsetDecoder utf8, byte[] bytes, Function<String, T> parse, Consumer<? super T> each) {
        String text;
        try {
            text = utf8.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
        if (text.isBlank()) {
            return true;
        }
        T value;
        try {
            value = parse.apply(text);
        } catch (RuntimeException unparseable) {
            return false; // its message may quote the line: not logged
        }
        if (value == null) {
            return false;
        }
        each.accept(value);
        return true;
    }

    /** Appends {@code json} (one line: no line break in it) and forces it to disk. */
    public void append(String json) throws IOException {
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a JSON line holds no line break");
        }
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(json + "\n");
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    /** Forces the content and the file's metadata to disk, e.g. before the file is renamed. */
    public void sync() throws IOException {
        channel.force(true);
    }

    /** How many complete lines {@link #open} skipped as unreadable. */
    public int skipped() {
        return skipped;
    }

    /** How many bytes of a torn last line {@link #open} cut off. */
    public long dropped() {
        return dropped;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
