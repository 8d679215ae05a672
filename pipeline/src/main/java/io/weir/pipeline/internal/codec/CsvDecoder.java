package io.weir.pipeline.internal.codec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.weir.api.codec.CodecException;
import io.weir.api.codec.Decoder;

/**
 * Parses one CSV record (quoted fields may contain separators, doubled quotes and line ends) into
 * a list of strings. An empty frame is an empty list; a frame holding two records is an error.
 */
final class CsvDecoder implements Decoder {
    private final CsvFactory factory;
    private final CsvSchema schema;

    CsvDecoder(CsvFactory factory, CsvSchema schema) {
        this.factory = factory;
        this.schema = schema;
    }

    @Override
    public Object decode(byte[] data, int offset, int length) throws CodecException {
        try (CsvParser parser = (CsvParser) factory.createParser(data, offset, length)) {
            parser.setSchema(schema);
            List<Object> fields = new ArrayList<>();
            JsonToken token = parser.nextToken();
            if (token == null) {
                return fields;
            }
            while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
                fields.add(parser.getText());
            }
            if (parser.nextToken() != null) {
                throw new CodecException("csv: more than one record in the frame (split records with a preprocessor such as separate)");
            }
            return fields;
        } catch (JsonProcessingException e) {
            throw new CodecException("csv: " + JsonDecoder.problem(e), e);
        } catch (IOException e) {
            throw new CodecException("csv: " + e.getMessage(), e);
        }
    }

}
