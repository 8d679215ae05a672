package io.weir.pipeline.internal.codec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;
import io.weir.pipeline.internal.event.ArrayMap;

/**
 * Parses one JSON value per record straight from the record's bytes (no String of the whole
 * record). Plain records are read by {@link PlainJsonReader} without a parser per record; the rest,
 * and every malformed one, by Jackson, so values and error messages are Jackson's either way.
 * Objects become {@link ArrayMap}s (key order kept, the last of duplicate keys wins), integers
 * {@link Long}s, and other numbers {@link Double}s, including integers beyond the range of a long.
 * A record's top-level map is built on the key array of the previous record's, which costs nothing
 * but a store per member while records repeat their members in order.
 */
final class JsonDecoder implements Decoder {
    /** A record with more top-level members than this does not lend its keys to the next one. */
    static final int MAX_SHARED_KEYS = 256;
    private static final Object[] NO_KEYS = {};

    private final JsonFactory factory;
    /** The keys of the previous record's top-level object: the records of a stream mostly have the same members. */
    private Object[] topKeys = NO_KEYS;
    /** Reads most records without a Jackson parser; what it is unsure of, Jackson reads. */
    private final PlainJsonReader plain = new PlainJsonReader();

    JsonDecoder(JsonFactory factory) {
        this.factory = factory;
    }

    @Override
    public Object decode(byte[] data, int offset, int length) throws CodecException {
        Object value = plain.read(data, offset, length, topKeys);
        if (value == PlainJsonReader.UNSURE) {
            value = decodeWithJackson(data, offset, length);
        }
        // Only now, before the map leaves this thread, may its keys be lent (see ArrayMap#shareKeys).
        if (value instanceof ArrayMap<?, ?> map && map.size() <= MAX_SHARED_KEYS) {
            topKeys = map.shareKeys();
        }
        return value;
    }

    /** @return the value as Jackson reads it, for {@link PlainJsonReader}'s comparison tests */
    Object decodeWithJackson(byte[] data, int offset, int length) throws CodecException {
        // Jackson lets overlong forms through (C0 AF reads as '/'); the docs promise invalid UTF-8 goes to err.
        int invalid = Utf8.invalidAt(data, offset, length);
        if (invalid >= 0) {
            throw new CodecException("json: invalid UTF-8 at byte " + (invalid - offset));
        }
        try (JsonParser parser = factory.createParser(data, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new CodecException("json: empty record");
            }
            Object value = first == JsonToken.START_OBJECT ? readObject(parser, ArrayMap.sharingKeys(topKeys))
                    : read(parser, first);
            if (parser.nextToken() != null) {
                throw new CodecException("json: unexpected content after the value" + at(parser.currentTokenLocation()));
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new CodecException("json: " + problem(e), e);
        } catch (IOException e) {
            throw new CodecException("json: " + e.getMessage(), e);
        }
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException, CodecException {
        switch (token) {
            case START_OBJECT:
                return readObject(parser, new ArrayMap<>());
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(read(parser, next));
                }
                return list;
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                JsonParser.NumberType type = parser.getNumberType();
                if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                    return parser.getLongValue();
                }
                return finite(parser, parser.getBigIntegerValue().doubleValue());
            case VALUE_NUMBER_FLOAT:
                return finite(parser, parser.getDoubleValue());
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new CodecException("json: unexpected " + token + at(parser.currentTokenLocation()));
        }
    }

    private static Map<String, Object> readObject(JsonParser parser, ArrayMap<String, Object> map)
            throws IOException, CodecException {
        String name;
        while ((name = parser.nextFieldName()) != null) {
            map.putNext(name, read(parser, parser.nextToken()));
        }
        return map;
    }

    private static Double finite(JsonParser parser, double value) throws IOException, CodecException {
        if (Double.isInfinite(value)) {
            throw new CodecException("json: number " + parser.getText() + " is beyond the range of a double" + at(parser.currentTokenLocation()));
        }
        return value;
    }

    /** Jackson's message, with its nested source locations shortened to line and column. */
    static String problem(JsonProcessingException e) {
        return e.getOriginalMessage().replaceAll("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]", "[line $1, column $2]")
                + at(e.getLocation());
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " at column " + location.getColumnNr() + (location.getLineNr() > 1 ? " of line " + location.getLineNr() : "");
    }
}
