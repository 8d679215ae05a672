package io.weir.pipeline.internal.operator;

import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.weir.api.operator.Operator;
import io.weir.api.operator.OperatorContext;
import io.weir.api.operator.OperatorFactory;

/**
 * The {@code backpressure} operator: {@code threshold} (required, the age above which an event is
 * late), {@code mode} ({@code discard}, the default, or {@code pause}) and {@code resume_after}
 * (pause mode: resume after this long without events, default the threshold).
 */
@Component(service = OperatorFactory.class,
        property = OperatorFactory.NAME + "=" + BackpressureOperatorFactory.TYPE)
public final class BackpressureOperatorFactory implements OperatorFactory {
    static final String TYPE = "backpressure";

    @Override
    public Operator create(OperatorContext context, Map<String, Object> options) {
        Options read = new Options(TYPE, context, options);
        read.required("threshold", "100ms");
        long threshold = read.duration("threshold", 0);
        String mode = read.text("mode", "discard");
        if (!mode.equals("discard") && !mode.equals("pause")) {
            throw read.error("mode", "'" + mode + "' is not a mode; use discard or pause");
        }
        boolean pause = mode.equals("pause");
        if (!pause && read.text("resume_after") != null) {
            throw read.error("resume_after", "only applies with mode = pause");
        }
        long resumeAfter = read.duration("resume_after", threshold);
        read.done();
        return new BackpressureOperator(context, threshold, pause, resumeAfter, System::nanoTime);
    }
}
