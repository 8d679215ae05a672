package io.weir.pipeline.internal.codec;

import java.io.IOException;
import java.util.Collection;

import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Encoder;

/**
 * Writes a list of scalars as one CSV record, quoting only the fields that need it. Null becomes
 * an empty field; nested lists and maps, and values other than lists, are refused.
 */
final class CsvEncoder implements Encoder {
    private final CsvFactory factory;
    private final CsvSchema schema;
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(256);

    CsvEncoder(CsvFactory factory, CsvSchema schema) {
        this.factory = factory;
        this.schema = schema;
    }

    @Override
    public byte[] encode(Object value) throws CodecException {
        if (!(value instanceof Collection)) {
            throw new CodecException("csv: cannot encode a value of type " + JsonEncoder.typeOf(value) + ", only a list of fields");
        }
        buffer.reset();
        try (CsvGenerator generator = (CsvGenerator) factory.createGenerator(buffer)) {
            generator.setSchema(schema);
            generator.enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);
            generator.writeStartArray();
            int index = 0;
            for (Object field : (Collection<?>) value) {
                writeField(generator, field, index++);
            }
            generator.writeEndArray();
        } catch (IOException e) {
            throw new CodecException("csv: cannot encode the record: " + e.getMessage(), e);
        }
        return buffer.toByteArray();
    }

    private static void writeField(CsvGenerator generator, Object field, int index) throws IOException, CodecException {
        if (field == null) {
            generator.writeString(""); // writeNull() would drop the column
        } else if (field instanceof String) {
            generator.writeString((String) field);
        } else if (field instanceof Long || field instanceof Integer || field instanceof Short || field instanceof Byte) {
            generator.writeNumber(((Number) field).longValue());
        } else if (field instanceof Double || field instanceof Float) {
            generator.writeNumber(((Number) field).doubleValue());
        } else if (field instanceof Boolean) {
            generator.writeBoolean((Boolean) field);
        } else {
            throw new CodecException("csv: cannot encode field " + index + " of type " + JsonEncoder.typeOf(field) + ", only strings, numbers, booleans and null");
        }
    }
}
