package io.weir.connector.http.internal.server;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** Builds the server's replies: a status and one line of plain text saying why. */
final class Replies {
    private Replies() {
    }

    /**
     * @param version    the request's protocol version
     * @param status     the status code
     * @param message    one line for the body (not sent with 204)
     * @param keepAlive  whether the connection stays open
     * @param retryAfter seconds for Retry-After on 503, or negative for none
     * @param allow      the methods for the Allow header of 405, or null
     * @return the response
     */
    static FullHttpResponse reply(HttpVersion version, int status, String message, boolean keepAlive, int retryAfter,
            Set<String> allow) {
        HttpResponseStatus s = HttpResponseStatus.valueOf(status);
        byte[] body = status == 204 ? new byte[0] : (message + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(version == null ? HttpVersion.HTTP_1_1 : version, s,
                Unpooled.wrappedBuffer(body));
        if (body.length > 0) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        }
        if (status != 204) {
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        if (status == 503 && retryAfter >= 0) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfter);
        }
        if (allow != null) {
            response.headers().set(HttpHeaderNames.ALLOW, String.join(", ", new TreeSet<>(allow)));
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }
}
