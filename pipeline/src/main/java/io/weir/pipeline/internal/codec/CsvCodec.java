package io.weir.pipeline.internal.codec;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.weir.api.codec.Codec;
import io.weir.api.codec.Decoder;
import io.weir.api.codec.Encoder;
import io.weir.pipeline.internal.option.Options;

/**
 * The {@code csv} codec: one CSV record per frame, as a list of strings (options
 * {@code separator}, default {@code ,}, and {@code quote}, default {@code "}). Encodes a list of
 * scalars back into one record without a line end.
 */
@Component(service = Codec.class, property = Codec.NAME + "=csv")
public final class CsvCodec implements Codec {
    private static final CsvFactory FACTORY = new CsvFactory();

    @Override
    public Decoder decoder(Map<String, Object> options) {
        return new CsvDecoder(FACTORY, schema(options));
    }

    @Override
    public Encoder encoder(Map<String, Object> options) {
        return new CsvEncoder(FACTORY, schema(options));
    }

    private static CsvSchema schema(Map<String, Object> options) {
        Options o = Options.of("csv", options, "separator", "quote");
        char separator = o.singleChar("separator", ',');
        char quote = o.singleChar("quote", '"');
        if (separator == quote || separator == '\n' || separator == '\r' || quote == '\n' || quote == '\r') {
            throw o.invalid("quote", "must differ from the separator and from line ends", String.valueOf(quote));
        }
        return CsvSchema.emptySchema().withColumnSeparator(separator).withQuoteChar(quote).withLineSeparator("");
    }
}
